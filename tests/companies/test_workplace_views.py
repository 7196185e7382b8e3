"""Workplaces (P-numbers): create, edit, and the capacity shown on the workplace page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.companies.models import Workplace
from tests import factories

pytestmark = pytest.mark.django_db


def data(**overrides) -> dict:
    values = {
        "p_number": "1098765432",
        "name": "Lageret i Hasselager",
        "address": "",
        "postcode": "8361",
        "city": "Hasselager",
        "ordinary_employees": "55",
        "employees_stated_on": "2026-08-01",
        "weekly_hours": "37",
        "worker_rep_statement_on": "",
        "other_schemes_count": "2",
    }
    values.update(overrides)
    return values


def test_a_consultant_adds_a_workplace(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:workplace_create", args=[company.pk])
    response = client_for(consultant).post(url, data())
    workplace = Workplace.objects.get(p_number="1098765432")
    assert response["Location"] == reverse("companies:workplace_detail", args=[workplace.pk])
    assert workplace.company == company
    assert workplace.ordinary_employees == Decimal("55")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"p_number": "12345"}, "P-nummeret skal have 10 cifre."),
        ({"ordinary_employees": "-3"}, "Antal ansatte kan ikke være negativt."),
        ({"ordinary_employees": "250000"}, "Antal ansatte kan højst være 100.000"),
        ({"ordinary_employees": "12,55"}, "højst 1 decimal"),
        ({"weekly_hours": "40"}, "37"),
    ],
)
def test_it_rejects_bad_workplaces(consultant, client_for, overrides, message):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:workplace_create", args=[company.pk])
    response = client_for(consultant).post(url, data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Workplace.objects.exists()


def test_editing_employees_changes_the_capacity_shown(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    place = factories.workplace(company, ordinary_employees=Decimal(10), other_schemes_count=1)
    client = client_for(consultant)
    detail = reverse("companies:workplace_detail", args=[place.pk])
    assert "Pladser i brug: 1 / 2" in client.get(detail).content.decode()
    edit = reverse("companies:workplace_edit", args=[place.pk])
    response = client.post(
        edit, data(p_number=place.p_number, ordinary_employees="61", other_schemes_count="1")
    )
    assert response.status_code == 302
    assert "Pladser i brug: 1 / 11" in client.get(detail).content.decode()


def test_the_workplace_page_shows_only_own_agreements(consultant, outsider, client_for):
    place = factories.workplace(factories.company(municipality=consultant.municipality))
    ours = factories.agreement(consultant.municipality, place, places_offered=7)
    theirs = factories.agreement(outsider.municipality, place, places_offered=9)
    response = client_for(consultant).get(reverse("companies:workplace_detail", args=[place.pk]))
    assert list(response.context["agreements"]) == [ours]
    assert reverse("companies:agreement_detail", args=[theirs.pk]) not in (
        response.content.decode()
    )


def test_it_accepts_a_decimal_comma(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:workplace_create", args=[company.pk])
    client_for(consultant).post(url, data(ordinary_employees="12,5"))
    assert Workplace.objects.get().ordinary_employees == Decimal("12.5")
