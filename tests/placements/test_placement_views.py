"""The placement pages: create, the placement page and its actions, through the door."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.cases.models import Phase
from jobbro.companies.models import CapacityOverride
from jobbro.placements import selectors
from jobbro.placements.models import AgreementApproval, Conversation, Placement, WeeklyFeedback
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fixed_today(clock):
    clock.set(TODAY)


@pytest.fixture
def course(municipality_a, consultant):
    return factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )


@pytest.fixture
def place(municipality_a):
    owner = factories.company(municipality=municipality_a)
    return factories.workplace(owner, ordinary_employees=Decimal("20"))


def create_data(place, person, **changes) -> dict:
    data = {
        "workplace": place.pk,
        "contact_person": person.pk,
        "start_on": "2026-12-07",
        "weeks": "8",
        "hours_per_week": "30",
        "purpose": "skills",
        "tasks": "Lager og pakning",
    }
    return data | changes


def test_a_consultant_creates_a_placement_with_its_conversations(
    course, place, consultant, client_for
):
    person = factories.contact_person(place)
    url = reverse("placements:placement_create", args=[course.pk])
    page = client_for(consultant).get(url)
    assert "pladser i brug 0 / 4" in page.content.decode()
    assert "BEK 2636/2021 § 60" in page.content.decode()
    response = client_for(consultant).post(url, create_data(place, person))
    placement = Placement.objects.get()
    assert response.url == reverse("placements:placement_detail", args=[placement.pk])
    assert placement.conversations.count() == 11
    course.refresh_from_db()
    assert course.phase == Phase.PREPARATION


def test_it_offers_only_workplaces_of_companies_the_municipality_knows(
    course, place, consultant, client_for
):
    stranger = factories.workplace(name="Fremmed arbejdssted")
    person = factories.contact_person(stranger)
    url = reverse("placements:placement_create", args=[course.pk])
    assert "Fremmed arbejdssted" not in client_for(consultant).get(url).content.decode()
    response = client_for(consultant).post(url, create_data(stranger, person))
    assert response.status_code == 200
    assert not Placement.objects.exists()


def test_it_refuses_a_contact_person_of_another_workplace_at_the_field(
    course, place, municipality_a, consultant, client_for
):
    other = factories.workplace(factories.company(municipality=municipality_a))
    person = factories.contact_person(other)
    url = reverse("placements:placement_create", args=[course.pk])
    response = client_for(consultant).post(url, create_data(place, person))
    assert "ikke ansat på det valgte arbejdssted" in str(
        response.context["form"]["contact_person"].errors
    )
    assert not Placement.objects.exists()


def test_it_refuses_hours_above_the_limit_at_the_field(course, place, consultant, client_for):
    person = factories.contact_person(place)
    url = reverse("placements:placement_create", args=[course.pk])
    response = client_for(consultant).post(url, create_data(place, person, hours_per_week="40"))
    assert "37" in str(response.context["form"]["hours_per_week"].errors)
    assert not Placement.objects.exists()


def test_a_full_workplace_is_refused_and_only_a_manager_may_override(
    course, municipality_a, consultant, manager, client_for
):
    owner = factories.company(municipality=municipality_a)
    small = factories.workplace(owner, ordinary_employees=Decimal("3"))
    factories.placement(place=small)  # the one allowed place is taken
    person = factories.contact_person(small)
    url = reverse("placements:placement_create", args=[course.pk])
    response = client_for(consultant).post(url, create_data(small, person))
    assert response.context["form"]["workplace"].errors
    assert "override_reason" not in response.context["form"].fields
    assert Placement.objects.count() == 1
    response = client_for(manager).post(
        url, create_data(small, person, override_reason="Virksomheden har ekstra kapacitet")
    )
    assert response.status_code == 302
    assert Placement.objects.count() == 2


def test_the_placement_page_shows_agreement_and_conversations(course, consultant, client_for):
    placement = factories.placement(course)
    response = client_for(consultant).get(
        reverse("placements:placement_detail", args=[placement.pk])
    )
    body = response.content.decode()
    assert "Opstartssamtale" in body and "Afslutningssamtale" in body
    assert "Godkend som jobcenter" in body
    assert "Registrér borgerens godkendelse (papir)" in body


def test_approvals_on_paper_say_who_registered_them_and_starting_needs_all_three(
    course, consultant, client_for
):
    placement = factories.placement(course)
    client = client_for(consultant)
    approve = reverse("placements:agreement_approve", args=[placement.pk])
    start = reverse("placements:placement_activate", args=[placement.pk])
    client.post(approve, {"party": "citizen", "number": 1})
    response = client.post(start, {"version": placement.version})
    assert "mangler godkendelse" in response.content.decode()
    client.post(approve, {"party": "contact_person", "number": 1})
    client.post(approve, {"party": "jobcenter", "number": 1})
    assert AgreementApproval.objects.filter(on_paper=True).count() == 2
    page = client.get(reverse("placements:placement_detail", args=[placement.pk]))
    assert f"registreret på papir af {consultant}" in page.content.decode()
    assert client.post(start, {"version": placement.version}).status_code == 302
    placement.refresh_from_db()
    assert placement.status == "active"


def test_a_manager_may_start_without_approvals_with_a_reason(course, manager, client_for):
    placement = factories.placement(course)
    start = reverse("placements:placement_activate", args=[placement.pk])
    response = client_for(manager).post(
        start, {"version": placement.version, "override_reason": "Borgeren godkender mandag"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.activation_override == "Borgeren godkender mandag"


def test_editing_the_agreement_makes_a_new_version_without_approvals(
    course, consultant, client_for
):
    placement = factories.placement(course)
    client = client_for(consultant)
    client.post(
        reverse("placements:agreement_approve", args=[placement.pk]),
        {"party": "jobcenter", "number": 1},
    )
    content = placement.agreement_versions.get().content() | {"goals": "Nyt mål"}
    client.post(reverse("placements:agreement_edit", args=[placement.pk]), content)
    current = placement.agreement_versions.order_by("-number").first()
    assert (current.number, current.approvals.count()) == (2, 0)


def _activate(placement, consultant):
    from jobbro.placements import services

    for party in ("citizen", "contact_person", "jobcenter"):
        services.agreement_approve(by=consultant, placement=placement, party=party, number=1)
    placement.refresh_from_db()
    services.placement_activate(
        by=consultant, placement=placement, version=placement.version, today=TODAY
    )
    placement.refresh_from_db()
    return placement


def test_holding_the_final_conversation_leads_to_the_outcome(course, consultant, client_for, clock):
    placement = _activate(factories.placement(course), consultant)
    final = placement.conversations.get(kind="final")
    clock.set(final.planned_on)
    answers = {"q1": "4", "q2": "4", "q3": "3", "q5": "ja", "q8": "Ansættelse"}
    response = client_for(consultant).post(
        reverse("placements:conversation_hold", args=[final.pk]),
        {"held_on": final.planned_on.isoformat(), "notes": "God afslutning", **answers},
    )
    close = reverse("cases:course_close", args=[course.pk])
    assert response.url == f"{close}?resultat=job_same_company"
    page = client_for(consultant).get(response.url)
    assert page.context["form"]["outcome"].value() == "job_same_company"


def test_a_hold_with_a_missing_answer_is_refused_at_the_question(course, consultant, client_for):
    placement = _activate(factories.placement(course), consultant)
    start = placement.conversations.get(kind="start")
    response = client_for(consultant).post(
        reverse("placements:conversation_hold", args=[start.pk]),
        {"held_on": "2026-11-30", "q1": "Lære lageret"},
    )
    assert response.context["form"]["q2"].errors
    start.refresh_from_db()
    assert start.status == "planned"


def test_conversations_can_be_moved_cancelled_and_marked_no_show(course, consultant, client_for):
    placement = factories.placement(course)
    client = client_for(consultant)
    first, second, third = placement.conversations.all()[:3]
    client.post(
        reverse("placements:conversation_move", args=[first.pk]), {"planned_on": "2026-12-09"}
    )
    client.post(
        reverse("placements:conversation_status", args=[second.pk]), {"status": "cancelled"}
    )
    client.post(reverse("placements:conversation_status", args=[third.pk]), {"status": "no_show"})
    first.refresh_from_db()
    assert (first.planned_on, first.moved) == (date(2026, 12, 9), True)
    statuses = set(Conversation.objects.exclude(status="planned").values_list("status", flat=True))
    assert statuses == {"cancelled", "no_show"}


def test_moving_a_conversation_to_a_weekend_is_refused_at_the_field(course, consultant, client_for):
    placement = factories.placement(course)
    first = placement.conversations.first()
    response = client_for(consultant).post(
        reverse("placements:conversation_move", args=[first.pk]), {"planned_on": "2026-12-12"}
    )
    assert "weekend" in str(response.context["form"]["planned_on"].errors)


def test_staff_record_weekly_feedback_on_the_contact_persons_behalf(course, consultant, client_for):
    placement = _activate(factories.placement(course), consultant)
    response = client_for(consultant).post(
        reverse("placements:feedback_create", args=[placement.pk]),
        {"week": "1", "tasks_done": "Pakkede ordrer", "professional": "4", "social": "5"},
    )
    assert response.status_code == 302
    item = WeeklyFeedback.objects.get()
    assert item.on_behalf
    page = client_for(consultant).get(reverse("placements:placement_detail", args=[placement.pk]))
    assert "registreret af jobcentret" in page.content.decode()


def test_support_entries_need_the_company_of_an_application(course, consultant, client_for):
    placement = factories.placement(course)
    url = reverse("placements:support_create", args=[placement.pk])
    response = client_for(consultant).post(url, {"kind": "application", "on": "2026-12-08"})
    assert response.context["form"]["company"].errors
    response = client_for(consultant).post(
        url, {"kind": "application", "on": "2026-12-08", "company": "Netto", "answer": "pending"}
    )
    assert placement.support.count() == 1


def test_rescheduling_and_ending_early_need_a_reason(course, consultant, client_for):
    placement = factories.placement(course)
    client = client_for(consultant)
    url = reverse("placements:placement_reschedule", args=[placement.pk])
    data = {"version": placement.version, "start_on": "2026-12-07", "weeks": "10"}
    assert client.post(url, data).context["form"]["reason"].errors
    client.post(url, data | {"reason": "Borgeren har brug for mere tid"})
    placement.refresh_from_db()
    assert (placement.weeks, placement.extended) == (10, True)
    end = reverse("placements:placement_end", args=[placement.pk])
    client.post(end, {"version": placement.version, "reason": "Borgeren fik job"})
    placement.refresh_from_db()
    assert placement.status == "ended_early"


def test_extending_into_a_full_workplace_shows_the_rule_and_a_manager_may_override(
    course, municipality_a, consultant, manager, client_for
):
    owner = factories.company(municipality=municipality_a)
    small = factories.workplace(owner, ordinary_employees=Decimal("3"))  # room for 1
    placement = factories.placement(course, place=small)  # 7 Dec – 31 Jan
    factories.placement(place=small, start_on=date(2027, 2, 1))  # February is taken
    url = reverse("placements:placement_reschedule", args=[placement.pk])
    data = {"version": placement.version, "start_on": "2026-12-07", "weeks": "10"}
    response = client_for(consultant).post(url, data | {"reason": "Mere tid"})
    assert response.status_code == 200
    assert "override_reason" not in response.context["form"].fields
    body = response.content.decode()
    assert "Der er fejl i formularen" in body
    assert "Arbejdsstedet har ikke flere pladser" in body and "BEK 2636/2021 § 65" in body
    assert response.context["form"]["weeks"].errors
    placement.refresh_from_db()
    assert (placement.weeks, placement.version) == (8, 1)
    manager_page = client_for(manager).get(url).content.decode()
    assert "Begrundelse for at overskride rimelighedskravet" in manager_page
    response = client_for(manager).post(
        url, data | {"reason": "Mere tid", "override_reason": "Aftalt med TR"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.weeks == 10
    assert CapacityOverride.objects.get().placement_id == placement.pk


def test_the_admin_edits_the_programme_length(admin_user, client_for):
    from jobbro.placements.models import PlacementSettings

    url = reverse("placements:settings")
    response = client_for(admin_user).post(url, {"weeks": "6", "legal_basis": "LAB kap. 11"})
    assert response.status_code == 302
    assert PlacementSettings.objects.get(municipality_id=751).weeks == 6


@pytest.mark.parametrize("role", ["evaluator", "contact_person_user", "citizen_user", "admin_user"])
def test_roles_outside_casework_are_refused(role, request, course, client_for):
    placement = factories.placement(course)
    conversation = placement.conversations.first()
    client = client_for(request.getfixturevalue(role))
    urls = [
        reverse("placements:placement_create", args=[course.pk]),
        reverse("placements:placement_detail", args=[placement.pk]),
        reverse("placements:placement_activate", args=[placement.pk]),
        reverse("placements:placement_reschedule", args=[placement.pk]),
        reverse("placements:placement_end", args=[placement.pk]),
        reverse("placements:agreement_edit", args=[placement.pk]),
        reverse("placements:conversation_hold", args=[conversation.pk]),
        reverse("placements:conversation_move", args=[conversation.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    posts = [
        reverse("placements:agreement_approve", args=[placement.pk]),
        reverse("placements:feedback_create", args=[placement.pk]),
        reverse("placements:support_create", args=[placement.pk]),
        reverse("placements:conversation_status", args=[conversation.pk]),
    ]
    for url in posts:
        assert client.post(url, {}).status_code == 403, url


@pytest.mark.parametrize("role", ["caseworker", "consultant", "manager", "evaluator"])
def test_only_the_admin_edits_the_programme_setting(role, request, client_for):
    response = client_for(request.getfixturevalue(role)).get(reverse("placements:settings"))
    assert response.status_code == 403


def test_posts_to_another_municipalitys_placement_are_404(course, outsider, client_for):
    placement = factories.placement(course)
    conversation = placement.conversations.first()
    client = client_for(outsider)
    for url in (
        reverse("placements:agreement_approve", args=[placement.pk]),
        reverse("placements:feedback_create", args=[placement.pk]),
        reverse("placements:support_create", args=[placement.pk]),
        reverse("placements:conversation_status", args=[conversation.pk]),
    ):
        assert client.post(url, {"party": "jobcenter", "number": 1}).status_code == 404, url
    assert not AgreementApproval.objects.exists()


def test_the_placement_page_query_count_does_not_grow(
    course, consultant, client_for, django_assert_max_num_queries
):
    placement = _activate(factories.placement(course), consultant)
    url = reverse("placements:placement_detail", args=[placement.pk])
    client = client_for(consultant)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    from jobbro.placements import services

    for week in range(1, 8):
        services.weekly_feedback_save(
            by=consultant,
            placement=placement,
            week=week,
            data={"professional": 3, "social": 3},
            today=TODAY,
        )
        services.support_entry_add(
            by=consultant,
            placement=placement,
            data={"kind": "cv", "on": date(2026, 12, 8)},
        )
    content = selectors.current_agreement(placement).content() | {"goals": "Nyt"}
    services.agreement_update(by=consultant, placement=placement, content=content)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["feedback"]) == 7


def test_the_hours_limit_reads_as_people_write_hours(
    course, municipality_a, consultant, client_for
):
    owner = factories.company(municipality=municipality_a)
    place = factories.workplace(owner, weekly_hours=Decimal("20"), ordinary_employees=20)
    place.refresh_from_db()  # Decimal("20.0") from the database
    person = factories.contact_person(place)
    url = reverse("placements:placement_create", args=[course.pk])
    response = client_for(consultant).post(url, create_data(place, person, hours_per_week="25"))
    errors = str(response.context["form"]["hours_per_week"].errors)
    assert "Højst 20 timer" in errors
