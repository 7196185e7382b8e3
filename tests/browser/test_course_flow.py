"""One citizen from creation through visitation, assignment, homework and closing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobbro.cases.models import Course
from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()


def save(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_citizen_walks_from_visitation_to_a_job(page, shot):
    aarhus = factories.municipality(751)
    factories.user("caseworker", aarhus, username="sb", first_name="Sara", last_name="Berg")
    factories.user("consultant", aarhus, username="vk", first_name="Viggo", last_name="Krag")
    today = timezone.localdate()
    login(page, "sb", factories.PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"

    click(page, "Ny borger / nyt forløb")
    page.get_by_label("CPR-nummer").fill("3102901234")  # 31 February
    page.get_by_label("Fornavn").fill("Mette")
    page.get_by_label("Efternavn").fill("Holm")
    save(page, "Opret borger og forløb")
    assert "gyldig fødselsdato (31.02.1990)" in page.locator(".form-error").first.inner_text()
    shot(page, "course-flow-1-cpr-error")
    page.get_by_label("CPR-nummer").fill("010190-1234")  # fails modulus 11, still valid
    page.get_by_label("Telefon").fill("22334455")
    page.get_by_label("Postnummer").fill("8000")
    page.get_by_label("By", exact=False).first.fill("Aarhus C")
    page.get_by_label("Motivation").fill("Vil gerne arbejde i detailhandlen.")
    save(page, "Opret borger og forløb")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mette Holm")
    assert page.get_by_test_id("phase").inner_text() == "Visiteret"
    shot(page, "course-flow-2-created")

    click(page, "Visitation")
    page.get_by_label("Samtykke til at dele oplysninger med virksomheden").check()
    page.get_by_label("Deltaget i informationsmøde").check()
    page.get_by_label("Dato for informationsmøde").fill(f"{today:%Y-%m-%d}")
    save(page, "Gem visitation")

    click(page, "Skift fase")
    page.get_by_label("Ny fase").select_option("matching")
    save(page, "Skift fase")
    assert "Tildel en virksomhedskonsulent før matching" in page.content()
    shot(page, "course-flow-3-guard")
    click(page, "Tilbage til forløbet")

    click(page, "Tildel medarbejdere")
    page.get_by_label("Virksomhedskonsulent").select_option(label="Viggo Krag")
    save(page, "Gem tildeling")
    click(page, "Skift fase")
    page.get_by_label("Ny fase").select_option("matching")
    save(page, "Skift fase")
    assert page.get_by_test_id("phase").inner_text() == "Matching"

    click(page, "Registrér kontakt")
    page.get_by_label("Kontakt med virksomhed").check()
    page.get_by_label("Hvad skete der").fill("Ringede til Netto Trøjborg.")
    save(page, "Gem kontakt")

    click(page, "Nyt hjemmearbejde")
    page.get_by_label("Skabelon").select_option(label="Find tre ønskearbejdspladser")
    page.get_by_label("Frist").fill(f"{today - timedelta(days=1):%Y-%m-%d}")
    save(page, "Giv opgaven")
    assert "Fristen kan ikke ligge før i dag." in page.content()
    page.get_by_label("Frist").fill(f"{today + timedelta(days=7):%Y-%m-%d}")
    save(page, "Giv opgaven")
    page.get_by_test_id("homework").get_by_role("link").first.click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Borgerens svar").fill("Jeg har fundet tre steder.")
    page.get_by_label("Ønskearbejdsplads 1: virksomhed").fill("Netto Trøjborg")
    page.get_by_label("Ønskearbejdsplads 2: virksomhed").fill("Føtex Frederiks Allé")
    save(page, "Gem")
    assert "Netto Trøjborg" in page.get_by_test_id("wishes").inner_text()
    shot(page, "course-flow-4-homework")

    click(page, "Afslut forløb")
    save(page, "Afslut forløb")
    assert "Vælg forløbets resultat" in page.content()
    shot(page, "course-flow-5-close-error")
    page.get_by_label("Ordinært job i en anden virksomhed").check()
    page.get_by_label("Timer pr. uge").fill("32")
    page.get_by_label("Startdato").fill(f"{today + timedelta(days=14):%Y-%m-%d}")
    page.get_by_label("Anbefalet opkvalificering").fill("Kassekursus")
    page.get_by_label("Begrundelse").fill("Fik job i Føtex efter forløbet.")
    save(page, "Afslut forløb")
    assert page.get_by_test_id("phase").inner_text() == "Afsluttet"
    assert "Ordinært job i en anden virksomhed" in page.get_by_test_id("outcome").inner_text()
    shot(page, "course-flow-6-closed")
    course = Course.objects.get()
    assert (course.phase, course.outcome, course.citizen.cpr) == (
        "closed",
        "job_other_company",
        "0101901234",
    )


def test_the_worklist_flags_overdue_courses_in_red(page, shot):
    seed_demo(seed=1, municipalities=1, citizens=20)
    login(page, "aarhus.sagsbehandler", DEMO_PASSWORD)
    rows = page.get_by_test_id("worklist").locator("tbody tr")
    assert rows.count() > 0
    assert page.locator("tr.overdue-row").count() > 0
    assert "over fristen" in page.locator("tr.overdue-row").first.inner_text()
    shot(page, "worklist-overdue")
    page.get_by_role("link", name="Forløb", exact=True).first.click()
    page.get_by_label("Kun overskredne frister").check()
    page.get_by_role("button", name="Søg").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == page.locator("tr.overdue-row").count()
    shot(page, "municipality-list-overdue")


def test_citizens_are_invited_to_an_information_meeting_and_attend(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    courses = [factories.course(aarhus) for _ in range(3)]
    login(page, consultant.username, factories.PASSWORD)
    click(page, "Informationsmøder")
    page.get_by_label("Tidspunkt").fill("2026-12-03T10:00")
    page.get_by_label("Sted").fill("Jobcenter Aarhus, Værkmestergade 2")
    page.get_by_label("Antal pladser").fill("2")
    save(page, "Opret møde")
    for course in courses:
        page.get_by_label(course.citizen.full_name).check()
    save(page, "Inviter valgte")
    assert "2 ledige pladser; du har valgt 3 borgere" in page.content()
    shot(page, "meeting-capacity-error")
    page.get_by_label(courses[2].citizen.full_name).uncheck()
    save(page, "Inviter valgte")
    page.get_by_label(courses[0].citizen.full_name).check()
    save(page, "Gem fremmøde")
    assert "0 af 2 pladser ledige" in page.content()
    shot(page, "meeting-attendance")
    page.goto(page.base_url + f"/forloeb/{courses[0].pk}/")
    assert "Deltaget 03.12.2026" in page.get_by_test_id("visitation").inner_text()
