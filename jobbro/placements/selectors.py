"""Reads of placements for the pages and the course page: summaries, attendance, the
follow-up answers side by side."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest

from jobbro.access import can, scope
from jobbro.cases.models import Course, Phase
from jobbro.companies.models import ContactPerson, Workplace
from jobbro.lib import clock
from jobbro.lib.attendance import Attendance, attendance
from jobbro.placements.models import AgreementVersion, Conversation, Party, Placement


def hours_text(hours: Decimal) -> str:
    """30.0 → "30", 30.5 → "30.5": hours as people write them."""
    return f"{hours.normalize():f}"


def max_hours(workplace: Workplace) -> Decimal:
    # BEK 2636/2021 § 60: within the company's normal hours and never above 37 a week.
    return min(workplace.weekly_hours, Decimal("37"))


def current_agreement(placement: Placement) -> AgreementVersion | None:
    return placement.agreement_versions.order_by("-number").first()


def approvals_missing(placement: Placement) -> list[str]:
    current = current_agreement(placement)
    given = set(current.approvals.values_list("party", flat=True)) if current else set()
    return [party for party in Party.values if party not in given]


def attendance_of(placement: Placement, today: date) -> Attendance:
    statuses = (
        placement.conversations.filter(
            kind=Conversation.Kind.WEEKLY_FEEDBACK, planned_on__lte=today
        )
        .order_by("planned_on")
        .values_list("status", flat=True)
    )
    return attendance(list(statuses))


def followup_side_by_side(placement: Placement) -> list[dict[str, Any]]:
    """The start, midway and final answers, question by question, for reading together."""
    held = {
        c.kind: c
        for c in placement.conversations.filter(
            kind__in=["start", "midway", "final"], status=Conversation.Status.HELD
        ).select_related("template")
    }
    columns = [held.get(kind) for kind in ("start", "midway", "final")]
    return [
        {
            "kind": kind,
            "conversation": conversation,
            "rows": [
                {"question": q.text, "answer": conversation.answers.get(q.key)}
                for q in conversation.template.question_list
            ]
            if conversation and conversation.template
            else [],
        }
        for kind, conversation in zip(("start", "midway", "final"), columns, strict=True)
    ]


def placement_summary(placement: Placement, today: date) -> dict[str, Any]:
    """What the course page shows of a placement: approvals, next conversation, attendance."""
    current = current_agreement(placement)
    approved = current.approvals.count() if current else 0
    upcoming = (
        placement.conversations.filter(status=Conversation.Status.PLANNED, planned_on__gte=today)
        .order_by("planned_on", "id")
        .first()
    )
    return {
        "placement": placement,
        "approved": approved,
        "next_conversation": upcoming,
        "attendance": attendance_of(placement, today),
    }


def course_section(request: HttpRequest, course: Course) -> dict[str, Any]:
    """The course page's "Praktik" section (cases.course_page): the newest placement's
    summary (a fixed number of queries), or the button to create one while the course is
    in matching or preparation."""
    newest = (
        scope(request.user, Placement.objects.filter(course=course))
        .select_related("workplace__company", "contact_person")
        .order_by("-created_at", "-id")
        .first()
    )
    current = newest if newest is not None and newest.is_current else None
    return {
        "placement": placement_summary(newest, clock.today()) if newest else None,
        "can_create_placement": current is None
        and course.phase in (Phase.MATCHING, Phase.PREPARATION)
        and can(request.user, "placement.create"),
    }


def current_week(placement: Placement, today: date) -> int:
    week = (today - placement.start_on).days // 7 + 1
    return max(1, min(week, placement.weeks))


def placement_page(placement: Placement, today: date) -> dict[str, Any]:
    """The placement page: the agreement's versions and approvals, the conversations, the
    follow-up answers side by side, feedback, support and attendance."""
    versions = list(
        placement.agreement_versions.select_related("created_by").prefetch_related(
            "approvals__approved_by"
        )
    )
    current = versions[0] if versions else None
    approvals = {a.party: a for a in current.approvals.all()} if current else {}
    content = [
        (getattr(AgreementVersion._meta.get_field(name), "verbose_name", name), value)
        for name, value in (current.content().items() if current else ())
    ]
    return {
        "placement": placement,
        "course": placement.course,
        "current": current,
        "content": content,
        "parties": [(value, label, approvals.get(value)) for value, label in Party.choices],
        "all_approved": len(approvals) == len(Party.values),
        "versions": versions,
        "conversations": placement.conversations.select_related("recorded_by"),
        "side_by_side": followup_side_by_side(placement),
        "feedback": placement.feedback.select_related("author"),
        "support": placement.support.select_related("author"),
        "attendance": attendance_of(placement, today),
        "today": today,
    }


def contact_person_interns(request: HttpRequest, person: ContactPerson) -> dict[str, Any]:
    """The job contact person's page: interns are citizens' data, so only case staff
    see them, and only their own municipality's (companies' contact person page)."""
    if not can(request.user, "placement.view"):
        return {"show_interns": False}
    interns = (
        scope(request.user, Placement.objects.filter(contact_person=person))
        .select_related("citizen", "course")
        .order_by("-start_on", "-id")[:50]
    )
    return {"show_interns": True, "interns": interns}
