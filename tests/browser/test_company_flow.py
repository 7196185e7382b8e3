"""A consultant creates a company with a workplace, an agreement and a job contact person."""

import pytest

from jobbro.companies.models import Company, CooperationAgreement
from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).fill(value)


def test_consultant_creates_company_workplace_agreement_and_contact_person(page, shot):
    seed_demo(seed=1, municipalities=2, citizens=10)
    login(page, "aarhus.konsulent", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").first.get_by_role(
        "link", name="Virksomheder"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Virksomheder"
    shot(page, "company-list")

    page.get_by_role("link", name="Opret virksomhed").click()
    # A CVR that fails modulus 11: the message is at the field and nothing is saved.
    fill(page, "CVR-nummer", "24256791")
    fill(page, "Navn", "Bageriet Korn ApS")
    fill(page, "Branchekode (DB07)", "107100")
    fill(page, "Branche", "Fremstilling af brød, kager og friskt bagværk")
    page.locator("#id_postcode").fill("8000")
    page.locator("#id_arbejdssted-p_number").fill("1012345678")
    fill(page, "Arbejdsstedets navn", "Bageriet Korn, Søndergade")
    page.locator("#id_arbejdssted-postcode").fill("8000")
    fill(page, "Ordinært ansatte (årsværk)", "12")
    page.get_by_role("button", name="Opret virksomhed").click()
    assert (
        page.locator(".form-error-message")
        .first.inner_text()
        .endswith("CVR-nummeret er ugyldigt (modulus 11-kontrollen fejler).")
    )
    shot(page, "company-create-invalid-cvr")
    assert not Company.objects.filter(name="Bageriet Korn ApS").exists()

    fill(page, "CVR-nummer", "24256790")
    page.get_by_role("button", name="Opret virksomhed").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bageriet Korn ApS"
    assert page.get_by_test_id("capacity").first.inner_text() == "0 / 2"
    shot(page, "company-detail-workplaces")
    with page.expect_navigation():
        page.get_by_role("link", name="Bageriet Korn, Søndergade").click()
    assert "Pladser i brug: 0 / 2" in page.get_by_test_id("capacity-box").inner_text()
    shot(page, "workplace-detail")
    with page.expect_navigation():
        page.get_by_role("link", name="Bageriet Korn ApS").first.click()

    page.get_by_role("link", name="Samarbejdsaftaler").click()
    page.get_by_role("link", name="Ny samarbejdsaftale").click()
    page.get_by_label("Status").select_option("active")
    fill(page, "Gælder fra", "2026-09-01")
    fill(page, "Gælder til", "2026-08-01")
    fill(page, "Antal praktikpladser", "2")
    page.locator("#id_occupation_codes").fill("932900")
    page.get_by_role("button", name="Gem").click()
    assert "Slutdatoen kan ikke ligge før startdatoen." in page.locator(".form-error").inner_text()
    shot(page, "agreement-end-before-start")
    fill(page, "Gælder til", "2027-08-31")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Samarbejdsaftale")
    agreement = CooperationAgreement.objects.get(workplace__company__cvr="24256790")
    assert (agreement.municipality_id, agreement.places_offered) == (751, 2)
    shot(page, "agreement-detail")

    page.get_by_role("link", name="Bageriet Korn ApS").first.click()
    page.get_by_role("link", name="Jobkontaktpersoner").click()
    page.get_by_role("link", name="Ny jobkontaktperson").click()
    fill(page, "Navn", "Mette Holm")
    page.locator("#id_title").fill("Bagermester")
    page.locator("#id_email").fill("mette@bageriet-korn.dk")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mette Holm")
    assert page.get_by_test_id("trained").first.inner_text() == "Ikke uddannet"
    shot(page, "contact-person-detail")

    page.get_by_role("link", name="Bageriet Korn ApS").first.click()
    page.get_by_role("link", name="Jobkontaktpersoner").click()
    # wait_for, not is_visible(): the tab's page may still be loading after the click.
    page.get_by_role("link", name="Mette Holm").wait_for(state="visible")
    shot(page, "company-detail-contact-persons")


def test_consultant_sees_the_follow_up_lists(page, shot):
    seed_demo(seed=1, municipalities=2, citizens=30)
    login(page, "aarhus.konsulent", DEMO_PASSWORD)
    page.goto(page.base_url + "/virksomheder/")
    page.get_by_role("link", name="Aftaler der udløber").click()
    shot(page, "agreements-expiring")
    page.get_by_role("link", name="Ikke besøgt").click()
    assert page.get_by_test_id("not-visited-table").locator("tbody tr").count() > 0
    shot(page, "companies-not-visited")
