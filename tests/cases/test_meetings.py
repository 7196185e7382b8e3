"""Information meetings: create, invite many at once within capacity, attendance."""

import pytest
from django.urls import reverse

from jobbro.cases.models import InformationMeeting, MeetingInvitation
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_meeting_is_created_from_the_list(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("cases:meeting_list"),
        {"starts_at": "2026-12-03T10:00", "place": "Jobcenter Aarhus", "capacity": "2"},
    )
    meeting = InformationMeeting.objects.get()
    assert response["Location"] == reverse("cases:meeting_detail", args=[meeting.pk])
    assert meeting.municipality == caseworker.municipality


def test_zero_places_is_refused(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("cases:meeting_list"),
        {"starts_at": "2026-12-03T10:00", "place": "Jobcenter Aarhus", "capacity": "0"},
    )
    assert "capacity" in response.context["form"].errors
    assert not InformationMeeting.objects.exists()


def test_many_citizens_are_invited_at_once_within_capacity(caseworker, municipality_a, client_for):
    meeting = factories.meeting(municipality_a, capacity=2)
    courses = [factories.course(municipality_a) for _ in range(3)]
    client = client_for(caseworker)
    url = reverse("cases:meeting_detail", args=[meeting.pk])
    page = client.get(url)
    assert len(page.context["invite_form"].fields["citizens"].queryset) == 3
    too_many = client.post(url, {"invite": "1", "citizens": [c.citizen_id for c in courses]})
    assert "2 ledige pladser" in too_many.content.decode()
    assert not MeetingInvitation.objects.exists()
    client.post(url, {"invite": "1", "citizens": [c.citizen_id for c in courses[:2]]})
    assert MeetingInvitation.objects.count() == 2


def test_citizens_of_another_municipality_cannot_be_invited(
    caseworker, municipality_a, municipality_b, client_for
):
    meeting = factories.meeting(municipality_a)
    foreign = factories.course(municipality_b)
    client_for(caseworker).post(
        reverse("cases:meeting_detail", args=[meeting.pk]),
        {"invite": "1", "citizens": [foreign.citizen_id]},
    )
    assert not MeetingInvitation.objects.exists()


def test_attendance_shows_on_the_visitation(caseworker, municipality_a, client_for):
    meeting = factories.meeting(municipality_a)
    came, absent = factories.course(municipality_a), factories.course(municipality_a)
    for course in (came, absent):
        MeetingInvitation.objects.create(
            municipality=municipality_a, meeting=meeting, citizen=course.citizen
        )
    client = client_for(caseworker)
    client.post(
        reverse("cases:meeting_detail", args=[meeting.pk]),
        {"attendance": "1", "attended": [came.citizen_id]},
    )
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.info_meeting_attended, str(came.info_meeting_on)) == (True, "2026-11-20")
    assert absent.info_meeting_attended is False
    html = client.get(reverse("cases:course_detail", args=[came.pk])).content.decode()
    assert "Deltaget 20.11.2026" in html


def test_the_list_keeps_the_query_count_flat(
    caseworker, municipality_a, client_for, django_assert_max_num_queries
):
    client = client_for(caseworker)
    factories.meeting(municipality_a)
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("cases:meeting_list"))
    for _ in range(30):
        factories.meeting(municipality_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cases:meeting_list"))
    assert len(response.context["page"]) == 25


def test_who_has_waited_longest_is_offered_first_with_the_referral_date(
    caseworker, municipality_a, client_for, django_assert_max_num_queries
):
    from datetime import date

    meeting = factories.meeting(municipality_a)
    recent = factories.course(municipality_a, visitation_on=date(2026, 11, 20))
    waiting = factories.course(municipality_a, visitation_on=date(2026, 11, 3))
    client = client_for(caseworker)
    url = reverse("cases:meeting_detail", args=[meeting.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    offered = list(page.context["invite_form"].fields["citizens"].queryset)
    assert [c.pk for c in offered] == [waiting.citizen_id, recent.citizen_id]
    html = page.content.decode()
    assert "visiteret 03.11.2026" in html
    assert html.index(waiting.citizen.full_name) < html.index(recent.citizen.full_name)
