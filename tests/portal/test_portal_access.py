"""The access door for the portals: every staff URL and API route refuses job contact
persons and citizens, and each sees only their own rows."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.access import PUBLIC, RULES, scope
from jobbro.api.api import api
from jobbro.api.services import token_create
from jobbro.cases.models import Course, HomeworkItem
from jobbro.citizens.models import Citizen
from jobbro.placements.models import Conversation, Placement, WeeklyFeedback
from tests import factories
from tests.test_access import ALL_PATTERNS

pytestmark = pytest.mark.django_db

PORTAL_ROLES = ("contact_person", "citizen")


def _fill(route: str) -> str:
    """A concrete path for a route: ids that exist nowhere, a made-up token."""
    route = re.sub(r"<int:\w+>", "999999", route)
    route = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
    return "/" + route


def _refused_routes(role: str) -> list[str]:
    return [
        route
        for route, pattern in ALL_PATTERNS
        if getattr(pattern.callback, "access_rule", PUBLIC) != PUBLIC
        and role not in RULES[pattern.callback.access_rule]
    ]


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_every_staff_url_refuses_the_portal_roles(role, personas, client_for):
    client = client_for(personas[role])
    routes = _refused_routes(role)
    assert len(routes) > 40  # every staff page, with or without ids
    for route in routes:
        path = _fill(route)
        statuses = {client.get(path).status_code, client.post(path).status_code}
        # 405 where a view only takes the other method; one of them must be the door's 403.
        assert statuses <= {403, 405} and 403 in statuses, f"{role} at {path}: {statuses}"


@pytest.mark.parametrize("role", PORTAL_ROLES)
def test_every_api_route_refuses_the_portal_roles(role, personas):
    _token, plain = token_create(user=personas[role], name="forsøg")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    operations = [
        (method, prefix + path, op)
        for prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for op in path_view.operations
        for method in op.methods
    ]
    assert operations
    for method, path, op in operations:
        url = "/api/v1" + re.sub(r"\{\w+\}", "1", path)
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code == 403, f"{role} {method} {url}: {response.status_code}"
        assert role not in RULES[op.view_func.access_rule]


def test_the_portal_actions_belong_to_their_role_only():
    assert RULES["portal.contact"] == {"contact_person"}
    assert RULES["portal.citizen"] == {"citizen"}
    assert RULES["portal.calendar"] == {"contact_person", "citizen"}


def test_a_contact_person_cannot_open_another_companys_intern_by_guessing_ids(client_for):
    mine = factories.contact_person_user(factories.workplace(), username="jkp.x")
    other = factories.contact_person_user(factories.workplace(), username="jkp.y")
    theirs = factories.active_placement(person_user=other)
    conversation = theirs.conversations.first()
    client = client_for(mine)
    for url in (
        reverse("portal:intern_detail", args=[theirs.pk]),
        reverse("portal:feedback", args=[theirs.pk]),
        reverse("portal:conversation_ics", args=[conversation.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("portal:intern_agreement_approve", args=[theirs.pk]),
        reverse("portal:feedback_draft", args=[theirs.pk]),
        reverse("portal:feedback", args=[theirs.pk]),
    ):
        assert client.post(url, {"week": 1, "number": 1}).status_code == 404, url
    assert not WeeklyFeedback.objects.exists()
    assert not theirs.agreement_versions.get().approvals.exists()


def test_a_citizen_cannot_open_another_citizens_homework_or_placement(client_for, citizen_user):
    other_course = factories.course(factories.municipality(751))
    item = factories.homework(other_course)
    placement = factories.active_placement()
    client = client_for(citizen_user)
    assert client.get(reverse("portal:homework", args=[item.pk])).status_code == 404
    assert client.post(reverse("portal:homework", args=[item.pk]), {"done": "1"}).status_code == 404
    url = reverse("portal:citizen_agreement_approve", args=[placement.pk])
    assert client.post(url, {"number": 1}).status_code == 404
    item.refresh_from_db()
    assert item.status == "open"


def test_scope_gives_a_contact_person_only_their_placements(contact_person_user):
    mine = factories.active_placement(person_user=contact_person_user)
    factories.active_placement()
    assert list(scope(contact_person_user, Placement.objects.all())) == [mine]
    assert set(scope(contact_person_user, Conversation.objects.all())) == set(
        mine.conversations.all()
    )
    # Never the citizen record, the course (journal) or homework.
    for model in (Citizen, Course, HomeworkItem):
        assert not scope(contact_person_user, model.objects.all()).exists()


def test_scope_gives_a_citizen_only_their_own_rows(citizen_user):
    mine = factories.course(citizen_obj=citizen_user.citizen)
    factories.homework(mine)
    other = factories.course(factories.municipality(751))
    factories.homework(other)
    assert list(scope(citizen_user, Course.objects.all())) == [mine]
    assert list(scope(citizen_user, Citizen.objects.all())) == [citizen_user.citizen]
    assert scope(citizen_user, HomeworkItem.objects.all()).get().course == mine
    assert not scope(citizen_user, WeeklyFeedback.objects.all()).exists()
