"""'Mine forløb' and the municipality's course list: order, filters, search log, speed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course, MunicipalitySettings
from jobbro.lib.waiting import Limits
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(clock):
    fixed = date(2026, 11, 28)
    clock.set(fixed)
    return fixed


def referred(municipality, caseworker, days_ago, today, **fields):
    visited = today - timedelta(days=days_ago)
    return factories.course(
        municipality,
        caseworker=caseworker,
        visitation_on=visited,
        phase_started_on=visited,
        **fields,
    )


def test_home_lists_my_courses_in_both_roles(
    caseworker, consultant, municipality_a, client_for, today
):
    mine = referred(municipality_a, caseworker, 3, today)
    as_consultant = referred(
        municipality_a,
        factories.user("caseworker", municipality_a),
        3,
        today,
        consultant=consultant,
    )
    page = client_for(consultant).get("/").context["page"]
    assert [c.pk for c in page] == [as_consultant.pk]
    page = client_for(caseworker).get("/").context["page"]
    assert [c.pk for c in page] == [mine.pk]


def test_overdue_first_then_due_date_with_reason_and_days(
    caseworker, municipality_a, client_for, today
):
    on_time = referred(municipality_a, caseworker, 14, today)  # due today: on time
    late = referred(municipality_a, caseworker, 15, today)  # 1 day over
    later = referred(municipality_a, caseworker, 20, today)  # 6 days over
    fresh = referred(municipality_a, caseworker, 1, today)
    response = client_for(caseworker).get("/")
    assert [c.pk for c in response.context["page"]] == [later.pk, late.pk, on_time.pk, fresh.pk]
    html = response.content.decode()
    assert html.count('class="overdue-row"') == 2
    assert "6 dage over fristen" in html and "1 dag over fristen" in html
    assert "Første virksomhedskontakt" in html


def test_filters_overdue_phase_staff_and_target_group(
    caseworker, consultant, municipality_a, manager, client_for, today
):
    late = referred(municipality_a, caseworker, 30, today)
    other = referred(
        municipality_a,
        factories.user("caseworker", municipality_a),
        1,
        today,
        consultant=consultant,
        phase="matching",
    )
    client = client_for(manager)
    url = reverse("cases:course_list")
    assert [c.pk for c in client.get(url + "?overdue=on").context["page"]] == [late.pk]
    assert [c.pk for c in client.get(url + "?phase=matching").context["page"]] == [other.pk]
    staff = client.get(url + f"?staff={consultant.pk}").context["page"]
    assert [c.pk for c in staff] == [other.pk]
    client.get(reverse("cases:course_create"))  # creates the target groups
    from jobbro.citizens.models import TargetGroup

    group = TargetGroup.objects.get(municipality=municipality_a, code="sygedagpenge")
    late.citizen.target_group = group
    late.citizen.save()
    by_group = client.get(url + f"?target_group={group.pk}").context["page"]
    assert [c.pk for c in by_group] == [late.pk]


def test_closed_courses_show_only_when_asked(caseworker, municipality_a, manager, client_for):
    closed = factories.course(municipality_a, phase="closed", outcome="education")
    url = reverse("cases:course_list")
    assert list(client_for(manager).get(url).context["page"]) == []
    assert [c.pk for c in client_for(manager).get(url + "?phase=closed").context["page"]] == [
        closed.pk
    ]


def test_search_by_exact_cpr_or_name_is_logged_with_criteria(
    caseworker, municipality_a, manager, client_for
):
    course = factories.course(
        municipality_a,
        citizen_obj=factories.citizen(
            municipality_a, cpr="1503851234", first_name="Birgitte", last_name="Nørgaard"
        ),
    )
    factories.course(municipality_a)
    client = client_for(manager)
    url = reverse("cases:course_list")
    assert [c.pk for c in client.get(url + "?q=150385-1234").context["page"]] == [course.pk]
    assert list(client.get(url + "?q=150385").context["page"]) == []  # no partial CPR
    assert [c.pk for c in client.get(url + "?q=birgitte").context["page"]] == [course.pk]
    searches = AccessLog.objects.filter(action="search").order_by("id")
    assert [s.criteria["q"] for s in searches] == ["150385-1234", "150385", "birgitte"]
    assert searches[0].citizen_id == course.citizen_id
    assert searches[0].username == manager.username


def test_other_municipalities_courses_never_show(manager, outsider, municipality_b, client_for):
    factories.course(municipality_b, caseworker=outsider)
    assert list(client_for(manager).get(reverse("cases:course_list")).context["page"]) == []
    assert list(client_for(outsider).get("/").context["page"]) != []


def test_the_list_paginates_and_keeps_the_query_count_flat(
    caseworker, municipality_a, client_for, django_assert_max_num_queries, today
):
    client = client_for(caseworker)
    for n in range(3):
        referred(municipality_a, caseworker, n, today)
    client.get("/")  # settings row created on first use
    with django_assert_max_num_queries(12) as small:
        client.get("/?q=Jensen")
    for n in range(30):
        referred(
            municipality_a,
            caseworker,
            n,
            today,
            consultant=factories.user("consultant", municipality_a),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/?q=Jensen")
    assert len(response.context["page"]) == 25
    assert len(client.get("/?side=2").context["page"]) == 8


def test_sql_and_python_agree_on_the_due_date(municipality_a, caseworker, today):
    limits = Limits(first_contact_days=10, follow_up_days=12, match_to_start_days=20)
    cases = [
        {"phase": "referred"},
        {"phase": "matching", "first_company_contact_on": date(2026, 11, 5)},
        {
            "phase": "matching",
            "first_company_contact_on": date(2026, 11, 5),
            "last_contact_on": date(2026, 11, 9),
        },
        {"phase": "preparation", "phase_started_on": date(2026, 11, 12)},
        {
            "phase": "in_placement",
            "phase_started_on": date(2026, 11, 20),
            "last_contact_on": date(2026, 11, 10),
        },
        {
            "phase": "follow_up",
            "phase_started_on": date(2026, 11, 1),
            "last_contact_on": date(2026, 11, 10),
        },
        {"phase": "closed", "outcome": "education"},
    ]
    for fields in cases:
        factories.course(municipality_a, caseworker=caseworker, **fields)
    for course in Course.objects.with_due(limits):
        expected = course.due(limits)
        assert course.due_on == (expected.due_on if expected else None), course.phase
        assert course.next_action == (expected.action if expected else "")


def test_the_municipality_settings_change_the_deadline(
    caseworker, municipality_a, client_for, today
):
    referred(municipality_a, caseworker, 10, today)
    assert "over fristen" not in client_for(caseworker).get("/").content.decode()
    MunicipalitySettings.objects.update_or_create(
        municipality=municipality_a, defaults={"first_contact_days": 7}
    )
    assert "3 dage over fristen" in client_for(caseworker).get("/").content.decode()


def test_the_manager_sees_open_and_overdue_counts(
    manager, caseworker, municipality_a, client_for, today
):
    referred(municipality_a, caseworker, 20, today)
    referred(municipality_a, caseworker, 2, today, phase="matching")
    factories.course(municipality_a, phase="closed", outcome="education")
    html = client_for(manager).get("/").content.decode()
    assert '<p class="figure">2</p><p>åbne forløb</p>' in html
    assert '<p class="figure overdue">1</p><p>over fristen</p>' in html
