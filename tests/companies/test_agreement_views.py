"""Cooperation agreements: create, validation, state, the expiring list."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.companies.models import CooperationAgreement
from tests import factories

pytestmark = pytest.mark.django_db


def data(place, **overrides) -> dict:
    values = {
        "workplace": place.pk,
        "status": "active",
        "start_date": "2026-09-01",
        "end_date": "2027-08-31",
        "signed_on": "2026-08-20",
        "signed_by": "Ole Olsen, direktør",
        "places_offered": "2",
        "tasks": "Lager og pluk",
        "occupation_codes": "932900, 432100",
        "occupations_text": "Lagermedarbejder",
        "notes": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def place(consultant):
    company = factories.company(municipality=consultant.municipality)
    return factories.workplace(company, ordinary_employees=Decimal(12))


def test_a_consultant_creates_an_agreement(consultant, place, client_for):
    url = reverse("companies:agreement_create", args=[place.company_id])
    response = client_for(consultant).post(url, data(place))
    agreement = CooperationAgreement.objects.get()
    assert response["Location"] == reverse("companies:agreement_detail", args=[agreement.pk])
    assert (agreement.municipality_id, agreement.created_by) == (751, consultant)
    assert agreement.places_offered == 2


def test_the_workplace_picker_shows_capacity(consultant, place, client_for):
    url = reverse("companies:agreement_create", args=[place.company_id])
    html = client_for(consultant).get(url).content.decode()
    assert "pladser i brug 0 / 2" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2026-08-31"}, "Slutdatoen kan ikke ligge før startdatoen."),
        ({"occupation_codes": "9329"}, "DISCO-08-koder på 6 cifre"),
        ({"places_offered": "-1"}, "places_offered"),
    ],
)
def test_it_rejects_bad_agreements_and_saves_nothing(
    consultant, place, client_for, overrides, message
):
    url = reverse("companies:agreement_create", args=[place.company_id])
    response = client_for(consultant).post(url, data(place, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "form-error" in html
    assert not CooperationAgreement.objects.exists()


def test_a_workplace_of_another_company_cannot_be_picked(consultant, place, client_for):
    other = factories.workplace()
    url = reverse("companies:agreement_create", args=[place.company_id])
    client_for(consultant).post(url, data(other))
    assert not CooperationAgreement.objects.exists()


def test_an_active_agreement_past_its_end_shows_expired(consultant, place):
    old = factories.agreement(
        consultant.municipality, place, start_date=date(2024, 1, 1), end_date=date(2025, 1, 1)
    )
    today = date(2026, 1, 1)
    assert old.state_on(today) == "expired"
    assert CooperationAgreement.objects.with_state(today).get().state == "expired"


def test_the_expiring_list_shows_own_agreements_ending_within_30_days(
    consultant, place, outsider, client_for
):
    today = timezone.localdate()
    m = consultant.municipality
    soon = factories.agreement(
        m, place, start_date=today - timedelta(days=300), end_date=today + timedelta(days=10)
    )
    factories.agreement(m, place, start_date=today, end_date=today + timedelta(days=90))
    factories.agreement(
        m, place, status="draft", start_date=today, end_date=today + timedelta(days=5)
    )
    factories.agreement(
        outsider.municipality, place, start_date=today, end_date=today + timedelta(days=5)
    )
    response = client_for(consultant).get(reverse("companies:agreement_expiring"))
    assert list(response.context["page"]) == [soon]


def test_the_expiring_list_keeps_query_count_flat(
    consultant, place, client_for, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(30):
        factories.agreement(
            consultant.municipality,
            factories.workplace(),
            start_date=today,
            end_date=today + timedelta(days=n % 30),
        )
    client = client_for(consultant)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("companies:agreement_expiring"))
    assert len(response.context["page"]) == 25


def test_a_caseworker_reads_but_may_not_edit_an_agreement(caseworker, place, client_for):
    agreement = factories.agreement(caseworker.municipality, place)
    client = client_for(caseworker)
    assert client.get(reverse("companies:agreement_detail", args=[agreement.pk])).status_code == 200
    url = reverse("companies:agreement_edit", args=[agreement.pk])
    assert client.post(url, data(place, places_offered="9")).status_code == 403


def test_a_consultant_edits_an_own_agreement(consultant, place, client_for):
    agreement = factories.agreement(consultant.municipality, place)
    url = reverse("companies:agreement_edit", args=[agreement.pk])
    response = client_for(consultant).post(url, data(place, status="expired"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.places_offered) == ("expired", 2)
