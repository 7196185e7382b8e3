"""Workflows of placements: what views, the API and the portals call.

One transaction per action; refusals name the rule (and its paragraph) in Danish.
"""

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from jobbro.access import can
from jobbro.accounts.models import User
from jobbro.cases.models import Course, CourseEvent, Phase
from jobbro.cases.services import course_contact_record, course_transition
from jobbro.companies.models import CapacityOverride, ContactPerson, Workplace
from jobbro.companies.services import capacity_check
from jobbro.errors import Conflict, StaleVersion
from jobbro.lib import schedule
from jobbro.lib.capacity import CapacityExceeded
from jobbro.placements import followup
from jobbro.placements.models import (
    MAX_DURATION,
    MIN_DURATION,
    AgreementApproval,
    AgreementVersion,
    Conversation,
    ConversationKind,
    FollowUpTemplate,
    Party,
    Placement,
    PlacementSettings,
    Purpose,
    SupportEntry,
    WeeklyFeedback,
    working_day_error,
)
from jobbro.placements.selectors import (
    approvals_missing,
    current_agreement,
    hours_text,
    max_hours,
)


def placement_defaults_provision(*, municipality_ids: Collection[int]) -> None:
    """The programme's length and the practice sheet's follow-up forms (version 1 of each
    kind) for municipalities being set up (idempotent)."""
    PlacementSettings.objects.bulk_create(
        [PlacementSettings(municipality_id=m) for m in municipality_ids], ignore_conflicts=True
    )
    FollowUpTemplate.objects.bulk_create(
        [
            FollowUpTemplate(
                municipality_id=m,
                kind=kind,
                version=1,
                questions=followup.to_data(followup.parse_lines(followup.DEFAULT_TEMPLATES[kind])),
            )
            for m in municipality_ids
            for kind in ConversationKind.values
        ],
        ignore_conflicts=True,
    )


def followup_template_current(*, municipality_id: int, kind: str) -> FollowUpTemplate:
    """The version in force of the municipality's form for one kind of conversation."""
    return FollowUpTemplate.objects.for_municipality(municipality_id).newest(kind)


@transaction.atomic
def followup_template_update(*, user: User, kind: str, lines: str) -> FollowUpTemplate:
    """Save edited questions as a new version (unchanged questions make none)."""
    if kind not in ConversationKind.values:
        raise ValidationError({"kind": "Ukendt samtaletype."})
    try:
        questions = followup.parse_lines(lines)
    except followup.TemplateError as exc:
        raise ValidationError({"lines": str(exc)}) from None
    current = followup_template_current(municipality_id=user.jobcenter_id, kind=kind)
    if current.questions == followup.to_data(questions):
        return current
    newest = FollowUpTemplate.objects.filter(
        municipality_id=user.jobcenter_id, kind=kind
    ).aggregate(Max("version"))["version__max"]
    return FollowUpTemplate.objects.create(
        municipality_id=user.jobcenter_id,
        kind=kind,
        version=newest + 1,
        questions=followup.to_data(questions),
        created_by=user,
    )


# -- placements ----------------------------------------------------------------------


