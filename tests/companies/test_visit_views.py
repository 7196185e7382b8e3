"""Company visits, 'last visited' and the not-visited list with its per-municipality setting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.companies.models import CompanyFollowUpSettings, CompanyVisit, months_before
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_consultant_registers_a_visit_and_it_becomes_last_visited(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:visit_create", args=[company.pk])
    response = client_for(consultant).post(
        url,
        {
            "visited_on": "2026-10-01",
            "consultant": consultant.pk,
            "purpose": "Ny aftale",
            "notes": "God snak",
            "next_step": "Send aftaleudkast",
            "next_step_on": "2026-10-15",
        },
    )
    assert response.status_code == 302
    visit = CompanyVisit.objects.get()
    assert (visit.municipality_id, visit.consultant) == (751, consultant)
    detail = client_for(consultant).get(reverse("companies:company_detail", args=[company.pk]))
    assert str(detail.context["company"].last_visited) == "2026-10-01"


def test_a_visit_needs_a_consultant_from_the_own_jobcenter(consultant, outsider, client_for):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:visit_create", args=[company.pk])
    response = client_for(consultant).post(
        url, {"visited_on": "2026-10-01", "consultant": outsider.pk, "purpose": "x"}
    )
    assert response.status_code == 200
    assert not CompanyVisit.objects.exists()


def test_last_visited_is_per_municipality(consultant, outsider, client_for):
    company = factories.company(municipality=consultant.municipality)
    factories.visit(outsider.municipality, company, outsider)
    detail = client_for(consultant).get(reverse("companies:company_detail", args=[company.pk]))
    assert detail.context["company"].last_visited is None


def test_not_visited_lists_own_partners_beyond_the_interval(consultant, outsider, client_for):
    today = timezone.localdate()
    m = consultant.municipality
    never = factories.company(municipality=m, name="Aldrig besøgt")
    long_ago = factories.company(municipality=m, name="Længe siden")
    factories.visit(m, long_ago, consultant, visited_on=today - timedelta(days=400))
    recent = factories.company(municipality=m, name="For nylig")
    factories.visit(m, recent, consultant, visited_on=today - timedelta(days=30))
    factories.company(municipality=outsider.municipality, name="Ikke vores")
    response = client_for(consultant).get(reverse("companies:not_visited"))
    assert [c.name for c in response.context["page"]] == [never.name, long_ago.name]
    assert response.context["months"] == 6


def test_the_interval_is_a_municipality_setting(manager, consultant, client_for):
    today = timezone.localdate()
    company = factories.company(municipality=consultant.municipality)
    factories.visit(
        consultant.municipality, company, consultant, visited_on=today - timedelta(days=45)
    )
    url = reverse("companies:followup_settings")
    assert client_for(manager).post(url, {"visit_interval_months": "1"}).status_code == 302
    assert CompanyFollowUpSettings.interval_for(751) == 1
    assert CompanyFollowUpSettings.interval_for(746) == 6
    response = client_for(consultant).get(reverse("companies:not_visited"))
    assert list(response.context["page"]) == [company]


def test_the_interval_setting_rejects_zero(manager, client_for):
    response = client_for(manager).post(
        reverse("companies:followup_settings"), {"visit_interval_months": "0"}
    )
    assert "Intervallet skal være mindst 1 måned." in response.content.decode()


def test_consultants_may_not_change_the_interval(consultant, client_for):
    url = reverse("companies:followup_settings")
    assert client_for(consultant).post(url, {"visit_interval_months": "2"}).status_code == 403


def test_not_visited_keeps_query_count_flat(consultant, client_for, django_assert_max_num_queries):
    for _ in range(30):
        factories.company(municipality=consultant.municipality)
    client = client_for(consultant)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("companies:not_visited"))
    assert response.context["page"].paginator.count == 30


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        ("2026-03-31", 1, "2026-02-28"),
        ("2026-06-15", 6, "2025-12-15"),
        ("2024-05-31", 3, "2024-02-29"),
        ("2026-01-10", 13, "2024-12-10"),
    ],
)
def test_months_before_handles_month_ends(today, months, expected):
    from datetime import date

    assert months_before(date.fromisoformat(today), months) == date.fromisoformat(expected)


def test_the_own_visit_page_shows_the_next_step(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    visit = factories.visit(consultant.municipality, company, consultant, next_step="Ring igen")
    response = client_for(consultant).get(reverse("companies:visit_detail", args=[visit.pk]))
    assert "Ring igen" in response.content.decode()
