"""Workflows on courses: what views, commands and (later) the API call.

Every edit of a course carries the version the user started from; a stale version
is refused (optimistic locking with a conditional UPDATE), so two people editing the
same course never silently overwrite each other.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog, User
from jobbro.accounts.roles import Role
from jobbro.cases.models import (
    DEFAULT_HOMEWORK_TEMPLATES,
    JOB_OUTCOMES,
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    InformationMeeting,
    MeetingInvitation,
    MunicipalitySettings,
    Outcome,
    Phase,
    PhaseChange,
)
from jobbro.cases.transitions import guard
from jobbro.citizens.models import (
    DEFAULT_TARGET_GROUP,
    DEFAULT_TARGET_GROUPS,
    MAX_WISH_WORKPLACES,
    Citizen,
    TargetGroup,
    WishWorkplace,
)
from jobbro.errors import Conflict, StaleVersion
from jobbro.lib.cpr import normalize_cpr

STALE_MESSAGE = "Forløbet er ændret af en anden, siden du åbnede det. Genindlæs siden og prøv igen."


class CourseChanged(StaleVersion):
    """Someone saved the course after this user opened it (HTTP 409 stale_version)."""

    def __init__(self) -> None:
        super().__init__(_(STALE_MESSAGE), code="stale")


def _claim(course: Course, version: int) -> None:
    """Take the next version, or refuse if another save got there first."""
    updated = Course.objects.filter(pk=course.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise CourseChanged()
    course.version = version + 1


# -- reference lists the municipality can extend ----------------------------------


def target_groups_ensure(*, municipality_id: int) -> None:
    existing = set(
        TargetGroup.objects.filter(municipality_id=municipality_id).values_list("code", flat=True)
    )
    TargetGroup.objects.bulk_create(
        TargetGroup(municipality_id=municipality_id, code=code, name=name)
        for code, name in DEFAULT_TARGET_GROUPS
        if code not in existing
    )


def homework_templates_ensure(*, municipality_id: int) -> None:
    if HomeworkTemplate.objects.filter(municipality_id=municipality_id).exists():
        return
    HomeworkTemplate.objects.bulk_create(
        HomeworkTemplate(municipality_id=municipality_id, title=t, description=d, kind=k)
        for t, d, k in DEFAULT_HOMEWORK_TEMPLATES
    )


@transaction.atomic
def target_group_create(*, by: User, name: str) -> TargetGroup:
    from django.utils.text import slugify

    group = TargetGroup(municipality_id=by.municipality_id, name=name, code=slugify(name)[:40])
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def homework_template_save(
    *,
    by: User,
    template: HomeworkTemplate | None,
    title: str,
    description: str,
    kind: str,
    is_active: bool = True,
) -> HomeworkTemplate:
    template = template or HomeworkTemplate(municipality_id=by.municipality_id)
    template.title, template.description, template.kind = title, description, kind
    template.is_active = is_active
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def settings_update(
    *, by: User, first_contact_days: int, follow_up_days: int, match_to_start_days: int
) -> MunicipalitySettings:
    found = MunicipalitySettings.for_municipality(by.municipality_id)
    found.first_contact_days = first_contact_days
    found.follow_up_days = follow_up_days
    found.match_to_start_days = match_to_start_days
    found.full_clean()
    found.save()
    return found


def reminders_set(*, by: User, enabled: bool) -> MunicipalitySettings:
    """Switch the worker's e-mail reminders on or off for the user's municipality."""
    found = MunicipalitySettings.for_municipality(by.municipality_id)
    found.reminders_enabled = enabled
    found.save(update_fields=["reminders_enabled"])
    return found


# -- citizen and course ------------------------------------------------------------


def _check_staff(municipality_id: int, user: User | None, role: Role, field: str) -> None:
    if user is None:
        return
    if user.municipality_id != municipality_id or user.role != role or not user.is_active:
        raise ValidationError({field: _("Vælg en aktiv medarbejder i jobcentret med rollen.")})


@transaction.atomic
def citizen_create(*, by: User, fields: dict, log: bool = True) -> Citizen:
    """A citizen in the user's municipality (CPR normalised, default target group)."""
    municipality_id = by.municipality_id
    target_groups_ensure(municipality_id=municipality_id)
    fields = dict(fields)
    fields["cpr"] = normalize_cpr(fields["cpr"]) if fields.get("cpr") else fields.get("cpr", "")
    if fields.get("target_group") is None:
        fields["target_group"] = TargetGroup.objects.get(
            municipality_id=municipality_id, code=DEFAULT_TARGET_GROUP
        )
    elif fields["target_group"].municipality_id != municipality_id:
        raise ValidationError({"target_group": _("Vælg en målgruppe fra listen.")})
    if Citizen.objects.filter(municipality_id=municipality_id, cpr=fields["cpr"]).exists():
        raise ValidationError(
            {"cpr": _("Der findes allerede en borger med dette CPR-nummer i kommunen.")}
        )
    citizen = Citizen(municipality_id=municipality_id, **fields)
    citizen.full_clean()
    citizen.save()
    if log:
        log_access(by, AccessLog.Action.CREATE, citizen, purpose="citizen.create")
    return citizen


