"""Citizens: the searchable list, a new course after a closed one, editing the
citizen's profile (codes, wishes) and unemployment periods (the long-term flag)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course
from jobbro.citizens.models import Citizen, UnemploymentPeriod
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("citizens:citizen_list")


def test_the_list_shows_own_citizens_and_logs_searches(
    caseworker, municipality_a, municipality_b, client_for
):
    mine = factories.citizen(municipality_a, first_name="Rasmus", cpr="0202881234")
    other = factories.citizen(municipality_b, first_name="Rasmus", cpr="0303881234")
    client = client_for(caseworker)
    assert [c.pk for c in client.get(LIST).context["page"]] == [mine.pk]
    assert [c.pk for c in client.get(LIST + "?q=020288-1234").context["page"]] == [mine.pk]
    assert list(client.get(LIST + "?q=0303881234").context["page"]) == []
    assert list(client.get(LIST + "?q=0202").context["page"]) == []  # never partial CPR
    logged = AccessLog.objects.filter(action="search", object_type="citizens.Citizen")
    # Every showing of the list is a search, logged per citizen shown (one row when none);
    # the unfiltered list has empty criteria.
    criteria = [e.criteria for e in logged.order_by("id")]
    assert criteria == [{}, {"q": "020288-1234"}, {"q": "0303881234"}, {"q": "0202"}]
    assert not logged.filter(citizen_id=other.pk).exists()


def test_the_list_keeps_the_query_count_flat(
    caseworker, municipality_a, client_for, django_assert_max_num_queries
):
    client = client_for(caseworker)
    factories.course(municipality_a)
    with django_assert_max_num_queries(8) as few:
        client.get(LIST)
    for _ in range(30):
        factories.course(municipality_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"]) == 25


def test_a_new_course_starts_only_when_the_last_is_closed(caseworker, municipality_a, client_for):
    course = factories.course(municipality_a, phase="closed", outcome="education")
    client = client_for(caseworker)
    url = reverse("cases:citizen_course_start", args=[course.citizen_id])
    response = client.post(url)
    new = Course.objects.exclude(pk=course.pk).get()
    assert response["Location"] == reverse("cases:course_detail", args=[new.pk])
    assert (new.phase, new.caseworker) == ("referred", caseworker)
    client.post(url)
    assert Course.objects.count() == 2


def test_another_municipalitys_citizen_gets_no_course(caseworker, municipality_b, client_for):
    other = factories.citizen(municipality_b)
    url = reverse("cases:citizen_course_start", args=[other.pk])
    assert client_for(caseworker).post(url).status_code == 404
    assert not Course.objects.exists()


def edit(client, citizen, **overrides):
    url = reverse("citizens:citizen_edit", args=[citizen.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["target_group"] = form.fields["target_group"].queryset.first().pk
    data["unemployed_since"] = "2026-01-05"
    return client.post(url, data | overrides)


def test_occupation_and_industry_codes_must_be_six_digits(caseworker, municipality_a, client_for):
    course = factories.course(municipality_a)
    client = client_for(caseworker)
    response = edit(client, course.citizen, occupation_codes="9329, abc", max_commute_km="25")
    assert "DISCO-08-koder på 6 cifre" in response.context["form"].errors["occupation_codes"][0]
    assert Citizen.objects.get(pk=course.citizen_id).max_commute_km is None
    response = edit(
        client,
        course.citizen,
        occupation_codes="932920, 522300",
        wish_industry_codes="471120",
        max_commute_km="25",
        barriers="Ordblind",
    )
    assert response.status_code == 302
    citizen = Citizen.objects.get(pk=course.citizen_id)
    assert (citizen.occupation_codes, citizen.max_commute_km, citizen.barriers) == (
        "932920, 522300",
        25,
        "Ordblind",
    )


def test_a_period_ending_before_it_starts_is_refused(caseworker, municipality_a, client_for):
    citizen = factories.course(municipality_a).citizen
    url = reverse("citizens:unemployment_period_create", args=[citizen.pk])
    response = client_for(caseworker).post(url, {"start_on": "2026-05-01", "end_on": "2026-04-01"})
    assert "kan ikke slutte før den begynder" in response.content.decode()
    assert not UnemploymentPeriod.objects.exists()


def test_periods_decide_the_long_term_flag_on_the_course_page(
    caseworker, municipality_a, client_for
):
    course = factories.course(municipality_a)
    course.citizen.unemployed_since = None
    course.citizen.save()
    client = client_for(caseworker)
    page = reverse("cases:course_detail", args=[course.pk])
    assert "Langtidsledig" not in client.get(page).content.decode()
    start = timezone.localdate() - timedelta(days=330)
    url = reverse("citizens:unemployment_period_create", args=[course.citizen_id])
    assert client.post(url, {"start_on": f"{start:%Y-%m-%d}"}).status_code == 302
    assert "Langtidsledig" in client.get(page).content.decode()


def test_a_manager_reopens_a_closed_course_from_the_page(manager, municipality_a, client_for):
    course = factories.course(municipality_a, phase="closed", outcome="education")
    url = reverse("cases:course_reopen", args=[course.pk])
    client = client_for(manager)
    response = client.post(url, {"version": 1, "reason": ""})
    assert "reason" in response.context["form"].errors
    assert client.post(url, {"version": 1, "reason": "Lukket ved en fejl"}).status_code == 302
    assert Course.objects.get(pk=course.pk).phase == "referred"
