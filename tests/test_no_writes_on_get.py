"""Reading a page writes nothing but the access log: a municipality's defaults are
provisioned when it is set up (jobbro.setup.services), never created by a GET."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

WRITE = re.compile(r'^\s*(INSERT|UPDATE|DELETE)\b(?:\s+INTO|\s+FROM)?\s+"?(\w+)"?', re.I)
# Reading personal data is logged (Datatilsynet); that is the one write a read makes.
LOG_TABLES = {"accounts_accesslog", "accounts_accesslogchain"}


def writes(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    found = [WRITE.match(q["sql"]) for q in queries.captured_queries]
    return [m.group(2) for m in found if m and m.group(2) not in LOG_TABLES]


def test_the_caseworkers_pages_write_nothing(caseworker, municipality_a, client_for):
    course = factories.course(municipality_a, caseworker=caseworker)
    client = client_for(caseworker)
    for url in [
        reverse("home"),
        reverse("cases:course_list"),
        reverse("cases:course_detail", args=[course.pk]),
        reverse("cases:course_create"),
        reverse("cases:homework_create", args=[course.pk]),
        reverse("citizens:citizen_list"),
        reverse("citizens:citizen_edit", args=[course.citizen_id]),
        reverse("placements:placement_create", args=[course.pk]),
    ]:
        assert writes(client, url) == [], url


def test_the_settings_pages_write_nothing(admin_user, manager, client_for):
    admin = client_for(admin_user)
    for url in [
        reverse("cases:settings"),
        reverse("placements:settings"),
        reverse("placements:template_list"),
        reverse("placements:template_edit", args=["start"]),
        reverse("portal:information_edit"),
        reverse("notifications:reminder_list"),
    ]:
        assert writes(admin, url) == [], url
    leader = client_for(manager)
    for url in [
        reverse("home"),
        reverse("companies:not_visited"),
        reverse("companies:followup_settings"),
    ]:
        assert writes(leader, url) == [], url


def test_the_portal_information_page_writes_nothing(contact_person_user, client_for):
    factories.active_placement(person_user=contact_person_user)
    assert writes(client_for(contact_person_user), reverse("portal:information")) == []


def test_the_check_sees_writes(caseworker, municipality_a, client_for):
    """The course page logs the read: the capture sees that INSERT (and so would see others)."""
    course = factories.course(municipality_a, caseworker=caseworker)
    with CaptureQueriesContext(connection) as queries:
        client_for(caseworker).get(reverse("cases:course_detail", args=[course.pk]))
    tables = [m.group(2) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))]
    assert "accounts_accesslog" in tables