@transaction.atomic
def citizen_course_create(
    *,
    by: User,
    citizen_fields: dict,
    visitation_on: date,
    caseworker: User | None = None,
    consultant: User | None = None,
    voluntary: bool = True,
    motivation_notes: str = "",
) -> Course:
    """Visitation in one step: the citizen and their course, caseworker = the creator."""
    municipality_id = by.municipality_id
    citizen = citizen_create(by=by, fields=citizen_fields, log=False)
    caseworker = caseworker or by
    _check_staff(municipality_id, caseworker, Role.CASEWORKER, "caseworker")
    _check_staff(municipality_id, consultant, Role.CONSULTANT, "consultant")
    course = Course(
        municipality_id=municipality_id,
        citizen=citizen,
        caseworker=caseworker,
        consultant=consultant,
        phase=Phase.REFERRED,
        phase_started_on=visitation_on,
        visitation_on=visitation_on,
        voluntary=voluntary,
        motivation_notes=motivation_notes,
    )
    course.full_clean()
    course.save()
    PhaseChange.objects.create(
        municipality_id=municipality_id, course=course, to_phase=Phase.REFERRED, by=by
    )
    log_access(by, AccessLog.Action.CREATE, citizen, purpose="visitation")
    return course


@transaction.atomic
def course_create(
    *,
    by: User,
    citizen: Citizen,
    visitation_on: date,
    caseworker: User | None = None,
    consultant: User | None = None,
    voluntary: bool = True,
    motivation_notes: str = "",
    consent_to_share: bool = False,
) -> Course:
    """A new course for a known citizen (after an earlier one was closed)."""
    if Course.objects.filter(citizen=citizen).open().exists():
        raise Conflict(_("Borgeren har allerede et åbent forløb."))
    caseworker = caseworker or by
    _check_staff(citizen.municipality_id, caseworker, Role.CASEWORKER, "caseworker")
    _check_staff(citizen.municipality_id, consultant, Role.CONSULTANT, "consultant")
    course = Course(
        municipality_id=citizen.municipality_id,
        citizen=citizen,
        caseworker=caseworker,
        consultant=consultant,
        phase_started_on=visitation_on,
        visitation_on=visitation_on,
        voluntary=voluntary,
        motivation_notes=motivation_notes,
        consent_to_share=consent_to_share,
    )
    course.full_clean()
    course.save()
    PhaseChange.objects.create(
        municipality_id=course.municipality_id, course=course, to_phase=Phase.REFERRED, by=by
    )
    return course


@transaction.atomic
def citizen_update(*, by: User, citizen: Citizen, fields: dict) -> Citizen:
    for name, value in fields.items():
        setattr(citizen, name, value)
    if citizen.target_group and citizen.target_group.municipality_id != citizen.municipality_id:
        raise ValidationError({"target_group": _("Vælg en målgruppe fra listen.")})
    citizen.full_clean()
    citizen.save()
    log_access(by, AccessLog.Action.UPDATE, citizen, purpose="citizen.edit")
    return citizen


@transaction.atomic
def unemployment_period_add(*, by: User, citizen: Citizen, start_on: date, end_on: date | None):
    from jobbro.citizens.models import UnemploymentPeriod

    period = UnemploymentPeriod(
        municipality_id=citizen.municipality_id, citizen=citizen, start_on=start_on, end_on=end_on
    )
    period.full_clean()
    period.save()
    log_access(by, AccessLog.Action.UPDATE, citizen, purpose="citizen.edit")
    return period


VISITATION_FIELDS = (
    "visitation_on",
    "motivation_notes",
    "voluntary",
    "consent_to_share",
    "info_meeting_attended",
    "info_meeting_on",
)


