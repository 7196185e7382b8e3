"""'Borgere til virksomheden': waiting citizens ranked for one workplace."""

from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.matching.models import ContactAttempt
from tests import factories

pytestmark = pytest.mark.django_db


def _url(place) -> str:
    return reverse("matching:workplace_candidates", args=[place.pk])


def _course(municipality, phase="matching", **fields):
    person = factories.citizen(municipality, postcode="8000", **fields)
    return factories.course(citizen_obj=person, phase=phase)


def test_it_ranks_waiting_citizens_of_the_viewers_municipality(
    consultant, municipality_a, municipality_b, client_for
):
    place = factories.workplace()
    fits = _course(municipality_a, wish_industry_codes="471120", first_name="Bedst")
    plain = _course(municipality_a, phase="referred", first_name="Almindelig")
    _course(municipality_a, phase="preparation")  # not waiting
    _course(municipality_b)  # another municipality's citizen
    former = _course(municipality_a, last_employer_cvr=place.company.cvr)
    said_no = _course(municipality_a)
    factories.contact_attempt(said_no, place, outcome=ContactAttempt.Outcome.DECLINED)

    response = client_for(consultant).get(_url(place))

    assert response.status_code == 200
    shown = [m.course.pk for m in response.context["page"].object_list]
    assert shown == [fits.pk, plain.pk]
    assert former.pk not in shown
    html = response.content.decode()
    assert "Branche matcher jobmål (DB07 47.11)" in html
    assert AccessLog.objects.filter(
        action=AccessLog.Action.SEARCH, citizen_id=fits.citizen_id
    ).exists()


def test_a_full_workplace_has_no_candidates(consultant, municipality_a, client_for):
    place = factories.workplace(ordinary_employees=Decimal("3"), other_schemes_count=1)
    _course(municipality_a)
    response = client_for(consultant).get(_url(place))
    assert list(response.context["page"].object_list) == []
    assert "Ingen ventende borgere" in response.content.decode()


@pytest.mark.parametrize("role", ["caseworker", "consultant", "manager"])
def test_case_staff_may_open_it(role, personas, client_for):
    assert client_for(personas[role]).get(_url(factories.workplace())).status_code == 200


@pytest.mark.parametrize("role", ["admin", "evaluator", "contact_person", "citizen"])
def test_other_roles_are_refused(role, personas, client_for):
    assert client_for(personas[role]).get(_url(factories.workplace())).status_code == 403


def test_the_workplace_page_links_to_it(consultant, client_for):
    place = factories.workplace()
    response = client_for(consultant).get(reverse("companies:workplace_detail", args=[place.pk]))
    assert _url(place) in response.content.decode()


def test_the_query_count_does_not_grow_with_citizens(
    consultant, municipality_a, client_for, django_assert_max_num_queries
):
    place = factories.workplace()
    client = client_for(consultant)

    def add_courses(n: int) -> None:
        for _ in range(n):
            course = _course(municipality_a)
            factories.contact_attempt(course, place, outcome=ContactAttempt.Outcome.DECLINED)
            factories.contact_attempt(course, factories.workplace())
            _course(municipality_a, wish_industry_codes="471120")

    add_courses(2)
    with django_assert_max_num_queries(40) as few:
        client.get(_url(place))
    add_courses(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(place))
    assert len(response.context["page"].object_list) == 17
