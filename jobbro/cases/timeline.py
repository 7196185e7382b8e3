"""The course page's one timeline: phase changes, notes, contacts, homework and
information meetings, newest first. A read, so it lives apart from the services."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.accounts.roles import Role
from jobbro.cases.models import Course, HomeworkItem, MeetingInvitation, Phase
from jobbro.placements.models import WeeklyFeedback


@dataclass
class Entry:
    at: datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""
    event: object | None = None
    editable: bool = False


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _who(user) -> str:
    """Staff by name; the citizen and job contact persons (from the portals) with their role."""
    if user is None:
        return ""
    if user.role in (Role.CITIZEN, Role.CONTACT_PERSON):
        return f"{user} ({user.get_role_display().lower()})"
    return str(user)


def course_timeline(course: Course) -> list[Entry]:
    entries: list[Entry] = []
    for change in course.phase_changes.select_related("by"):
        title = (
            _("Fase: %(from)s → %(to)s")
            % {"from": Phase(change.from_phase).label, "to": Phase(change.to_phase).label}
            if change.from_phase
            else _("Forløbet oprettet (visiteret)")
        )
        entries.append(Entry(change.at, "phase", title, change.reason, str(change.by or "")))
    for event in course.events.select_related("author", "corrects"):
        # A contact entered for an earlier day sorts on that day; the rest when written.
        same_day = timezone.localdate(event.created_at) == event.occurred_on
        at = event.created_at if event.kind == "note" or same_day else _start_of(event.occurred_on)
        entries.append(
            Entry(
                at,
                event.kind,
                event.get_kind_display(),
                event.text,
                _who(event.author),
                event,
                editable=event.can_be_edited(),
            )
        )
    for item in course.homework.select_related("created_by"):
        entries.append(
            Entry(
                item.created_at,
                "homework",
                _("Hjemmearbejde: %(d)s (%(s)s)")
                % {"d": item.description, "s": item.get_status_display()},
                item.answer,
                str(item.created_by or ""),
            )
        )
    # The job contact person's weekly feedback from the portal, so the consultant
    # following the course sees it where they already look.
    feedback = WeeklyFeedback.objects.filter(
        placement__course=course, municipality_id=course.municipality_id
    ).select_related("author")
    for item in feedback:
        text = _("Faglige kompetencer %(p)s/5, sociale kompetencer %(s)s/5.") % {
            "p": item.professional,
            "s": item.social,
        }
        entries.append(
            Entry(
                item.updated_at,
                "weekly_feedback",
                _("Ugentlig feedback, uge %(w)s") % {"w": item.week},
                "\n".join(part for part in (text, item.tasks_done, item.concerns) if part),
                _who(item.author)
                + (" – " + str(_("registreret af jobcentret")) if item.on_behalf else ""),
            )
        )
    invitations = MeetingInvitation.objects.filter(
        citizen_id=course.citizen_id, municipality_id=course.municipality_id
    ).select_related("meeting")
    for invitation in invitations:
        state = {True: _("deltog"), False: _("deltog ikke"), None: _("inviteret")}[
            invitation.attended
        ]
        entries.append(
            Entry(
                invitation.meeting.starts_at,
                "info_meeting",
                _("Informationsmøde: %(m)s (%(s)s)") % {"m": invitation.meeting, "s": state},
            )
        )
    entries.extend(_placement_entries(course))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def open_homework(course: Course) -> list[HomeworkItem]:
    return list(course.homework.filter(status=HomeworkItem.Status.OPEN))


def _placement_entries(course: Course) -> list[Entry]:
    """The placement (created, started, changed, ended), each held or missed conversation
    (weekly feedback is added by course_timeline): two queries, however long the internship."""
    from jobbro.placements.models import Conversation, Placement

    entries: list[Entry] = []
    placements = Placement.objects.filter(course=course).select_related(
        "workplace__company", "created_by"
    )
    for placement in placements:
        where = f"{placement.workplace.company.name} – {placement.workplace.name}"
        entries.append(
            Entry(
                placement.created_at,
                "placement",
                _("Praktik oprettet: %(w)s") % {"w": where},
                _("%(s)s–%(e)s, %(h)s timer pr. uge. Status: %(st)s")
                % {
                    "s": f"{placement.start_on:%d.%m.%Y}",
                    "e": f"{placement.end_on:%d.%m.%Y}",
                    "h": f"{placement.hours_per_week.normalize():f}",
                    "st": placement.get_status_display(),
                },
                str(placement.created_by or ""),
            )
        )
        if placement.status == Placement.Status.ENDED_EARLY and placement.ended_on:
            entries.append(
                Entry(
                    _start_of(placement.ended_on),
                    "placement",
                    _("Praktik afbrudt: %(w)s") % {"w": where},
                    placement.end_reason,
                )
            )
    conversations = (
        Conversation.objects.filter(
            placement__course=course,
            status__in=(Conversation.Status.HELD, Conversation.Status.NO_SHOW),
        )
        .exclude(kind=Conversation.Kind.WEEKLY_FEEDBACK, status=Conversation.Status.HELD)
        .select_related("recorded_by")
    )
    for conversation in conversations:
        entries.append(
            Entry(
                _start_of(conversation.held_on or conversation.planned_on),
                "conversation",
                _("%(k)s (uge %(w)s): %(s)s")
                % {
                    "k": conversation.get_kind_display(),
                    "w": conversation.week,
                    "s": conversation.get_status_display().lower(),
                },
                conversation.notes,
                str(conversation.recorded_by or ""),
            )
        )
    return entries