@transaction.atomic
def course_visitation_update(*, by: User, course: Course, version: int, fields: dict) -> Course:
    for name in VISITATION_FIELDS:
        if name in fields:
            setattr(course, name, fields[name])
    if course.phase == Phase.REFERRED:
        course.phase_started_on = course.visitation_on
    course.full_clean()
    _claim(course, version)
    course.save(update_fields=[*VISITATION_FIELDS, "phase_started_on", "version"])
    log_access(by, AccessLog.Action.UPDATE, course, purpose="visitation")
    return course


def _event(course: Course, by: User, kind: str, text: str, occurred_on: date) -> CourseEvent:
    return CourseEvent.objects.create(
        municipality_id=course.municipality_id,
        course=course,
        kind=kind,
        text=text,
        author=by,
        occurred_on=occurred_on,
    )


@transaction.atomic
def course_assign(
    *,
    by: User,
    course: Course,
    version: int,
    caseworker: User,
    consultant: User | None,
    today: date,
) -> Course:
    """Reassign caseworker and/or consultant in one action; the change is on the timeline."""
    _check_staff(course.municipality_id, caseworker, Role.CASEWORKER, "caseworker")
    _check_staff(course.municipality_id, consultant, Role.CONSULTANT, "consultant")
    changes = []
    if caseworker.pk != course.caseworker_id:
        changes.append(_("Sagsbehandler: %(name)s") % {"name": caseworker})
    if (consultant.pk if consultant else None) != course.consultant_id:
        changes.append(_("Virksomhedskonsulent: %(name)s") % {"name": consultant or "–"})
    _claim(course, version)
    course.caseworker, course.consultant = caseworker, consultant
    course.save(update_fields=["caseworker", "consultant", "version"])
    if changes:
        _event(course, by, CourseEvent.Kind.ASSIGNMENT, "; ".join(changes), today)
    log_access(by, AccessLog.Action.UPDATE, course, purpose="course.assign")
    return course


def _record_phase(course: Course, by: User, to_phase: str, reason: str, details=None) -> None:
    PhaseChange.objects.create(
        municipality_id=course.municipality_id,
        course=course,
        from_phase=course.phase,
        to_phase=to_phase,
        by=by,
        reason=reason,
        details=details or {},
    )


@transaction.atomic
def course_transition(
    *, by: User, course: Course, version: int, to_phase: str, reason: str = "", today: date
) -> Course:
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": _("Vælg en fase fra listen.")})
    problem = guard(course, to_phase)
    if problem:
        # A valid phase the course may not enter now: a rule conflict (HTTP 409).
        raise Conflict({"to_phase": problem})
    _claim(course, version)
    _record_phase(course, by, to_phase, reason)
    course.phase, course.phase_started_on = to_phase, today
    course.save(update_fields=["phase", "phase_started_on", "version"])
    return course


CLOSE_FIELDS = [
    "phase",
    "phase_started_on",
    "closed_on",
    "outcome",
    "outcome_hours_per_week",
    "outcome_start_on",
    "outcome_programme",
    "upskilling",
    "close_reason",
]


def _outcome_errors(
    outcome: str, hours: Decimal | None, start_on: date | None, programme: str, reason: str
) -> dict:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Vælg forløbets resultat, før det afsluttes.")
    if outcome in JOB_OUTCOMES:
        if hours is None or not (Decimal("1") <= hours <= Decimal("60")):
            errors["outcome_hours_per_week"] = _("Skriv antal timer pr. uge i jobbet (1–60).")
        if start_on is None:
            errors["outcome_start_on"] = _("Skriv hvornår jobbet begynder.")
    if outcome == Outcome.EDUCATION and start_on is None:
        errors["outcome_start_on"] = _("Skriv hvornår uddannelsen begynder.")
    if outcome == Outcome.OTHER_PROGRAMME and not programme.strip():
        errors["outcome_programme"] = _("Skriv hvilken anden indsats borgeren overgår til.")
    if not reason.strip():
        errors["close_reason"] = _("Skriv en begrundelse for afslutningen.")
    return errors


