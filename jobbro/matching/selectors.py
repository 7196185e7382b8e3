"""Reads of matching for the pages."""

from typing import Any

from django.http import HttpRequest

from jobbro.cases.models import Course


def course_lead(request: HttpRequest, course: Course) -> dict[str, Any]:
    """The course page's "N virksomheder kontaktet" (cases.course_page)."""
    return {"contacted": course.contact_attempts.values("workplace").distinct().count()}
