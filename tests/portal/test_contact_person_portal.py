"""The job contact person's portal: interns, the intern page, the agreement, calendars."""

from datetime import date

import pytest
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.placements.models import Party
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(clock):
    day = date(2026, 12, 15)  # week 2 of a placement starting 7 December
    clock.set(day)
    return day


def _citizen_with_details(consent: bool):
    aarhus = factories.municipality(751)
    person = factories.citizen(aarhus, phone="22334455", email="karen@example.dk")
    return factories.course(
        citizen_obj=person,
        phase="matching",
        consultant=factories.user("consultant", aarhus),
        consent_to_share=consent,
    )


def test_home_lists_current_and_past_interns(contact_person_user, client_for, today):
    current = factories.active_placement(person_user=contact_person_user)
    response = client_for(contact_person_user).get(reverse("home"))
    assert current.citizen.full_name in response.content.decode()
    assert response.context["current"] == [current]


def test_home_query_count_does_not_grow_with_interns(
    contact_person_user, client_for, today, django_assert_max_num_queries
):
    from jobbro.placements.models import Placement

    for _n in range(3):
        item = factories.active_placement(person_user=contact_person_user)
        Placement.objects.filter(pk=item.pk).update(status="completed")
    client = client_for(contact_person_user)
    with django_assert_max_num_queries(12):
        client.get(reverse("home"))
    for _n in range(4):
        item = factories.active_placement(person_user=contact_person_user)
        Placement.objects.filter(pk=item.pk).update(status="completed")
    with django_assert_max_num_queries(12):
        client.get(reverse("home"))


def test_intern_page_shows_contact_details_only_with_consent(contact_person_user, client_for):
    with_consent = factories.active_placement(
        _citizen_with_details(True), person_user=contact_person_user
    )
    html = client_for(contact_person_user).get(
        reverse("portal:intern_detail", args=[with_consent.pk])
    )
    assert "22334455" in html.content.decode()
    assert "karen@example.dk" in html.content.decode()


def test_intern_page_hides_contact_details_without_consent(contact_person_user, client_for):
    placement = factories.active_placement(
        _citizen_with_details(False), person_user=contact_person_user
    )
    html = (
        client_for(contact_person_user)
        .get(reverse("portal:intern_detail", args=[placement.pk]))
        .content.decode()
    )
    assert "22334455" not in html and "karen@example.dk" not in html
    assert "Ikke delt" in html


def test_intern_page_never_shows_cpr_or_journal_notes(contact_person_user, client_for, today):
    placement = factories.active_placement(person_user=contact_person_user)
    factories.note(placement.course, placement.course.caseworker, text="Fortroligt journalnotat")
    html = (
        client_for(contact_person_user)
        .get(reverse("portal:intern_detail", args=[placement.pk]))
        .content.decode()
    )
    cpr = placement.citizen.cpr
    assert cpr not in html and f"{cpr[:6]}-{cpr[6:]}" not in html
    assert "Fortroligt journalnotat" not in html
    assert placement.tasks in html


def test_intern_page_lists_upcoming_conversations_first(contact_person_user, client_for, today):
    placement = factories.active_placement(person_user=contact_person_user)
    response = client_for(contact_person_user).get(
        reverse("portal:intern_detail", args=[placement.pk])
    )
    dates = [c.planned_on for c in response.context["conversations"]]
    upcoming = [d for d in dates if d >= today]
    assert dates[: len(upcoming)] == sorted(upcoming)
    assert dates[len(upcoming) :] == sorted(dates[len(upcoming) :], reverse=True)


def test_reading_an_intern_is_logged_for_the_citizen(contact_person_user, client_for):
    placement = factories.active_placement(person_user=contact_person_user)
    client_for(contact_person_user).get(reverse("portal:intern_detail", args=[placement.pk]))
    entry = AccessLog.objects.get(user=contact_person_user)
    assert entry.citizen_id == placement.citizen_id


def test_contact_person_approves_the_current_agreement(contact_person_user, client_for):
    placement = factories.active_placement(person_user=contact_person_user)
    response = client_for(contact_person_user).post(
        reverse("portal:intern_agreement_approve", args=[placement.pk]), {"number": 1}
    )
    assert response.status_code == 302
    approval = placement.agreement_versions.get().approvals.get()
    assert approval.party == Party.CONTACT_PERSON and not approval.on_paper


def test_approving_an_old_version_is_refused_with_a_message(contact_person_user, client_for):
    placement = factories.active_placement(person_user=contact_person_user)
    response = client_for(contact_person_user).post(
        reverse("portal:intern_agreement_approve", args=[placement.pk]), {"number": 7}, follow=True
    )
    assert "Forventningsafstemningen er ændret" in response.content.decode()
    assert not placement.agreement_versions.get().approvals.exists()


def test_one_conversation_as_ics(contact_person_user, client_for):
    placement = factories.active_placement(person_user=contact_person_user)
    conversation = placement.conversations.order_by("planned_on").first()
    response = client_for(contact_person_user).get(
        reverse("portal:conversation_ics", args=[conversation.pk])
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert f"UID:conversation-{conversation.pk}@jobbro\r\n" in text
    assert f"DTSTART;VALUE=DATE:{conversation.planned_on:%Y%m%d}\r\n" in text
    assert placement.citizen.cpr not in text


def test_calendar_feed_has_all_upcoming_conversations_of_this_person_only(
    contact_person_user, client_for, today
):
    placement = factories.active_placement(person_user=contact_person_user)
    other = factories.active_placement()
    text = client_for(contact_person_user).get(reverse("portal:calendar_feed")).content.decode()
    upcoming = placement.conversations.filter(status="planned", planned_on__gte=today)
    assert text.count("BEGIN:VEVENT") == upcoming.count()
    for conversation in other.conversations.all():
        assert f"conversation-{conversation.pk}@" not in text


def test_information_shows_the_sending_municipalitys_text(contact_person_user, client_for):
    from jobbro.portal.models import PortalInformation

    placement = factories.active_placement(person_user=contact_person_user)
    PortalInformation.objects.filter(municipality_id=placement.municipality_id).update(
        role_text="Ugentligt feedbackmøde\nHjælp med CV", training_text="Kursus i Aarhus"
    )
    PortalInformation.objects.filter(municipality_id=746).update(
        training_text="Skanderborgs kursus"
    )
    html = client_for(contact_person_user).get(reverse("portal:information")).content.decode()
    assert "Hjælp med CV" in html and "Kursus i Aarhus" in html
    assert "Skanderborgs kursus" not in html


def test_information_falls_back_to_the_practice_sheet(contact_person_user, client_for):
    factories.active_placement(person_user=contact_person_user)
    html = client_for(contact_person_user).get(reverse("portal:information")).content.decode()
    assert "feedbackmøde" in html and "netværk" in html


def test_admin_edits_the_information_material(admin_user, client_for):
    from jobbro.portal.models import PortalInformation

    client = client_for(admin_user)
    assert client.get(reverse("portal:information_edit")).status_code == 200
    response = client.post(
        reverse("portal:information_edit"), {"role_text": "Rolle", "training_text": ""}
    )
    assert "Skriv jeres tilbud om opkvalificering." in response.content.decode()
    mine = PortalInformation.objects.filter(municipality_id=admin_user.municipality_id)
    assert mine.get().role_text != "Rolle"  # nothing saved
    client.post(reverse("portal:information_edit"), {"role_text": "Rolle", "training_text": "K"})
    assert mine.get().role_text == "Rolle"
    assert not PortalInformation.objects.filter(role_text="Rolle").exclude(
        municipality_id=admin_user.municipality_id
    )
