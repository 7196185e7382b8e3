"""The portals on a phone: a job contact person signs in by link and gives weekly
feedback that the consultant then sees; a citizen marks homework done."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog
from jobbro.placements.models import WeeklyFeedback
from jobbro.portal.models import WeeklyFeedbackDraft
from tests import factories
from tests.browser.conftest import login, sign_in_by_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_job_contact_person_gives_weekly_feedback_from_a_phone(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user(
        "consultant", aarhus, username="vk", first_name="Viggo", last_name="Krag"
    )
    place = factories.workplace(name="Lageret Syd")
    person_user = factories.contact_person_user(
        place, username="lise", first_name="Lise", last_name="Lager", email="lise@lageret.dk"
    )
    course = factories.course(
        factories.municipality(751), phase="matching", consultant=consultant, consent_to_share=True
    )
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)  # the placement is in its week 2
    placement = factories.active_placement(
        course, person_user=person_user, start_on=monday, today=monday
    )
    page.set_viewport_size(PHONE)

    sign_in_by_link(page, "lise@lageret.dk")
    assert page.get_by_role("heading", level=1).inner_text() == "Mine praktikanter"
    assert course.citizen.full_name in page.get_by_test_id("current-interns").inner_text()
    _no_horizontal_scroll(page)
    shot(page, "portal-1-contact-home")

    page.get_by_role("link", name=course.citizen.full_name).click()
    page.wait_for_load_state()
    assert course.citizen.cpr not in page.content()
    shot(page, "portal-2-intern")

    page.get_by_role("link", name="Giv feedback for uge 2").click()
    page.wait_for_load_state()
    assert page.get_by_label("Uge", exact=True).input_value() == "2"
    page.locator("label[for=id_professional_3]").click()  # 4
    page.get_by_text("Kladde gemt").wait_for()
    # The connection drops: the page says so, and the next change after it is back
    # saves the whole form, so nothing typed meanwhile is lost.
    page.context.set_offline(True)
    page.locator("label[for=id_social_4]").click()  # 5
    page.get_by_text("Ingen forbindelse lige nu").wait_for()
    shot(page, "portal-3a-feedback-offline")
    page.context.set_offline(False)
    page.get_by_label("Hvad har praktikanten lavet?").fill("Pakkede ordrer og talte lager.")
    page.get_by_text("Kladde gemt").wait_for()
    draft = WeeklyFeedbackDraft.objects.get(placement=placement)
    assert draft.data["social"] == "5" and draft.data["tasks_done"].startswith("Pakkede")
    _no_horizontal_scroll(page)
    shot(page, "portal-3-feedback-form")
    # Leaving the text field saves the draft (htmx on change); let that request finish
    # before submitting: the test server shares one SQLite connection between threads.
    page.get_by_label("Hvad har praktikanten lavet?").press("Tab")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state()
    assert "Din feedback for uge 2 er gemt" in page.content()
    shot(page, "portal-4-feedback-saved")
    feedback = WeeklyFeedback.objects.get(placement=placement)
    assert (feedback.week, feedback.professional, feedback.social) == (2, 4, 5)

    # The consultant sees it on the course.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "vk", factories.PASSWORD)
    page.goto(page.base_url + f"/forloeb/{course.pk}/")
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Ugentlig feedback, uge 2" in timeline
    assert "Faglige kompetencer 4/5, sociale kompetencer 5/5." in timeline
    shot(page, "portal-5-consultant-sees-feedback")


def test_a_citizen_marks_homework_done_from_a_phone(page, shot):
    aarhus = factories.municipality(751)
    person = factories.citizen(aarhus, first_name="Mette", email="mette@example.dk")
    factories.citizen_user(person, username="mette", email="mette@example.dk")
    course = factories.course(citizen_obj=person, phase="matching")
    due = timezone.localdate() + timedelta(days=5)
    factories.homework(course, description="Opdater dit CV", due_on=due)
    factories.homework(
        course, description="Find tre ønskearbejdspladser", kind="wish_workplaces", due_on=due
    )
    log_access(course.caseworker, AccessLog.Action.READ, course, purpose="course.view")
    page.set_viewport_size(PHONE)

    sign_in_by_link(page, "mette@example.dk")
    assert page.get_by_role("heading", level=1).inner_text() == "Min plan"
    assert page.get_by_test_id("phase").inner_text() == "Matching"
    _no_horizontal_scroll(page)
    shot(page, "portal-6-citizen-plan")

    page.get_by_role("link", name="Åbn opgaven").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Opdater dit CV"
    page.get_by_label("Dit svar").fill("Jeg har skrevet min praktik ind.")
    shot(page, "portal-7-citizen-homework")
    page.get_by_role("button", name="Marker som udført").click()
    page.wait_for_load_state()
    assert "Opgaven er markeret som udført" in page.content()
    assert "Udført" in page.get_by_test_id("homework").inner_text()
    shot(page, "portal-8-citizen-done")

    page.get_by_role("link", name="Se listen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Hvem har set dine oplysninger?"
    log = page.get_by_test_id("access-log").inner_text()
    assert "Jobcentret arbejdede med dit forløb" in log
    assert course.caseworker.get_full_name() not in log
    shot(page, "portal-9-citizen-log")


def test_a_booked_conversation_shows_its_time_and_place_to_the_citizen(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    person = factories.citizen(aarhus, first_name="Mette", last_name="Holm", email="m@example.dk")
    factories.citizen_user(person, username="mette", email="m@example.dk")
    course = factories.course(
        citizen_obj=person, phase="matching", consultant=consultant, consent_to_share=True
    )
    place = factories.workplace(name="Netto Trøjborg")
    person_user = factories.contact_person_user(
        place, username="lise", first_name="Lise", last_name="Lager", email="lise@netto.dk"
    )
    # Starts Monday 7 December 2026.
    placement = factories.placement(course, place=place, contact_person=person_user.contact_person)

    login(page, "vk", factories.PASSWORD)
    page.goto(page.base_url + f"/praktik/{placement.pk}/")
    row = page.get_by_test_id("conversations").locator("tr", has_text="Opstartssamtale")
    row.get_by_role("link", name="Flyt / planlæg").click()
    page.wait_for_load_state()
    page.get_by_label("Klokkeslæt").fill("10:00")
    page.get_by_label("Varighed i minutter").fill("45")
    page.get_by_label("Sted").fill("Netto Trøjborg, Trøjborgvej 1")
    shot(page, "placement-conversation-1-plan")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    row = page.get_by_test_id("conversations").locator("tr", has_text="Opstartssamtale")
    assert "kl.\u00a010.00–10.45" in row.inner_text()
    assert "Netto Trøjborg, Trøjborgvej 1" in row.inner_text()
    shot(page, "placement-conversation-2-booked")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    sign_in_by_link(page, "m@example.dk")
    plan = page.get_by_test_id("plan").inner_text()
    assert "mandag 7. december kl.\u00a010.00–10.45" in plan
    assert "Netto Trøjborg, Trøjborgvej 1" in plan
    _no_horizontal_scroll(page)
    shot(page, "portal-conversation-1-citizen-plan")

    # The job contact person sees the same moment and place among the coming conversations.
    page.context.clear_cookies()
    sign_in_by_link(page, "lise@netto.dk")
    upcoming = page.get_by_test_id("upcoming").inner_text()
    assert "mandag 7. december kl.\u00a010.00–10.45: Opstartssamtale" in upcoming
    assert "Netto Trøjborg, Trøjborgvej 1" in upcoming
    _no_horizontal_scroll(page)
    shot(page, "portal-conversation-2-contact-person")