@transaction.atomic
def course_close(
    *,
    by: User,
    course: Course,
    version: int,
    outcome: str,
    reason: str,
    upskilling: str = "",
    hours_per_week: Decimal | None = None,
    start_on: date | None = None,
    programme: str = "",
    today: date,
) -> Course:
    if course.is_closed:
        raise ValidationError(_("Forløbet er allerede afsluttet."))
    errors = _outcome_errors(outcome, hours_per_week, start_on, programme, reason)
    if errors:
        raise ValidationError(errors)
    _claim(course, version)
    job = outcome in JOB_OUTCOMES
    details = {
        "outcome": outcome,
        "hours_per_week": str(hours_per_week) if job else None,
        "start_on": start_on.isoformat() if start_on else None,
        "programme": programme if outcome == Outcome.OTHER_PROGRAMME else "",
        "upskilling": upskilling,
    }
    _record_phase(course, by, Phase.CLOSED, reason, details)
    course.phase, course.phase_started_on, course.closed_on = Phase.CLOSED, today, today
    course.outcome = outcome
    course.outcome_hours_per_week = hours_per_week if job else None
    course.outcome_start_on = start_on if outcome in JOB_OUTCOMES | {Outcome.EDUCATION} else None
    course.outcome_programme = programme if outcome == Outcome.OTHER_PROGRAMME else ""
    course.upskilling, course.close_reason = upskilling, reason
    course.save(update_fields=[*CLOSE_FIELDS, "version"])
    log_access(by, AccessLog.Action.UPDATE, course, purpose="course.close")
    return course


