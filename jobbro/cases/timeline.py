"""The course page's one timeline: phase changes, notes, contacts, homework and
information meetings, newest first, with the entries the apps above cases add
(course_page.timeline_sources: placements). A read, so it lives apart from the services."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.cases import course_page
from jobbro.cases.models import Course, HomeworkItem, MeetingInvitation, Phase
from jobbro.lib import clock


@dataclass
class Entry:
    at: datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""
    event: object | None = None
    editable: bool = False


def start_of(day: date) -> datetime:
    """Noon of a day: where an entry known only by its date sorts."""
    return timezone.make_aware(datetime.combine(day, time(12)))


def who(user: Any) -> str:
    """Staff by name; the citizen and job contact persons (from the portals) with their role."""
    if user is None:
        return ""
    if not user.is_jobcenter_staff:
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
        same_day = clock.local(event.created_at).date() == event.occurred_on
        at = event.created_at if event.kind == "note" or same_day else start_of(event.occurred_on)
        entries.append(
            Entry(
                at,
                event.kind,
                event.get_kind_display(),
                event.text,
                who(event.author),
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
    for source in course_page.timeline_sources:
        entries.extend(source(course))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def open_homework(course: Course) -> list[HomeworkItem]:
    return list(course.homework.filter(status=HomeworkItem.Status.OPEN))
