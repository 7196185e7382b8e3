"""The citizen's portal: own plan, homework, the agreement and who looked at their data."""

from datetime import date

import pytest
from django.urls import reverse

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog
from jobbro.cases.models import HomeworkItem
from jobbro.placements.models import Party
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(clock):
    day = date(2026, 12, 1)
    clock.set(day)
    return day


@pytest.fixture
def course(citizen_user):
    aarhus = citizen_user.citizen.municipality
    return factories.course(
        citizen_obj=citizen_user.citizen,
        phase="matching",
        consultant=factories.user("consultant", aarhus),
    )


@pytest.fixture
def client(citizen_user, client_for):
    return client_for(citizen_user)


def test_the_plan_shows_phase_homework_and_the_placement(client, course):
    factories.homework(course, description="Opdater dit CV")
    person = factories.contact_person(name="Lise Lager", phone="70112233", email="lise@firma.dk")
    factories.placement(course, contact_person=person, place=person.workplace)
    html = client.get(reverse("home")).content.decode()
    assert "Opdater dit CV" in html
    assert "Klargøring" in html  # the placement moved the course on
    assert "Lise Lager" in html and "70112233" in html and "lise@firma.dk" in html
    assert "Jeg godkender" in html


def test_a_citizen_without_a_course_sees_the_empty_state(client):
    assert "Din plan er ikke klar endnu" in client.get(reverse("home")).content.decode()


def test_marking_homework_done(client, course):
    item = factories.homework(course)
    response = client.post(
        reverse("portal:homework", args=[item.pk]), {"answer": "Sendt", "done": "1"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answer) == (HomeworkItem.Status.DONE, "Sendt")


def test_saving_an_answer_keeps_the_task_open(client, course):
    item = factories.homework(course)
    client.post(reverse("portal:homework", args=[item.pk]), {"answer": "Halvvejs"})
    item.refresh_from_db()
    assert (item.status, item.answer) == (HomeworkItem.Status.OPEN, "Halvvejs")


def test_the_dream_workplace_task_adds_wish_workplaces(client, course):
    item = factories.homework(course, kind="wish_workplaces", description="Find tre")
    client.post(
        reverse("portal:homework", args=[item.pk]),
        {
            "wish_1_name": "Bageriet",
            "wish_1_why": "Tidligt op",
            "wish_2_name": "Netto",
            "done": "1",
        },
    )
    wishes = list(course.citizen.wish_workplaces.values_list("position", "company_name", "why"))
    assert wishes == [(1, "Bageriet", "Tidligt op"), (2, "Netto", "")]


def test_the_citizen_approves_the_agreement(client, course):
    placement = factories.placement(course)
    client.post(reverse("portal:citizen_agreement_approve", args=[placement.pk]), {"number": 1})
    approval = placement.agreement_versions.get().approvals.get()
    assert approval.party == Party.CITIZEN and not approval.on_paper


def test_the_access_log_shows_dates_and_purposes_not_names(client, citizen_user, course):
    caseworker = course.caseworker
    caseworker.first_name, caseworker.last_name = "Hemmelig", "Medarbejder"
    caseworker.save()
    log_access(caseworker, AccessLog.Action.READ, course, purpose="course.view")
    other = factories.citizen(citizen_user.citizen.municipality)
    log_access(caseworker, AccessLog.Action.READ, other, purpose="Andens sag")
    html = client.get(reverse("portal:access_log")).content.decode()
    assert "Jobcentret arbejdede med dit forløb" in html
    assert "Sagsbehandler" in html
    assert "Hemmelig" not in html and caseworker.username not in html
    assert "Andens sag" not in html


def test_the_access_log_paginates_in_a_fixed_number_of_queries(
    client, course, django_assert_max_num_queries
):
    for _n in range(3):
        log_access(course.caseworker, AccessLog.Action.READ, course, purpose="course.view")
    with django_assert_max_num_queries(6):
        client.get(reverse("portal:access_log"))
    for _n in range(40):
        log_access(course.caseworker, AccessLog.Action.READ, course, purpose="course.view")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:access_log") + "?side=2")
    assert len(response.context["rows"]) == 18


def test_the_citizen_reading_their_own_plan_is_not_in_their_log(client, course):
    item = factories.homework(course)
    client.get(reverse("portal:homework", args=[item.pk]))
    client.get(reverse("home"))
    assert not AccessLog.objects.exists()


def test_a_citizen_gets_their_next_conversation_as_ics(client, course):
    placement = factories.placement(course)
    conversation = placement.conversations.order_by("planned_on").first()
    response = client.get(reverse("portal:conversation_ics", args=[conversation.pk]))
    assert response.status_code == 200
    assert "BEGIN:VEVENT" in response.content.decode()


def test_the_plan_takes_a_fixed_number_of_queries(client, course, django_assert_max_num_queries):
    factories.placement(course)
    factories.homework(course)
    with django_assert_max_num_queries(14):
        client.get(reverse("home"))
    for _n in range(10):
        factories.homework(course)
    with django_assert_max_num_queries(14):
        client.get(reverse("home"))
