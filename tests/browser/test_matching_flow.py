"""A consultant opens the suggestions for a demo course, reads the reasons, and records
contact attempts from the rows; a declined workplace leaves the list on reload."""

import pytest
from playwright.sync_api import expect

from jobbro.cases.models import Course
from jobbro.citizens.models import WishWorkplace
from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from jobbro.matching.models import ContactAttempt
from tests import factories
from tests.browser.conftest import login, sign_in_by_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_records_contact_attempts_from_the_suggestions(page, shot):
    seed_demo(seed=1, municipalities=2, citizens=30)
    course = (
        Course.objects.filter(municipality_id=751, phase="matching")
        .select_related("citizen")
        .order_by("id")
        .first()
    )
    login(page, "aarhus.konsulent", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/forloeb/{course.pk}/")
    page.get_by_role("link", name="Forslag til virksomheder").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Forslag til virksomheder"

    rows = page.get_by_test_id("suggestion")
    assert rows.count() > 3
    for n in range(rows.count()):
        reasons = rows.nth(n).get_by_test_id("reasons").locator(".badge")
        assert reasons.count() >= 1
        assert "ledig" in rows.nth(n).get_by_test_id("reasons").inner_text()
    shot(page, "matching-1-suggestions")

    first = rows.nth(0)
    workplace_id = first.get_attribute("data-workplace")
    first.get_by_text("Ny kontakt").click()
    first.get_by_label("Kanal").select_option(label="Telefon")
    first.get_by_label("Resultat").select_option(label="Afslået")
    first.get_by_label("Note").fill("Har ikke plads før sommer")
    first.get_by_role("button", name="Gem kontakt").click()
    attempts = page.locator(f"#contact-{workplace_id}").get_by_test_id("attempts")
    expect(attempts).to_contain_text("Afslået")
    expect(attempts).to_contain_text("Har ikke plads før sommer")

    second = rows.nth(1)
    second.get_by_text("Ny kontakt").click()
    second.get_by_label("Kanal").select_option(label="E-mail")
    second.get_by_label("Resultat").select_option(label="Interesseret")
    second.get_by_role("button", name="Gem kontakt").click()
    expect(second.get_by_test_id("attempts")).to_contain_text("Interesseret")
    shot(page, "matching-2-attempts-recorded")

    third = rows.nth(2)
    third.get_by_text("Ny kontakt").click()
    third.get_by_role("button", name="Gem kontakt").click()  # no channel, no outcome
    expect(third.locator(".form-error-message").first).to_contain_text("Vælg kanal")
    third.scroll_into_view_if_needed()
    shot(page, "matching-2b-row-error")

    page.reload()
    assert page.locator(f'[data-workplace="{workplace_id}"]').count() == 0
    assert "Interesseret" in page.get_by_test_id("suggestions").inner_text()

    page.goto(f"{page.base_url}/forloeb/{course.pk}/")
    assert "kontaktet" in page.get_by_test_id("contacted").inner_text()
    shot(page, "matching-3-course-page")

    page.goto(f"{page.base_url}/virksomheder/arbejdssteder/{workplace_id}/")
    page.get_by_role("link", name="Borgere til virksomheden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Borgere til virksomheden"
    shot(page, "matching-4-candidates")


def test_a_citizen_records_a_contact_from_a_phone_and_the_consultant_sees_it(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    person = factories.citizen(aarhus, first_name="Mette", postcode="8000")
    citizen_user = factories.citizen_user(person, username="mette")
    course = factories.course(citizen_obj=person, phase="matching", consultant=consultant)
    wished = factories.workplace(factories.company(name="Bageriet Solsikke ApS"), name="Bageriet")
    WishWorkplace.objects.create(
        municipality=aarhus,
        citizen=person,
        position=1,
        company_name="Bageriet Solsikke",
        cvr=wished.company.cvr,
    )
    factories.workplace(factories.company(name="Tømrer Hansen ApS"), name="Værkstedet")
    for n in range(3):
        factories.workplace(name=f"Lager {n + 1}")
    page.set_viewport_size({"width": 390, "height": 844})

    sign_in_by_link(page, citizen_user.email)
    page.get_by_role("link", name="Jeg har kontaktet en virksomhed").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Virksomheder, du har kontaktet"
    shot(page, "matching-5-citizen-contacts")

    page.get_by_label("Søg på navn eller CVR-nummer").fill("tømrer")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.wait_for_load_state()
    page.get_by_label("Virksomhed", exact=True).select_option(label="Værkstedet, 8000")
    page.get_by_label("Hvordan?").select_option(label="Besøg")
    page.get_by_label("Hvad blev svaret?").select_option(label="Interesseret")
    page.get_by_label("Vil du fortælle mere?").fill("De ringer tilbage i næste uge.")
    shot(page, "matching-6-citizen-contact-form")
    page.get_by_role("button", name="Gem kontakten").click()
    page.wait_for_load_state()
    assert "Din kontakt til Værkstedet er gemt" in page.content()
    contacts = page.get_by_test_id("contacts").inner_text()
    assert "Værkstedet" in contacts and "Interesseret" in contacts
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "matching-7-citizen-contact-saved")

    # A wish workplace that said no leaves the consultant's suggestions.
    page.get_by_label("Virksomhed", exact=True).select_option(label="Bageriet, 8000")
    page.get_by_label("Hvordan?").select_option(label="Telefon")
    page.get_by_label("Hvad blev svaret?").select_option(label="Afslået")
    page.get_by_role("button", name="Gem kontakten").click()
    page.wait_for_load_state()
    assert ContactAttempt.objects.filter(course=course, by=citizen_user).count() == 2

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "vk", factories.PASSWORD)
    page.goto(f"{page.base_url}/forloeb/{course.pk}/forslag/")
    suggestions = page.get_by_test_id("suggestions").inner_text()
    assert "Værkstedet" in suggestions and "Interesseret" in suggestions
    assert page.locator(f'[data-workplace="{wished.pk}"]').count() == 0
    page.goto(f"{page.base_url}/forloeb/{course.pk}/")
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Kontakt til Bageriet (telefon): afslået" in timeline
    assert f"{citizen_user} (borger)" in timeline
    shot(page, "matching-8-consultant-sees-citizen-contacts")
