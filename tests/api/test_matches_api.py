"""/api/v1/cases/{id}/matches: the matching core's ranking over the database's workplaces."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_matches_rank_workplaces_with_reasons(consultant, course_a, api_for):
    citizen = course_a.citizen
    citizen.wish_industry_codes = "471120"
    citizen.save()
    shop = factories.workplace(factories.company(industry_code="471120"), postcode="8000")
    other = factories.workplace(factories.company(industry_code="620100"), postcode="8000")
    response = api_for(consultant).get(f"/cases/{course_a.pk}/matches", limit=5)
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["workplace_id"] for r in results] == [shop.pk, other.pk]
    assert results[0]["score"] > results[1]["score"]
    assert any("Branche" in reason for reason in results[0]["reasons"])


def test_the_last_employer_and_full_workplaces_are_never_suggested(consultant, course_a, api_for):
    last = factories.company()
    citizen = course_a.citizen
    citizen.last_employer_cvr = last.cvr
    citizen.save()
    factories.workplace(last)
    factories.workplace(other_schemes_count=5, ordinary_employees=Decimal("4"))
    ok = factories.workplace()
    results = api_for(consultant).get(f"/cases/{course_a.pk}/matches").json()["results"]
    assert [r["workplace_id"] for r in results] == [ok.pk]


def test_the_limit_is_respected_and_checked(consultant, course_a, api_for):
    for _ in range(3):
        factories.workplace()
    client = api_for(consultant)
    assert len(client.get(f"/cases/{course_a.pk}/matches", limit=2).json()["results"]) == 2
    response = client.get(f"/cases/{course_a.pk}/matches", limit=0)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["limit"]


def test_another_municipalitys_case_is_404_and_other_roles_403(
    outsider, evaluator, course_a, api_for
):
    assert api_for(outsider).get(f"/cases/{course_a.pk}/matches").status_code == 404
    assert api_for(evaluator).get(f"/cases/{course_a.pk}/matches").status_code == 403


def test_an_active_agreement_and_its_occupations_count(
    consultant, course_a, municipality_a, api_for
):
    citizen = course_a.citizen
    citizen.occupation_codes = "932920"
    citizen.save()
    plain = factories.workplace()
    partner = factories.workplace()
    factories.agreement(
        municipality_a,
        partner,
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() + timedelta(days=300),
        occupation_codes="932920",
        tasks="Lagerarbejde og pakning",
    )
    results = api_for(consultant).get(f"/cases/{course_a.pk}/matches").json()["results"]
    assert [r["workplace_id"] for r in results] == [partner.pk, plain.pk]
    assert "Aktiv samarbejdsaftale" in results[0]["reasons"]
