"""Booking a conversation: the day from the plan, then a time, a length and a place."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from jobbro.placements import services
from jobbro.placements.models import Conversation
from jobbro.placements.templatetags.conversations import clock, when
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_today(clock):
    clock.set(date(2026, 11, 30))


@pytest.fixture
def course(municipality_a, consultant):
    return factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )


def start_of(placement) -> Conversation:
    return placement.conversations.get(kind="start")


def test_a_conversation_is_booked_with_time_length_and_place(course, consultant):
    start = start_of(factories.placement(course))
    assert (start.planned_at, start.duration_minutes, start.location) == (None, 60, "")
    services.conversation_move(
        by=consultant,
        conversation=start,
        planned_on=start.planned_on,
        planned_at=time(10),
        duration_minutes=45,
        location=" Netto Trøjborg, Trøjborgvej 1 ",
    )
    start.refresh_from_db()
    assert (start.planned_at, start.duration_minutes) == (time(10), 45)
    assert start.location == "Netto Trøjborg, Trøjborgvej 1"
    assert not start.moved  # booked on its planned day, not moved


def test_a_length_outside_5_to_480_minutes_is_refused_and_nothing_changes(course, consultant):
    start = start_of(factories.placement(course))
    for minutes in (4, 481):
        with pytest.raises(ValidationError) as refused:
            services.conversation_move(
                by=consultant,
                conversation=start,
                planned_on=date(2026, 12, 8),
                planned_at=time(10),
                duration_minutes=minutes,
            )
        assert "5 til 480 minutter" in refused.value.message_dict["duration_minutes"][0]
    start.refresh_from_db()
    assert (start.planned_on, start.planned_at, start.duration_minutes) == (
        date(2026, 12, 7),
        None,
        60,
    )


def test_a_conversation_must_end_the_same_day(course, consultant):
    start = start_of(factories.placement(course))
    with pytest.raises(ValidationError) as refused:
        services.conversation_move(
            by=consultant,
            conversation=start,
            planned_on=start.planned_on,
            planned_at=time(23, 30),
            duration_minutes=60,
        )
    assert "slutte samme dag" in refused.value.message_dict["planned_at"][0]


def test_the_database_refuses_a_length_outside_the_range(course):
    start = start_of(factories.placement(course))
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.filter(pk=start.pk).update(duration_minutes=0)


def test_moving_the_placement_drops_the_booked_time_but_keeps_the_place(course, consultant):
    placement = factories.placement(course)
    start = start_of(placement)
    services.conversation_move(
        by=consultant,
        conversation=start,
        planned_on=start.planned_on,
        planned_at=time(9, 30),
        location="Jobcentret, mødelokale 2",
    )
    placement.start_on = date(2026, 12, 14)
    placement.save(update_fields=["start_on"])
    services.sync_conversations(placement)
    start.refresh_from_db()
    assert start.planned_on == date(2026, 12, 14)
    assert start.planned_at is None
    assert start.location == "Jobcentret, mødelokale 2"


def test_the_page_books_a_conversation_in_one_form(course, consultant, client_for):
    start = start_of(factories.placement(course))
    url = reverse("placements:conversation_move", args=[start.pk])
    client = client_for(consultant)
    page = client.get(url).content.decode()
    assert 'type="time"' in page and "Varighed i minutter" in page
    assert "Flyt eller planlæg: Opstartssamtale, mandag 7. december" in page
    response = client.post(
        url,
        {
            "planned_on": "2026-12-08",
            "planned_at": "13:15",
            "duration_minutes": "30",
            "location": "Netto Trøjborg",
        },
    )
    assert response.status_code == 302
    start.refresh_from_db()
    assert (start.planned_on, start.planned_at, start.duration_minutes, start.moved) == (
        date(2026, 12, 8),
        time(13, 15),
        30,
        True,
    )
    detail = client.get(reverse("placements:placement_detail", args=[start.placement_id]))
    assert "kl.\u00a013.15–13.45" in detail.content.decode()


def test_bad_input_is_named_in_danish_and_nothing_is_stored(course, consultant, client_for):
    start = start_of(factories.placement(course))
    response = client_for(consultant).post(
        reverse("placements:conversation_move", args=[start.pk]),
        {"planned_on": "2026-12-08", "planned_at": "25:00", "duration_minutes": "500"},
    )
    errors = response.context["form"].errors
    assert errors["planned_at"] == ["Skriv klokkeslættet som tt:mm, fx 10:00."]
    assert errors["duration_minutes"] == ["En samtale varer højst 480 minutter (8 timer)."]
    start.refresh_from_db()
    assert (start.planned_on, start.planned_at) == (date(2026, 12, 7), None)


def test_another_municipalitys_conversation_cannot_be_booked(course, municipality_b, client_for):
    start = start_of(factories.placement(course))
    outsider = factories.user("consultant", municipality_b)
    response = client_for(outsider).post(
        reverse("placements:conversation_move", args=[start.pk]),
        {"planned_on": "2026-12-08", "planned_at": "10:00", "duration_minutes": "60"},
    )
    assert response.status_code == 404
    start.refresh_from_db()
    assert start.planned_at is None


@pytest.mark.parametrize("role", ["contact_person_user", "citizen_user", "evaluator"])
def test_people_outside_casework_cannot_book(role, request, course, client_for):
    start = start_of(factories.placement(course))
    response = client_for(request.getfixturevalue(role)).post(
        reverse("placements:conversation_move", args=[start.pk]),
        {"planned_on": "2026-12-08", "planned_at": "10:00", "duration_minutes": "60"},
    )
    assert response.status_code == 403
    start.refresh_from_db()
    assert start.planned_at is None


def booked(on: date, at: time | None = None, minutes: int = 60) -> Conversation:
    return Conversation(planned_on=on, planned_at=at, duration_minutes=minutes)


def test_when_reads_like_danish_speech():
    today = date(2026, 11, 28)
    assert when(booked(date(2026, 12, 8), time(10)), today) == (
        "tirsdag 8. december kl.\u00a010.00–11.00"
    )
    assert when(booked(date(2026, 12, 8)), today) == "tirsdag 8. december"
    assert when(booked(date(2027, 1, 5), time(9, 30), 45), today) == (
        "tirsdag 5. januar 2027 kl.\u00a09.30–10.15"
    )
    assert clock(booked(date(2026, 12, 8))) == ""


def test_when_in_english():
    with translation.override("en"):
        assert when(booked(date(2026, 12, 8), time(10)), date(2026, 11, 28)) == (
            "Tuesday 8 December 10:00–11:00"
        )
        assert when(booked(date(2027, 1, 5)), date(2026, 11, 28)) == "Tuesday 5 January 2027"


def test_a_booked_conversation_is_a_timed_calendar_event_at_its_place(
    contact_person_user, client_for
):
    placement = factories.active_placement(person_user=contact_person_user)
    start = start_of(placement)
    Conversation.objects.filter(pk=start.pk).update(
        planned_at=time(10), duration_minutes=90, location="Jobcentret, lokale 2"
    )
    text = (
        client_for(contact_person_user)
        .get(reverse("portal:conversation_ics", args=[start.pk]))
        .content.decode()
    )
    assert f"DTSTART;TZID=Europe/Copenhagen:{start.planned_on:%Y%m%d}T100000\r\n" in text
    assert f"DTEND;TZID=Europe/Copenhagen:{start.planned_on:%Y%m%d}T113000\r\n" in text
    assert "LOCATION:Jobcentret\\, lokale 2\r\n" in text
    assert "BEGIN:VTIMEZONE" in text
    # Not yet booked: an all-day event at the workplace, as before.
    midway = placement.conversations.get(kind="midway")
    text = (
        client_for(contact_person_user)
        .get(reverse("portal:conversation_ics", args=[midway.pk]))
        .content.decode()
    )
    assert f"DTSTART;VALUE=DATE:{midway.planned_on:%Y%m%d}\r\n" in text


def test_the_api_gives_time_length_and_place(course, consultant):
    from tests.api.conftest import ApiClient

    start = start_of(factories.placement(course))
    Conversation.objects.filter(pk=start.pk).update(
        planned_at=time(10), duration_minutes=45, location="Netto"
    )
    meetings = ApiClient(consultant).get(f"/cases/{course.pk}/meetings", limit=100).json()
    first, second = meetings["results"][:2]
    fields = ("time", "duration_minutes", "location")
    assert [first[name] for name in fields] == ["10:00", 45, "Netto"]
    assert [second[name] for name in fields] == [None, 60, ""]


def test_the_placement_api_embeds_the_same_hh_mm_time_and_the_schema_says_so(course, consultant):
    from tests.api.conftest import ApiClient

    placement = factories.placement(course)
    Conversation.objects.filter(pk=start_of(placement).pk).update(planned_at=time(9, 5))
    client = ApiClient(consultant)
    meetings = client.get(f"/placements/{placement.pk}").json()["meetings"]
    assert {m["kind"]: m["time"] for m in meetings}["start"] == "09:05"
    assert {m["kind"]: m["time"] for m in meetings}["midway"] is None
    schema = client.client.get("/api/v1/openapi.json").json()
    time_field = schema["components"]["schemas"]["MeetingOut"]["properties"]["time"]
    assert time_field["anyOf"][0]["pattern"] == "^([01]\\d|2[0-3]):[0-5]\\d$"


def test_the_hold_page_says_when_and_where(course, consultant, client_for):
    start = start_of(factories.placement(course))
    Conversation.objects.filter(pk=start.pk).update(
        planned_at=time(10), location="Jobcentret, mødelokale 2"
    )
    page = client_for(consultant).get(reverse("placements:conversation_hold", args=[start.pk]))
    text = page.content.decode()
    assert "planlagt mandag 7. december kl.\u00a010.00–11.00" in text
    assert "Jobcentret, mødelokale 2" in text
