"""A caseworker logs in to the demo and sees the worklist in Danish."""

import pytest

from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_logs_in_and_sees_the_worklist_in_danish(page, shot):
    seed_demo(seed=1, municipalities=2, citizens=10)
    login(page, "aarhus.sagsbehandler", DEMO_PASSWORD)
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"
    assert page.get_by_test_id("current-user").inner_text().endswith("Sagsbehandler")
    assert page.get_by_role("navigation", name="Hovedmenu").first.is_visible()
    shot(page, "caseworker-worklist")

    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Menu").click()
    drawer = page.get_by_role("dialog")
    drawer.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
    assert drawer.get_by_text("Log af").is_visible()
    shot(page, "caseworker-worklist-phone-menu")


def test_a_manager_reaches_the_staff_list(page, shot):
    seed_demo(seed=1, municipalities=1, citizens=5)
    login(page, "aarhus.leder", DEMO_PASSWORD)
    page.get_by_role("button", name="Administration").click()
    shot(page, "manager-admin-menu")
    page.get_by_role("link", name="Medarbejdere").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Medarbejdere"
    assert page.get_by_test_id("staff-table").locator("tbody tr").count() == 7
    shot(page, "manager-staff-list")


def test_a_caseworker_opens_the_citizen_list_and_a_citizens_edit_page(page, shot):
    """The citizens app's pages with what cases adds to them (course column, new-citizen
    button, the way back to the course)."""
    seed_demo(seed=1, municipalities=1, citizens=8)
    login(page, "aarhus.sagsbehandler", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Borgere").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Borgere"
    assert page.get_by_role("link", name="Ny borger / nyt forløb").is_visible()
    assert page.get_by_test_id("citizens").get_by_text("Åbent forløb").first.is_visible()
    assert page.get_by_test_id("citizens").get_by_text("Dagpengemodtager").first.is_visible()
    shot(page, "citizen-list")
    page.get_by_test_id("citizens").get_by_text("Åbent forløb").first.click()
    page.get_by_role("link", name="Rediger borgerens oplysninger").click()
    assert page.get_by_role("link", name="Tilbage til forløbet").is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "citizen-edit-phone")
