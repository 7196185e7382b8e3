"""Every new view refuses the wrong role (403) and hides other municipalities (404,
see TENANT_DETAIL_VIEWS in test_access.py); POSTs from the wrong role save nothing."""

import pytest
from django.urls import reverse

from jobbro.access import RULES
from jobbro.cases.models import Course, CourseEvent, HomeworkTemplate
from tests import factories

pytestmark = pytest.mark.django_db

# url name (namespaced) -> (action, builder of an object in municipality A or None)
VIEWS = {
    "cases:course_list": ("course.list", None),
    "cases:course_create": ("course.create", None),
    "cases:course_detail": ("course.view", "course"),
    "cases:course_visitation": ("course.edit", "course"),
    "cases:course_transition": ("course.edit", "course"),
    "cases:course_assign": ("course.edit", "course"),
    "cases:course_close": ("course.edit", "course"),
    "cases:course_reopen": ("course.reopen", "closed"),
    "cases:note_create": ("course.edit", "course"),
    "cases:note_edit": ("course.edit", "note"),
    "cases:contact_create": ("course.edit", "course"),
    "cases:homework_create": ("course.edit", "course"),
    "cases:homework_update": ("course.edit", "homework"),
    "citizens:citizen_list": ("citizen.view", None),
    "cases:citizen_course_start": ("course.create", "citizen"),
    "citizens:citizen_edit": ("citizen.edit", "citizen"),
    "citizens:unemployment_period_create": ("citizen.edit", "citizen"),
    "cases:meeting_list": ("meeting.list", None),
    "cases:meeting_detail": ("meeting.view", "meeting"),
    "cases:settings": ("settings.edit", None),
    "cases:template_create": ("settings.edit", None),
    "cases:template_edit": ("settings.edit", "template"),
}


def build(kind, municipality):
    if kind is None:
        return []
    course = factories.course(municipality)
    objects = {
        "course": lambda: course,
        "closed": lambda: factories.course(municipality, phase="closed", outcome="education"),
        "note": lambda: factories.note(course, course.caseworker),
        "homework": lambda: factories.homework(course),
        "citizen": lambda: course.citizen,
        "meeting": lambda: factories.meeting(municipality),
        "template": lambda: HomeworkTemplate.objects.create(municipality=municipality, title="T"),
    }
    return [objects[kind]().pk]


CASES = [
    (name, role)
    for name, (action, _kind) in VIEWS.items()
    for role in (
        "caseworker",
        "consultant",
        "manager",
        "admin",
        "evaluator",
        "contact_person",
        "citizen",
    )
    if role not in RULES[action]
]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_the_wrong_role_gets_403_and_saves_nothing(
    name, role, personas, municipality_a, client_for
):
    args = build(VIEWS[name][1], municipality_a)
    url = reverse(name, args=args)
    client = client_for(personas[role])
    before = (Course.objects.count(), CourseEvent.objects.count())
    assert client.get(url).status_code == (405 if name in POST_ONLY else 403)
    assert client.post(url, {"text": "x", "reason": "x", "version": 1}).status_code in {403, 405}
    assert (Course.objects.count(), CourseEvent.objects.count()) == before


POST_ONLY = {"cases:citizen_course_start"}


@pytest.mark.parametrize(
    "name", [n for n, (_a, kind) in VIEWS.items() if kind and n not in POST_ONLY]
)
def test_the_right_role_opens_each_page(name, personas, municipality_a, client_for):
    action, kind = VIEWS[name]
    role = sorted(r.value for r in RULES[action])[0]
    args = build(kind, municipality_a)
    if kind == "note":
        # Only the author edits a note: make the persona the author.
        CourseEvent.objects.filter(pk=args[0]).update(author=personas[role])
    assert client_for(personas[role]).get(reverse(name, args=args)).status_code == 200