def _placement_errors(
    *,
    course: Course,
    workplace: Workplace,
    contact_person: ContactPerson,
    start_on: date,
    weeks: int,
    hours_per_week: Decimal,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    if course.phase not in (Phase.MATCHING, Phase.PREPARATION):
        add("__all__", _("En praktik oprettes, når forløbet er i matching eller klargøring."))
    last_employer = course.citizen.last_employer_cvr
    if last_employer and workplace.company.cvr == last_employer:
        add(
            "workplace",
            _(
                "Praktik hos borgerens seneste arbejdsgiver er ikke tilladt for "
                "dagpengemodtagere (LAB § 61, stk. 2)."
            ),
        )
    if contact_person.workplace_id != workplace.pk:
        add("contact_person", _("Jobkontaktpersonen er ikke ansat på det valgte arbejdssted."))
    elif not contact_person.is_active:
        add("contact_person", _("Jobkontaktpersonen er ikke længere aktiv."))
    if hours_per_week > max_hours(workplace):
        add(
            "hours_per_week",
            _(
                "Højst %(max)s timer om ugen: arbejdsstedets normale arbejdstid og aldrig over "
                "37 timer (BEK 2636/2021 § 60)."
            )
            % {"max": hours_text(max_hours(workplace))},
        )
    if not 1 <= weeks <= 26:
        add("weeks", _("En praktik varer mellem 1 og 26 uger."))
    problem = working_day_error(start_on)
    if problem:
        add("start_on", problem)
    return errors


def _first_agreement(placement: Placement, by: User) -> AgreementVersion:
    person = placement.contact_person
    consultant = placement.course.consultant
    contacts = [f"Jobkontaktperson: {person.name}, {person.phone or '–'}, {person.email or '–'}"]
    if consultant:
        contacts.append(f"Virksomhedskonsulent: {consultant.get_full_name()}, {consultant.email}")
    return AgreementVersion.objects.create(
        municipality_id=placement.municipality_id,
        placement=placement,
        number=1,
        goals=str(Purpose(placement.purpose).label),
        tasks=placement.tasks,
        hours_and_place=(
            f"{hours_text(placement.hours_per_week)} timer om ugen hos {placement.workplace.name}, "
            f"{placement.workplace.address} {placement.workplace.postcode} "
            f"{placement.workplace.city}".strip()
        ),
        support=(
            "Jobkontaktpersonen holder et ugentligt feedbackmøde, vejleder i opgaverne, "
            "giver social og faglig sparring, hjælper med CV og ansøgninger og bruger sit netværk."
        ),
        feedback="Ugentligt feedbackmøde mellem jobkontaktperson og praktikant.",
        contacts="\n".join(contacts),
        ending=(
            "Ved afslutningssamtalen drøftes ordinær ansættelse, andre virksomheder i branchen "
            "og evt. opkvalificering."
        ),
        created_by=by,
    )


@transaction.atomic
def placement_create(
    *,
    by: User,
    course: Course,
    workplace: Workplace,
    contact_person: ContactPerson,
    start_on: date,
    hours_per_week: Decimal,
    purpose: str,
    tasks: str,
    weeks: int | None = None,
    override_reason: str = "",
    today: date,
) -> Placement:
    """Set up a whole internship: the placement, its conversations and agreement v1."""
    weeks = weeks or PlacementSettings.of(course.municipality_id).weeks
    errors = _placement_errors(
        course=course,
        workplace=workplace,
        contact_person=contact_person,
        start_on=start_on,
        weeks=weeks,
        hours_per_week=hours_per_week,
    )
    if errors:
        raise ValidationError(errors)
    if Placement.objects.current().filter(citizen_id=course.citizen_id).exists():
        raise Conflict({"__all__": [_("Borgeren har allerede en planlagt eller aktiv praktik.")]})
    end_on = schedule.end_date(start_on, weeks)
    try:
        override = capacity_check(
            workplace,
            start_on,
            end_on,
            override_by=by if override_reason.strip() else None,
            reason=override_reason,
        )
    except CapacityExceeded as exc:
        raise Conflict({"workplace": [str(exc)]}) from None
    placement = Placement(
        municipality_id=course.municipality_id,
        course=course,
        citizen_id=course.citizen_id,
        workplace=workplace,
        contact_person=contact_person,
        start_on=start_on,
        weeks=weeks,
        end_on=end_on,
        hours_per_week=hours_per_week,
        purpose=purpose,
        tasks=tasks,
        created_by=by,
    )
    placement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:
        raise Conflict(
            {"__all__": [_("Borgeren har allerede en planlagt eller aktiv praktik.")]}
        ) from None
    if override is not None:
        CapacityOverride.objects.filter(pk=override.pk).update(placement_id=placement.pk)
    sync_conversations(placement)
    _first_agreement(placement, by)
    course_contact_record(
        by=by,
        course=course,
        kind=CourseEvent.Kind.COMPANY_CONTACT,
        occurred_on=today,
        text=_("Praktik aftalt hos %(w)s fra %(d)s.")
        % {"w": workplace.name, "d": f"{start_on:%d.%m.%Y}"},
        today=today,
    )
    if course.phase == Phase.MATCHING:
        course_transition(
            by=by,
            course=course,
            version=course.version,
            to_phase=Phase.PREPARATION,
            reason=_("Praktik oprettet"),
            today=today,
        )
    return placement


def sync_conversations(placement: Placement) -> None:
    """Make the planned conversations match the placement's start and length.

    Conversations already held, cancelled or marked no-show are history and stay;
    planned ones move to their new dates, disappear when the placement got shorter,
    and appear when it got longer.
    """
    wanted = {
        (m.kind, m.week): m for m in schedule.plan_meetings(placement.start_on, placement.weeks)
    }
    existing = {(c.kind, c.week): c for c in placement.conversations.all()}
    for key, conversation in existing.items():
        if conversation.status != Conversation.Status.PLANNED:
            continue
        meeting = wanted.get(key)
        if meeting is None:
            conversation.delete()
        elif conversation.planned_on != meeting.date:
            # A new day is no longer the booked time; the place still holds.
            conversation.planned_on, conversation.moved = meeting.date, False
            conversation.planned_at = None
            conversation.save(update_fields=["planned_on", "planned_at", "moved"])
    Conversation.objects.bulk_create(
        Conversation(
            municipality_id=placement.municipality_id,
            placement=placement,
            kind=meeting.kind,
            week=meeting.week,
            planned_on=meeting.date,
        )
        for key, meeting in wanted.items()
        if key not in existing
    )


def _check_capacity_of_new_days(
    by: User, placement: Placement, start_on: date, end_on: date, override_reason: str
) -> None:
    """§ 65 for the days the new period adds: the old ones were checked when they were
    agreed, and the placement itself is not one of the others counted."""
    added = schedule.days_added((placement.start_on, placement.end_on), (start_on, end_on))
    if added is None:
        return
    try:
        override = capacity_check(
            placement.workplace,
            *added,
            override_by=by if override_reason.strip() else None,
            reason=override_reason,
            exclude_placement_id=placement.pk,
        )
    except CapacityExceeded as exc:
        field = "weeks" if start_on == placement.start_on else "start_on"
        raise Conflict({field: [str(exc)]}) from None
    if override is not None:
        CapacityOverride.objects.filter(pk=override.pk).update(placement_id=placement.pk)


@transaction.atomic
def placement_reschedule(
    *,
    by: User,
    placement: Placement,
    version: int,
    start_on: date,
    weeks: int,
    reason: str,
    override_reason: str = "",
) -> Placement:
    """Move the start, shorten or extend; recomputes the conversations not yet held.

    Days the placement did not cover before are checked against the capacity rule
    (§ 65) as at creation; a manager may override it with a reason. The check comes
    before the version is claimed, and a refusal rolls back everything.
    """
    placement.check_reschedule(start_on=start_on, weeks=weeks, reason=reason)
    end_on = schedule.end_date(start_on, weeks)
    _check_capacity_of_new_days(by, placement, start_on, end_on, override_reason)
    placement.reschedule(version=version, start_on=start_on, weeks=weeks, reason=reason)
    sync_conversations(placement)
    CourseEvent.objects.create(
        municipality_id=placement.municipality_id,
        course=placement.course,
        kind=CourseEvent.Kind.NOTE,
        text=_("Praktikken ændret: %(s)s–%(e)s (%(w)s uger). Begrundelse: %(r)s")
        % {
            "s": f"{start_on:%d.%m.%Y}",
            "e": f"{placement.end_on:%d.%m.%Y}",
            "w": weeks,
            "r": reason.strip(),
        },
        author=by,
    )
    return placement


@transaction.atomic
def agreement_update(
    *, by: User, placement: Placement, content: dict[str, str]
) -> AgreementVersion:
    """A changed agreement is a new version with no approvals yet."""
    current = current_agreement(placement)
    fields = {name: (content.get(name) or "").strip() for name in AgreementVersion.CONTENT_FIELDS}
    missing = {name: [_("Skal udfyldes.")] for name, value in fields.items() if not value}
    if missing:
        raise ValidationError(missing)
    if current is not None and current.content() == fields:
        return current
    return AgreementVersion.objects.create(
        municipality_id=placement.municipality_id,
        placement=placement,
        number=(current.number + 1) if current else 1,
        created_by=by,
        **fields,
    )


def _may_approve(user: User, placement: Placement, party: str) -> bool:
    if user.is_jobcenter_staff:
        return True  # the jobcenter itself, or on paper on a party's behalf
    if party == Party.CONTACT_PERSON:
        person = getattr(user, "contact_person", None)
        return person is not None and person.pk == placement.contact_person_id
    if party == Party.CITIZEN:
        return placement.citizen.user_id == user.pk
    return False


@transaction.atomic
def agreement_approve(
    *, by: User, placement: Placement, party: str, number: int
) -> AgreementApproval:
    """Approve the current version. Staff approving for citizen or job contact person
    record an approval given on paper, and it shows as such."""
    if party not in Party.values:
        raise ValidationError({"party": _("Ukendt part.")})
    if not _may_approve(by, placement, party):
        raise PermissionDenied
    current = current_agreement(placement)
    if current is None or current.number != number:
        raise StaleVersion(
            _("Forventningsafstemningen er ændret, siden du åbnede den. Læs den nye version.")
        )
    on_paper = by.is_jobcenter_staff and party != Party.JOBCENTER
    approval, created = AgreementApproval.objects.get_or_create(
        version=current,
        party=party,
        defaults={
            "municipality_id": placement.municipality_id,
            "approved_by": by,
            "on_paper": on_paper,
        },
    )
    return approval


@transaction.atomic
def placement_activate(
    *, by: User, placement: Placement, version: int, override_reason: str = "", today: date
) -> Placement:
    """Start the internship: all three parties approved the current agreement, or a
    manager decided to start anyway (with a reason, logged on the placement)."""
    if placement.status != Placement.Status.PLANNED:
        raise ValidationError(_("Kun en planlagt praktik kan startes."))
    missing = approvals_missing(placement)
    if missing:
        if not override_reason.strip():
            names = ", ".join(str(Party(p).label).lower() for p in missing)
            raise ValidationError(
                {
                    "__all__": [
                        _(
                            "Forventningsafstemningen mangler godkendelse fra: %(names)s. "
                            "En leder kan starte praktikken alligevel med en begrundelse."
                        )
                        % {"names": names}
                    ]
                }
            )
        if not can(by, "placement.start_unapproved"):
            raise PermissionDenied
    course = placement.course
    if course.phase == Phase.PREPARATION:
        course_transition(
            by=by,
            course=course,
            version=course.version,
            to_phase=Phase.IN_PLACEMENT,
            reason=_("Praktikken er startet"),
            today=today,
        )
    placement.activate(version=version, override_reason=override_reason if missing else "")
    if missing:
        CourseEvent.objects.create(
            municipality_id=placement.municipality_id,
            course=course,
            kind=CourseEvent.Kind.NOTE,
            text=_("Praktikken startet uden godkendt forventningsafstemning. Begrundelse: %(r)s")
            % {"r": override_reason.strip()},
            author=by,
        )
    return placement


@transaction.atomic
def placement_end_early(
    *, by: User, placement: Placement, version: int, reason: str, today: date
) -> Placement:
    placement.end_early(version=version, reason=reason, today=today)
    course = placement.course
    if course.phase == Phase.IN_PLACEMENT:
        # The transitions table: a broken-off placement sends the course back to matching.
        course_transition(
            by=by,
            course=course,
            version=course.version,
            to_phase=Phase.MATCHING,
            reason=_("Praktikken blev afbrudt: %(r)s") % {"r": reason.strip()},
            today=today,
        )
    return placement


# -- conversations --------------------------------------------------------------------


def template_for(conversation: Conversation) -> FollowUpTemplate | None:
    if not conversation.has_form:
        return None
    return followup_template_current(
        municipality_id=conversation.municipality_id, kind=conversation.kind
    )


@transaction.atomic
def conversation_hold(
    *,
    by: User,
    conversation: Conversation,
    held_on: date,
    notes: str,
    answers: dict[str, str],
    today: date,
) -> Conversation:
    """Record a held conversation with its follow-up form; the final one completes the
    placement and moves the course to follow-up, ready for the outcome."""
    placement = conversation.placement
    if conversation.status != Conversation.Status.PLANNED:
        raise ValidationError(_("Samtalen er allerede registreret."))
    if held_on > today:
        raise ValidationError({"held_on": [_("En samtale kan ikke være holdt i fremtiden.")]})
    template = template_for(conversation)
    cleaned: dict = {}
    if template is not None:
        cleaned, errors = followup.validate_answers(template.question_list, answers)
        if errors:
            raise ValidationError({key: [message] for key, message in errors.items()})
    conversation.status, conversation.held_on = Conversation.Status.HELD, held_on
    conversation.notes, conversation.answers = notes.strip(), cleaned
    conversation.template, conversation.recorded_by = template, by
    conversation.save()
    course = placement.course
    if conversation.has_form and not course.is_closed:
        course_contact_record(
            by=by,
            course=course,
            kind=CourseEvent.Kind.FOLLOW_UP_CONTACT,
            occurred_on=held_on,
            text=f"{conversation.get_kind_display()} holdt.",
            today=today,
        )
    if conversation.kind == Conversation.Kind.FINAL and placement.status == Placement.Status.ACTIVE:
        _complete(by, placement, held_on, today)
    return conversation


def _complete(by: User, placement: Placement, held_on: date, today: date) -> None:
    placement.complete(held_on=held_on)
    course = placement.course
    if course.phase == Phase.IN_PLACEMENT:
        course_transition(
            by=by,
            course=course,
            version=course.version,
            to_phase=Phase.FOLLOW_UP,
            reason=_("Afslutningssamtalen er holdt"),
            today=today,
        )


@transaction.atomic
def conversation_set_status(*, by: User, conversation: Conversation, status: str) -> Conversation:
    """Cancel, or mark that a party did not show up."""
    if status not in (Conversation.Status.CANCELLED, Conversation.Status.NO_SHOW):
        raise ValidationError({"status": [_("Vælg aflyst eller udeblevet.")]})
    if conversation.status != Conversation.Status.PLANNED:
        raise ValidationError(_("Samtalen er allerede registreret."))
    conversation.status, conversation.recorded_by = status, by
    conversation.save(update_fields=["status", "recorded_by"])
    return conversation


@transaction.atomic
def conversation_move(
    *,
    by: User,
    conversation: Conversation,
    planned_on: date,
    planned_at: time | None = None,
    duration_minutes: int | None = None,
    location: str | None = None,
) -> Conversation:
    """Move or book a planned conversation: its day, and the time, length and place.

    ``planned_at`` None means no time is agreed yet; a length or place left out (None)
    keeps what the conversation has.
    """
    if conversation.status != Conversation.Status.PLANNED:
        raise ValidationError(_("Kun en planlagt samtale kan flyttes."))
    placement = conversation.placement
    if problem := working_day_error(planned_on):
        raise ValidationError({"planned_on": [problem]})
    if not placement.start_on <= planned_on <= placement.end_on:
        raise ValidationError({"planned_on": [_("Samtalen skal ligge i praktikperioden.")]})
    minutes = conversation.duration_minutes if duration_minutes is None else duration_minutes
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise ValidationError({"duration_minutes": [_("En samtale varer fra 5 til 480 minutter.")]})
    if planned_at is not None:
        ends = datetime.combine(planned_on, planned_at) + timedelta(minutes=minutes)
        if ends.date() != planned_on:
            raise ValidationError(
                {"planned_at": [_("Samtalen skal slutte samme dag; vælg et tidligere klokkeslæt.")]}
            )
    if planned_on != conversation.planned_on:
        conversation.moved = True
    conversation.planned_on, conversation.planned_at = planned_on, planned_at
    conversation.duration_minutes = minutes
    if location is not None:
        conversation.location = location.strip()
    conversation.save(
        update_fields=["planned_on", "planned_at", "duration_minutes", "location", "moved"]
    )
    return conversation


# -- weekly feedback and support ---------------------------------------------------------

FEEDBACK_FIELDS = (
    "tasks_done",
    "behaviour",
    "professional",
    "social",
    "cv_help",
    "applications_helped",
    "network_contacts",
    "concerns",
)


@transaction.atomic
def weekly_feedback_save(
    *,
    by: User,
    placement: Placement,
    week: int,
    data: dict,
    feedback: WeeklyFeedback | None = None,
    today: date,
) -> WeeklyFeedback:
    """Create (or, given ``feedback``, edit) the feedback for one week. The job contact
    person is the author; staff typing it in are recorded as doing so on their behalf."""
    if not 1 <= week <= placement.weeks:
        raise ValidationError(
            {"week": [_("Praktikken har uge 1 til %(n)s.") % {"n": placement.weeks}]}
        )
    if placement.status not in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
        raise ValidationError(_("Feedback gives, når praktikken er startet."))
    if feedback is None and placement.feedback.filter(week=week).exists():
        raise ValidationError(
            {
                "week": [
                    _("Der er allerede feedback for uge %(w)s – ret den i stedet.") % {"w": week}
                ]
            }
        )
    item = feedback or WeeklyFeedback(
        municipality_id=placement.municipality_id, placement=placement, week=week
    )
    for name in FEEDBACK_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.author, item.on_behalf = by, by.is_jobcenter_staff
    item.full_clean(validate_constraints=False)
    item.save()
    placement.conversations.filter(
        kind=Conversation.Kind.WEEKLY_FEEDBACK, week=week, status=Conversation.Status.PLANNED
    ).update(status=Conversation.Status.HELD, held_on=today, recorded_by=by)
    return item


@transaction.atomic
def support_entry_add(*, by: User, placement: Placement, data: dict) -> SupportEntry:
    entry = SupportEntry(municipality_id=placement.municipality_id, placement=placement, author=by)
    for name in ("kind", "on", "company", "position", "answer", "note"):
        setattr(entry, name, data.get(name) or ("" if name not in ("on",) else None))
    if entry.kind == SupportEntry.Kind.APPLICATION and not entry.company:
        raise ValidationError({"company": [_("Skriv hvilken virksomhed ansøgningen gik til.")]})
    entry.full_clean()
    entry.save()
    return entry


# -- the municipality's programme setting -------------------------------------------------


@transaction.atomic
def placement_settings_update(*, by: User, weeks: int, legal_basis: str) -> PlacementSettings:
    """The programme's length and the legal basis shown with it, for the admin's jobcenter."""
    current = PlacementSettings.of(by.jobcenter_id)
    current.weeks, current.legal_basis = weeks, legal_basis.strip()
    current.full_clean(validate_constraints=False)
    current.save(update_fields=["weeks", "legal_basis"])
    return current
