"""Page sections: how an app higher in the layers adds its part to a lower app's page.

A lower app never imports a higher one (docs/architecture.md). Where its page shows
something a higher app owns (the course page's "Praktik" section, the contact person's
interns, a button to the matching), the page names a slot and the higher app registers a
section for it from its AppConfig.ready():

    sections.add(Section("cases.course", "main", "placements/_course_section.html", context))

The page's view renders its slots with ``render(page, request, obj)``: each section's
template with ``obj`` under the page's name for it and the section's own context.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


def _nothing(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Section:
    page: str  # "cases.course", "companies.contact_person", "companies.workplace"
    slot: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any]] = field(default=_nothing)


_registered: list[Section] = []


def add(section: Section) -> None:
    _registered.append(section)


def render(page: str, request: HttpRequest, obj: Any, *, name: str) -> dict[str, list[SafeString]]:
    """Each slot of the page: its sections' HTML in the order they were registered."""
    slots: dict[str, list[SafeString]] = {}
    for section in _registered:
        if section.page != page:
            continue
        context = {name: obj, **section.context(request, obj)}
        html = render_to_string(section.template, context, request=request)
        slots.setdefault(section.slot, []).append(mark_safe(html.strip()))  # noqa: S308
    return slots
