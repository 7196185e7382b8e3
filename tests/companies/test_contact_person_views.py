"""Job contact persons, their training (trained badge) and experience-exchange meetings."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.companies.models import ContactPerson, ExperienceMeeting, TrainingRecord
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(consultant):
    return factories.workplace(factories.company(municipality=consultant.municipality))


def test_a_consultant_creates_a_contact_person(consultant, place, client_for):
    url = reverse("companies:contact_person_create", args=[place.company_id])
    response = client_for(consultant).post(
        url,
        {
            "name": "Mette Holm",
            "title": "Butikschef",
            "email": "mette@example.org",
            "phone": "12345678",
            "workplace": place.pk,
            "is_active": "on",
        },
    )
    person = ContactPerson.objects.get(name="Mette Holm")
    assert response["Location"] == reverse("companies:contact_person_detail", args=[person.pk])
    assert person.workplace == place


def test_an_invalid_email_saves_nothing(consultant, place, client_for):
    url = reverse("companies:contact_person_create", args=[place.company_id])
    response = client_for(consultant).post(
        url, {"name": "X", "email": "ikke-en-mail", "workplace": place.pk}
    )
    assert "form-error" in response.content.decode()
    assert not ContactPerson.objects.exists()


def test_completed_training_makes_the_badge_trained(consultant, place, client_for):
    person = factories.contact_person(place)
    client = client_for(consultant)
    detail = reverse("companies:contact_person_detail", args=[person.pk])
    assert "Ikke uddannet" in client.get(detail).content.decode()
    client.post(
        reverse("companies:training_create", args=[person.pk]),
        {
            "course": "Jobkontaktpersonkursus, modul 1",
            "held_on": "2026-05-01",
            "completed": "on",
        },
    )
    training = TrainingRecord.objects.get()
    assert (training.municipality_id, training.contact_person) == (751, person)
    html = client.get(detail).content.decode()
    assert "Jobkontaktpersonkursus, modul 1" in html
    assert ">Uddannet<" in html


def test_uncompleted_training_is_not_trained(consultant, place, client_for):
    person = factories.contact_person(place)
    factories.training(consultant.municipality, person, completed=False)
    html = (
        client_for(consultant)
        .get(reverse("companies:contact_person_detail", args=[person.pk]))
        .content.decode()
    )
    assert "Ikke uddannet" in html


def test_a_consultant_records_an_experience_meeting(consultant, place, client_for):
    people = [factories.contact_person(place) for _ in range(2)]
    response = client_for(consultant).post(
        reverse("companies:meeting_create"),
        {
            "held_on": "2026-06-01",
            "topic": "Den svære samtale",
            "notes": "",
            "attendees": [p.pk for p in people],
        },
    )
    meeting = ExperienceMeeting.objects.get()
    assert response["Location"] == reverse("companies:meeting_detail", args=[meeting.pk])
    assert meeting.municipality_id == 751
    assert set(meeting.attendees.all()) == set(people)
    detail = client_for(consultant).get(
        reverse("companies:contact_person_detail", args=[people[0].pk])
    )
    assert "Den svære samtale" in detail.content.decode()


def test_meeting_attendees_come_from_own_partner_companies(consultant, outsider, client_for):
    foreign = factories.contact_person(
        factories.workplace(factories.company(municipality=outsider.municipality))
    )
    client_for(consultant).post(
        reverse("companies:meeting_create"),
        {
            "held_on": "2026-06-01",
            "topic": "x",
            "attendees": [foreign.pk],
        },
    )
    assert not ExperienceMeeting.objects.exists()


def test_meeting_list_keeps_query_count_flat(
    consultant, place, client_for, django_assert_max_num_queries
):
    person = factories.contact_person(place)
    for _ in range(30):
        factories.exchange_meeting(consultant.municipality, person)
    client = client_for(consultant)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("companies:meeting_list"))
    assert len(response.context["page"]) == 25
    assert response.context["page"][0].attendee_count == 1


def test_a_caseworker_may_not_add_training(caseworker, place, client_for):
    person = factories.contact_person(place)
    url = reverse("companies:training_create", args=[person.pk])
    response = client_for(caseworker).post(url, {"course": "x", "held_on": "2026-01-01"})
    assert response.status_code == 403
    assert not TrainingRecord.objects.exists()


def test_the_meeting_page_lists_attendees(consultant, place, client_for):
    person = factories.contact_person(place, name="Søren Dal")
    meeting = factories.exchange_meeting(consultant.municipality, person)
    response = client_for(consultant).get(reverse("companies:meeting_detail", args=[meeting.pk]))
    assert "Søren Dal" in response.content.decode()


def test_the_contact_person_page_shows_only_own_municipalitys_interns_with_outcomes(
    client_for, consultant, outsider, municipality_a, municipality_b
):
    from jobbro.placements import services as placement_services

    place = factories.workplace(ordinary_employees=Decimal("40"))
    person = factories.contact_person(place)
    ours = factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )
    ours.citizen.first_name = "Aarhusianer"
    ours.citizen.save()
    placement = factories.placement(ours, place=place, contact_person=person)
    placement_services.placement_end_early(
        by=consultant,
        placement=placement,
        version=placement.version,
        reason="Job",
        today=date(2026, 12, 1),
    )
    theirs = factories.course(
        municipality_b,
        phase="matching",
        consultant=factories.user("consultant", municipality_b),
        consent_to_share=True,
    )
    theirs.citizen.first_name = "Skanderborgenser"
    theirs.citizen.save()
    factories.placement(theirs, place=place, contact_person=person)
    url = reverse("companies:contact_person_detail", args=[person.pk])
    body = client_for(consultant).get(url).content.decode()
    assert "Aarhusianer" in body and "Afbrudt" in body
    assert "Skanderborgenser" not in body
    other = client_for(outsider).get(url).content.decode()
    assert "Skanderborgenser" in other and "Aarhusianer" not in other


def test_the_admin_sees_no_interns_on_the_contact_person_page(client_for, admin_user):
    person = factories.contact_person()
    response = client_for(admin_user).get(
        reverse("companies:contact_person_detail", args=[person.pk])
    )
    assert "Praktikanter" not in response.content.decode()
