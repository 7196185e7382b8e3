"""Reads of courses for the pages: worklists, the manager's figures, the course page."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from jobbro.access import scope
from jobbro.cases.models import NEXT_ACTION_LABELS, Course, MunicipalitySettings, Phase
from jobbro.cases.timeline import course_timeline
from jobbro.cases.transitions import allowed_targets
from jobbro.citizens.models import Citizen
from jobbro.lib import clock, waiting


def waiting_limits(municipality_id: int) -> waiting.Limits:
    return MunicipalitySettings.of(municipality_id).limits


def worklist(
    *, limits: waiting.Limits, today: date, filters: Mapping[str, Any] | None, mine_of: int | None
) -> QuerySet[Course]:
    """Open courses (or one phase), due soonest first, filtered like the worklist form."""
    courses = Course.objects.with_due(limits)
    if mine_of is not None:
        courses = courses.of_staff(mine_of)
    data = filters or {}
    courses = courses.filter(phase=data["phase"]) if data.get("phase") else courses.open()
    if data.get("overdue"):
        courses = courses.overdue(today)
    if data.get("staff"):
        courses = courses.of_staff(data["staff"].pk)
    if data.get("target_group"):
        courses = courses.filter(citizen__target_group=data["target_group"])
    if (data.get("q") or "").strip():
        courses = courses.filter(citizen__in=Citizen.objects.search(data["q"]))
    return courses.select_related(
        "citizen", "citizen__target_group", "caseworker", "consultant"
    ).worklist_order()


def with_due_labels(courses: Iterable[Course], today: date) -> None:
    for course in courses:
        course.days_overdue = (today - course.due_on).days if course.due_on else 0
        course.next_action_label = str(NEXT_ACTION_LABELS.get(course.next_action, ""))


def course_figures(user: Any, today: date) -> dict[str, Any]:
    """The manager's overview: open courses per phase and how many are overdue (in SQL)."""
    limits = waiting_limits(user.jobcenter_id)
    rows = (
        scope(user, Course.objects.open())
        .with_due(limits)
        .order_by()
        .values("phase")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    )
    by_phase = {row["phase"]: row for row in rows}  # one query, at most five rows
    totals = {
        "open": sum(row["n"] for row in by_phase.values()),
        "overdue": sum(row["overdue"] for row in by_phase.values()),
    }
    phases = [
        {"label": Phase(p).label, "count": by_phase.get(p, {}).get("n", 0)}
        for p in Phase.values[:-1]
    ]
    return {"course_totals": totals, "courses_by_phase": phases}


def course_page(course: Course, today: date) -> dict[str, Any]:
    """What the course page shows of the course itself (the other apps add sections)."""
    due = course.due(waiting_limits(course.municipality_id))
    return {
        "course": course,
        "citizen": course.citizen,
        "due": due,
        "due_label": NEXT_ACTION_LABELS.get(due.action, "") if due else "",
        "overdue_days": due.days_overdue(today) if due else 0,
        "timeline": course_timeline(course),
        "homework": course.homework.all(),
        "wishes": course.citizen.wish_workplaces.all(),
        "long_term": course.citizen.is_long_term_unemployed(today=today),
        "targets": [Phase(p) for p in allowed_targets(course.phase)],
        "now": clock.now(),
    }


def citizens_with_open_course(citizens: QuerySet[Citizen]) -> QuerySet[Citizen]:
    """The citizen list's "Forløb" column: each citizen's open course, in the same query."""
    open_course = Course.objects.open().filter(citizen=OuterRef("pk"))
    return citizens.annotate(
        open_course_id=open_course.values("pk")[:1], has_open=Exists(open_course)
    )


def latest_course_link(citizen: Citizen) -> tuple[str, str] | None:
    """Where a citizen's edit pages return to: their newest course."""
    from django.urls import reverse

    course = citizen.courses.order_by("-created_at").first()
    if course is None:
        return None
    return reverse("cases:course_detail", args=[course.pk]), _("Tilbage til forløbet")


def meeting_candidates(meeting_invited_ids: list[int]) -> QuerySet[Citizen]:
    """Who may be invited to an information meeting: citizens just referred who have not
    attended one yet, those who have waited longest first."""
    from django.db.models import F

    return (
        Citizen.objects.filter(courses__phase=Phase.REFERRED, courses__info_meeting_attended=False)
        .exclude(pk__in=meeting_invited_ids)
        .annotate(referred_on=F("courses__visitation_on"))
        .order_by("referred_on", "last_name", "first_name", "id")
    )
