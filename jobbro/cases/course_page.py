"""The seams of the course page, for the apps above cases.

cases sits below placements, matching and portal in the layers (docs/architecture.md):
they import cases, never the other way. They add their part of the course page from
their AppConfig.ready():

* a section (jobbro.sections) on page ``COURSE_PAGE`` in one of its slots: "lead" (after
  the CPR line), "actions" (the buttons of an open course), "citizen" (under the
  citizen's facts) and "main" (between the facts and the homework);
* timeline entries: ``add_timeline_source(f)``, f(course) -> entries merged into the one
  timeline (placements' placements, conversations and weekly feedback).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobbro.cases.models import Course
    from jobbro.cases.timeline import Entry

COURSE_PAGE = "cases.course"

timeline_sources: list[Callable[["Course"], list["Entry"]]] = []


def add_timeline_source(source: Callable[["Course"], list["Entry"]]) -> None:
    timeline_sources.append(source)
