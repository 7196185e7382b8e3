"""The "Forslag" page of a course: ranked workplaces with reasons, and the door."""

from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.citizens.models import WishWorkplace
from jobbro.matching.models import ContactAttempt
from tests import factories

pytestmark = pytest.mark.django_db


def _url(course) -> str:
    return reverse("matching:course_suggestions", args=[course.pk])


def _course(municipality, **fields):
    person = factories.citizen(municipality, postcode="8000", **fields)
    return factories.course(citizen_obj=person, phase="matching")


def test_it_lists_workplaces_with_their_reasons(consultant, municipality_a, client_for):
    course = _course(municipality_a, wish_industry_codes="471120")
    wished = factories.workplace(factories.company(name="Ønskefirma A/S"))
    WishWorkplace.objects.create(
        municipality=municipality_a,
        citizen=course.citizen,
        position=1,
        company_name="Ønskefirma",
        cvr=wished.company.cvr,
    )
    near = factories.workplace(factories.company(name="Nabofirma ApS"))
    factories.agreement(municipality_a, near)

    response = client_for(consultant).get(_url(course))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["workplace"].pk for row in rows] == [wished.pk, near.pk]
    html = response.content.decode()
    assert "Ønskearbejdsplads" in html
    assert "Branche matcher jobmål (DB07 47.11)" in html
    assert "Samme kommune" in html
    assert "Aktiv samarbejdsaftale" in html
    assert "2 ledige pladser" in html
    assert "0 / 2" in html  # capacity used / allowed


def test_declined_workplaces_leave_and_others_show_their_attempts(
    consultant, municipality_a, client_for
):
    course = _course(municipality_a)
    declined = factories.workplace()
    waiting = factories.workplace()
    factories.contact_attempt(course, declined, outcome=ContactAttempt.Outcome.DECLINED)
    factories.contact_attempt(course, waiting, outcome=ContactAttempt.Outcome.NOT_NOW)

    response = client_for(consultant).get(_url(course))

    assert [row["workplace"].pk for row in response.context["rows"]] == [waiting.pk]
    assert "Ikke nu" in response.content.decode()
    assert "2 virksomheder kontaktet" in response.content.decode()


def test_another_municipalitys_agreement_does_not_count(consultant, municipality_a, client_for):
    course = _course(municipality_a)
    place = factories.workplace()
    factories.agreement(factories.municipality(746), place)
    response = client_for(consultant).get(_url(course))
    assert "Aktiv samarbejdsaftale" not in response.content.decode()


@pytest.mark.parametrize("role", ["caseworker", "consultant", "manager"])
def test_case_staff_may_open_it(role, personas, municipality_a, client_for):
    response = client_for(personas[role]).get(_url(_course(municipality_a)))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["admin", "evaluator", "contact_person", "citizen"])
def test_other_roles_are_refused(role, personas, municipality_a, client_for):
    response = client_for(personas[role]).get(_url(_course(municipality_a)))
    assert response.status_code == 403


def test_another_municipalitys_course_is_not_found(consultant, municipality_b, client_for):
    response = client_for(consultant).get(_url(_course(municipality_b)))
    assert response.status_code == 404


def test_the_query_count_does_not_grow_with_workplaces(
    consultant, municipality_a, client_for, settings, django_assert_max_num_queries
):
    settings.MATCHING_INDEX_SECONDS = 0  # include the index build in the count
    course = _course(municipality_a)
    client = client_for(consultant)

    def add_workplaces(n: int) -> None:
        for _ in range(n):
            place = factories.workplace(ordinary_employees=Decimal("20"))
            factories.agreement(municipality_a, place)
            factories.contact_person(place)
            factories.contact_attempt(course, place)

    add_workplaces(2)
    with django_assert_max_num_queries(40) as few:
        client.get(_url(course))
    add_workplaces(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(course))
    assert len(response.context["rows"]) == 20


def test_the_index_is_reused_within_its_lifetime(
    consultant, municipality_a, client_for, django_assert_max_num_queries
):
    course = _course(municipality_a)
    factories.workplace()
    client = client_for(consultant)
    with django_assert_max_num_queries(40) as cold:
        client.get(_url(course))
    with django_assert_max_num_queries(len(cold.captured_queries) - 6):
        client.get(_url(course))


def test_a_workplace_removed_since_the_index_was_built_is_left_out(
    consultant, municipality_a, client_for
):
    course = _course(municipality_a)
    kept, removed = factories.workplace(), factories.workplace()
    client = client_for(consultant)
    client.get(_url(course))  # builds and caches the index
    removed.company.delete()
    response = client.get(_url(course))
    assert [row["workplace"].pk for row in response.context["rows"]] == [kept.pk]
