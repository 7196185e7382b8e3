"""What placements add to the course's timeline (cases.course_page.timeline_sources):
the placement (created, broken off), each held or missed conversation and the job
contact person's weekly feedback. Three queries, however long the internship."""

from django.utils.translation import gettext as _

from jobbro.cases.models import Course
from jobbro.cases.timeline import Entry, start_of, who
from jobbro.placements.models import Conversation, Placement, WeeklyFeedback


def placement_entries(course: Course) -> list[Entry]:
    return [*_placements(course), *_conversations(course), *_feedback(course)]


def _placements(course: Course) -> list[Entry]:
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
                    start_of(placement.ended_on),
                    "placement",
                    _("Praktik afbrudt: %(w)s") % {"w": where},
                    placement.end_reason,
                )
            )
    return entries


def _conversations(course: Course) -> list[Entry]:
    conversations = (
        Conversation.objects.filter(
            placement__course=course,
            status__in=(Conversation.Status.HELD, Conversation.Status.NO_SHOW),
        )
        .exclude(kind=Conversation.Kind.WEEKLY_FEEDBACK, status=Conversation.Status.HELD)
        .select_related("recorded_by")
    )
    return [
        Entry(
            start_of(conversation.held_on or conversation.planned_on),
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
        for conversation in conversations
    ]


def _feedback(course: Course) -> list[Entry]:
    """The job contact person's weekly feedback from the portal, so the consultant
    following the course sees it where they already look."""
    feedback = WeeklyFeedback.objects.filter(
        placement__course=course, municipality_id=course.municipality_id
    ).select_related("author")
    entries = []
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
                who(item.author)
                + (" – " + str(_("registreret af jobcentret")) if item.on_behalf else ""),
            )
        )
    return entries
