"""Workflows on courses: what views, commands and the API call.

The course's own state changes are methods of ``Course`` (each checks its rules and
claims the next version: optimistic locking); these functions hold the transaction,
the access-log entries and the work across models.
"""

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext as _

from jobbro.access import can, log_access
from jobbro.accounts.models import AccessLog, User
from jobbro.cases.models import (
    DEFAULT_HOMEWORK_TEMPLATES,
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    InformationMeeting,
    MeetingInvitation,
    MunicipalitySettings,
    Phase,
    PhaseChange,
)
from jobbro.citizens.models import Citizen
from jobbro.citizens.services import citizen_create, wish_workplaces_replace
from jobbro.errors import Conflict
from jobbro.lib import clock

# -- the municipality's defaults and settings ----------------------------------------


def course_defaults_provision(*, municipality_ids: Collection[int]) -> None:
    """Waiting-time settings and homework templates for municipalities being set up."""
    MunicipalitySettings.objects.bulk_create(
        [MunicipalitySettings(municipality_id=m) for m in municipality_ids],
        ignore_conflicts=True,
    )
    have_templates = set(
        HomeworkTemplate.objects.filter(municipality_id__in=municipality_ids).values_list(
            "municipality_id", flat=True
        )
    )
    HomeworkTemplate.objects.bulk_create(
        HomeworkTemplate(municipality_id=m, title=t, description=d, kind=k)
        for m in municipality_ids
        if m not in have_templates
        for t, d, k in DEFAULT_HOMEWORK_TEMPLATES
    )


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
    template = template or HomeworkTemplate(municipality_id=by.jobcenter_id)
    template.title, template.description, template.kind = title, description, kind
    template.is_active = is_active
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def settings_update(
    *, by: User, first_contact_days: int, follow_up_days: int, match_to_start_days: int
) -> MunicipalitySettings:
    found = MunicipalitySettings.of(by.jobcenter_id)
    found.first_contact_days = first_contact_days
    found.follow_up_days = follow_up_days
    found.match_to_start_days = match_to_start_days
    found.full_clean()
    found.save()
    return found


@transaction.atomic
def reminders_set(*, by: User, reminders_enabled: bool) -> MunicipalitySettings:
    """Switch the worker's e-mail reminders on or off for the user's municipality."""
    found = MunicipalitySettings.of(by.jobcenter_id)
    found.reminders_enabled = reminders_enabled
    found.save(update_fields=["reminders_enabled"])
    return found


# -- citizen and course ------------------------------------------------------------


def _check_staff(municipality_id: int, user: User | None, slot: str, field: str) -> None:
    """The person may hold the slot (``course.caseworker``/``course.consultant``) here."""
    if user is None:
        return
    if user.municipality_id != municipality_id or not can(user, slot):
        raise ValidationError({field: _("Vælg en aktiv medarbejder i jobcentret med rollen.")})


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
    municipality_id = by.jobcenter_id
    citizen = citizen_create(by=by, fields=citizen_fields, log=False)
    caseworker = caseworker or by
    _check_staff(municipality_id, caseworker, "course.caseworker", "caseworker")
    _check_staff(municipality_id, consultant, "course.consultant", "consultant")
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
    _check_staff(citizen.municipality_id, caseworker, "course.caseworker", "caseworker")
    _check_staff(citizen.municipality_id, consultant, "course.consultant", "consultant")
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
def course_visitation_update(
    *, by: User, course: Course, version: int, fields: dict[str, Any]
) -> Course:
    course.update_visitation(fields, version=version)
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
    _check_staff(course.municipality_id, caseworker, "course.caseworker", "caseworker")
    _check_staff(course.municipality_id, consultant, "course.consultant", "consultant")
    changes = []
    if caseworker.pk != course.caseworker_id:
        changes.append(_("Sagsbehandler: %(name)s") % {"name": caseworker})
    if (consultant.pk if consultant else None) != course.consultant_id:
        changes.append(_("Virksomhedskonsulent: %(name)s") % {"name": consultant or "–"})
    course.claim(version)
    course.caseworker, course.consultant = caseworker, consultant
    course.save(update_fields=["caseworker", "consultant", "version"])
    if changes:
        _event(course, by, CourseEvent.Kind.ASSIGNMENT, "; ".join(changes), today)
    log_access(by, AccessLog.Action.UPDATE, course, purpose="course.assign")
    return course


@transaction.atomic
def course_transition(
    *, by: User, course: Course, version: int, to_phase: str, reason: str = "", today: date
) -> Course:
    course.transition(to_phase, version=version, by=by, reason=reason, today=today)
    return course


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
    course.close(
        version=version,
        by=by,
        outcome=outcome,
        reason=reason,
        upskilling=upskilling,
        hours_per_week=hours_per_week,
        start_on=start_on,
        programme=programme,
        today=today,
    )
    log_access(by, AccessLog.Action.UPDATE, course, purpose="course.close")
    return course


@transaction.atomic
def course_reopen(*, by: User, course: Course, version: int, reason: str, today: date) -> Course:
    """Only a manager reopens, with a reason; the course returns to the phase it left."""
    if not can(by, "course.reopen"):
        raise ValidationError(_("Kun en leder kan genåbne et afsluttet forløb."))
    course.reopen(version=version, by=by, reason=reason, today=today)
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
    note.text, note.edited_at = text, now or clock.now()
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
    event = _event(course, by, kind, text or str(CourseEvent.Kind(kind).label), occurred_on)
    # Keep the guard's dates in one UPDATE that compares in the database, so two
    # contacts recorded at once cannot move a date backwards.
    day = Value(occurred_on, output_field=DateField())
    updates: dict[str, Any] = {"last_contact_on": Greatest(Coalesce("last_contact_on", day), day)}
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
        due_on=due_on,  # type: ignore[misc]  # None: full_clean says the field is required
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


# -- information meetings ----------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, by: User, starts_at: datetime, place: str, capacity: int
) -> InformationMeeting:
    meeting = InformationMeeting(
        municipality_id=by.jobcenter_id, starts_at=starts_at, place=place, capacity=capacity
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
) -> InformationMeeting:
    """Mark who came; attendance shows on each citizen's open course (visitation)."""
    invitations = list(meeting.invitations.all())
    meeting_on = clock.local(meeting.starts_at).date()
    for invitation in invitations:
        invitation.attended = invitation.citizen_id in attended_citizen_ids
    MeetingInvitation.objects.bulk_update(invitations, ["attended"])
    came = [i.citizen_id for i in invitations if i.attended]
    Course.objects.filter(citizen_id__in=came).open().update(
        info_meeting_attended=True, info_meeting_on=meeting_on, version=F("version") + 1
    )
    return meeting