@transaction.atomic
def course_reopen(*, by: User, course: Course, version: int, reason: str, today: date) -> Course:
    """Only a manager reopens, with a reason; the course returns to the phase it left."""
    if by.role != Role.MANAGER:
        raise ValidationError(_("Kun en leder kan genåbne et afsluttet forløb."))
    if not course.is_closed:
        raise ValidationError(_("Forløbet er ikke afsluttet."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor forløbet genåbnes.")})
    if Course.objects.filter(citizen_id=course.citizen_id).open().exists():
        raise ValidationError(_("Borgeren har allerede et åbent forløb."))
    last_close = course.phase_changes.filter(to_phase=Phase.CLOSED).order_by("-at", "-id").first()
    back_to = (last_close.from_phase if last_close else "") or Phase.REFERRED
    _claim(course, version)
    _record_phase(course, by, back_to, reason)
    course.phase, course.phase_started_on, course.closed_on = back_to, today, None
    course.outcome, course.outcome_hours_per_week, course.outcome_start_on = "", None, None
    course.outcome_programme = course.close_reason = ""
    try:
        with transaction.atomic():
            course.save(update_fields=[*CLOSE_FIELDS, "version"])
    except IntegrityError:
        raise ValidationError(_("Borgeren har allerede et åbent forløb.")) from None
    return course


# -- timeline: notes and contacts --------------------------------------------------


@transaction.atomic
def course_note_add(
    *, by: User, course: Course, text: str, corrects: CourseEvent | None = None, today: date
) -> CourseEvent:
    if not text.strip():
        raise ValidationError({"text": _("Skriv notatets tekst.")})
    if corrects is not None and (corrects.course_id != course.pk or corrects.kind != "note"):
        raise ValidationError({"corrects": _("Et notat kan kun rette et notat på samme forløb.")})
    note = CourseEvent(
        municipality_id=course.municipality_id,
        course=course,
        kind=CourseEvent.Kind.NOTE,
        text=text,
        author=by,
        occurred_on=today,
        corrects=corrects,
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def course_note_edit(
    *, by: User, note: CourseEvent, text: str, now: datetime | None = None
) -> CourseEvent:
    if note.kind != CourseEvent.Kind.NOTE or note.author_id != by.pk:
        raise ValidationError(_("Kun forfatteren kan rette sit eget notat."))
    if not note.can_be_edited(now=now):
        raise ValidationError(
            {"text": _("Notatet er over 24 timer gammelt. Skriv et nyt notat, der retter det.")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Skriv notatets tekst.")})
    note.text, note.edited_at = text, now or timezone.now()
    note.save(update_fields=["text", "edited_at"])
    return note


CONTACT_KINDS = (CourseEvent.Kind.COMPANY_CONTACT, CourseEvent.Kind.FOLLOW_UP_CONTACT)


@transaction.atomic
def course_contact_record(
    *, by: User, course: Course, kind: str, occurred_on: date, text: str, today: date
) -> CourseEvent:
    """A contact with a company or a follow-up contact; feeds the waiting-time guard.

    Conversations (start/midway/final) and contact attempts record their contacts
    through this function too, so the guard counts them.
    """
    if kind not in CONTACT_KINDS:
        raise ValidationError({"kind": _("Vælg kontaktens type.")})
    if occurred_on > today:
        raise ValidationError({"occurred_on": _("En kontakt kan ikke ligge i fremtiden.")})
    if course.is_closed:
        raise ValidationError(_("Forløbet er afsluttet."))
    event = _event(course, by, kind, text or CourseEvent.Kind(kind).label, occurred_on)
    # Keep the guard's dates in one UPDATE that compares in the database, so two
    # contacts recorded at once cannot move a date backwards.
    day = Value(occurred_on, output_field=DateField())
    updates = {"last_contact_on": Greatest(Coalesce("last_contact_on", day), day)}
    if kind == CourseEvent.Kind.COMPANY_CONTACT:
        updates["first_company_contact_on"] = Least(Coalesce("first_company_contact_on", day), day)
    Course.objects.filter(pk=course.pk).update(**updates)
    course.refresh_from_db(fields=["first_company_contact_on", "last_contact_on"])
    return event


# -- homework ----------------------------------------------------------------------


@transaction.atomic
def homework_assign(
    *,
    by: User,
    course: Course,
    description: str,
    due_on: date | None,
    template: HomeworkTemplate | None = None,
    today: date,
) -> HomeworkItem:
    if template is not None and template.municipality_id != course.municipality_id:
        raise ValidationError({"template": _("Vælg en skabelon fra listen.")})
    if due_on is not None and due_on < today:
        raise ValidationError({"due_on": _("Fristen kan ikke ligge før i dag.")})
    if course.is_closed:
        raise ValidationError(_("Forløbet er afsluttet."))
    item = HomeworkItem(
        municipality_id=course.municipality_id,
        course=course,
        template=template,
        kind=template.kind if template else HomeworkTemplate.Kind.GENERAL,
        description=description or (template.title if template else ""),
        due_on=due_on,
        created_by=by,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def homework_update(
    *,
    by: User,
    item: HomeworkItem,
    status: str,
    answer: str,
    wish_workplaces: list[dict] | None = None,
) -> HomeworkItem:
    item.status, item.answer = status, answer
    item.full_clean()
    item.save(update_fields=["status", "answer", "updated_at"])
    if item.kind == HomeworkTemplate.Kind.WISH_WORKPLACES and wish_workplaces is not None:
        wish_workplaces_replace(by=by, citizen=item.course.citizen, rows=wish_workplaces)
    return item


def wish_workplaces_replace(*, by: User, citizen: Citizen, rows: list[dict]) -> None:
    """The citizen's (at most three) wish workplaces become exactly these rows."""
    rows = [r for r in rows if r.get("company_name", "").strip()]
    if len(rows) > MAX_WISH_WORKPLACES:
        raise ValidationError(_("Højst tre ønskearbejdspladser."))
    WishWorkplace.objects.filter(citizen=citizen).delete()
    for position, row in enumerate(rows, start=1):
        wish = WishWorkplace(
            municipality_id=citizen.municipality_id,
            citizen=citizen,
            position=position,
            company_name=row["company_name"].strip(),
            cvr=row.get("cvr", "").strip(),
            why=row.get("why", "").strip(),
        )
        wish.full_clean()
        wish.save()


# -- information meetings ----------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, by: User, starts_at: datetime, place: str, capacity: int
) -> InformationMeeting:
    meeting = InformationMeeting(
        municipality_id=by.municipality_id, starts_at=starts_at, place=place, capacity=capacity
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_invite(
    *, by: User, meeting: InformationMeeting, citizens: list[Citizen]
) -> list[MeetingInvitation]:
    # Lock the meeting row so two invitations at once cannot overbook it.
    InformationMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
    already = set(meeting.invitations.values_list("citizen_id", flat=True))
    new = [c for c in citizens if c.pk not in already]
    if any(c.municipality_id != meeting.municipality_id for c in new):
        raise ValidationError({"citizens": _("Vælg borgere fra listen.")})
    free = meeting.capacity - len(already)
    if len(new) > free:
        raise ValidationError(
            {
                "citizens": _("Mødet har %(free)s ledige pladser; du har valgt %(chosen)s borgere.")
                % {"free": free, "chosen": len(new)}
            }
        )
    return MeetingInvitation.objects.bulk_create(
        MeetingInvitation(municipality_id=meeting.municipality_id, meeting=meeting, citizen=c)
        for c in new
    )


@transaction.atomic
def meeting_attendance_record(
    *, by: User, meeting: InformationMeeting, attended_citizen_ids: set[int]
) -> None:
    """Mark who came; attendance shows on each citizen's open course (visitation)."""
    invitations = list(meeting.invitations.all())
    meeting_on = timezone.localtime(meeting.starts_at).date()
    for invitation in invitations:
        invitation.attended = invitation.citizen_id in attended_citizen_ids
    MeetingInvitation.objects.bulk_update(invitations, ["attended"])
    came = [i.citizen_id for i in invitations if i.attended]
    Course.objects.filter(citizen_id__in=came).open().update(
        info_meeting_attended=True, info_meeting_on=meeting_on, version=F("version") + 1
    )
