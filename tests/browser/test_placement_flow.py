"""A consultant sets up an internship from the course page and follows it."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from jobbro.placements.models import Placement
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()


def press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    page.wait_for_load_state()


def test_a_consultant_creates_starts_and_follows_a_placement(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user(
        "consultant", aarhus, username="vk", first_name="Viggo", last_name="Krag"
    )
    citizen = factories.citizen(aarhus, first_name="Mette", last_name="Holm")
    course = factories.course(
        citizen_obj=citizen, phase="matching", consultant=consultant, consent_to_share=True
    )
    netto = factories.company(municipality=aarhus, name="Netto A/S")
    place = factories.workplace(
        netto,
        name="Netto Trøjborg",
        ordinary_employees=Decimal("20"),
        weekly_hours=Decimal("32"),
        city="Aarhus N",
    )
    factories.contact_person(place, name="Lone Lager", phone="22334455")
    other = factories.workplace(factories.company(municipality=aarhus, name="Føtex A/S"))
    factories.contact_person(other, name="Per Kasse")

    login(page, "vk", factories.PASSWORD)
    page.goto(f"{page.base_url}/forloeb/{course.pk}/")
    shot(page, "placement-flow-1-course-before")
    click(page, "Opret praktik")
    assert "pladser i brug 0 / 4" in page.get_by_label("Arbejdssted").inner_text()
    page.get_by_label("Arbejdssted").select_option(
        label=page.locator("#id_workplace option", has_text="Netto Trøjborg").inner_text()
    )
    page.get_by_label("Jobkontaktperson").select_option(label="Per Kasse")
    page.get_by_label("Timer pr. uge").fill("30")
    page.get_by_label("Oplæring i bestemte faglige kompetencer").check()
    page.get_by_label("Arbejdsopgaver").fill("Varemodtagelse og opfyldning")
    press(page, "Opret praktik")
    error = page.locator(".form-error .form-error-message").first.inner_text()
    assert "ikke ansat på det valgte arbejdssted" in error
    assert not Placement.objects.exists()
    shot(page, "placement-flow-2-create-error")
    page.get_by_label("Jobkontaktperson").select_option(label="Lone Lager")
    press(page, "Opret praktik")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Praktik for Mette Holm")
    conversations = page.get_by_test_id("conversations").inner_text()
    assert "Opstartssamtale" in conversations and "Midtvejssamtale" in conversations
    assert "Afslutningssamtale" in conversations
    shot(page, "placement-flow-3-placement-planned")

    press(page, "Godkend som jobcenter")
    press(page, "Registrér borgerens godkendelse (papir)")
    press(page, "Registrér jobkontaktpersonens godkendelse (papir)")
    approvals = page.get_by_test_id("approvals").inner_text()
    assert "registreret på papir af Viggo Krag" in approvals
    press(page, "Start praktikken")
    assert page.get_by_test_id("placement-status").inner_text() == "I gang"
    shot(page, "placement-flow-4-started")

    # The form is open while no feedback is recorded yet.
    page.get_by_label("Hvad praktikanten har lavet").fill("Varemodtagelse hver morgen")
    page.locator("input[name=professional][value='4']").check()
    page.locator("input[name=social][value='5']").check()
    press(page, "Gem feedback")
    feedback = page.get_by_test_id("feedback").inner_text()
    assert "Varemodtagelse hver morgen" in feedback
    assert "registreret af jobcentret" in feedback
    shot(page, "placement-flow-5-feedback")

    page.get_by_test_id("conversations").locator("tr", has_text="Midtvejssamtale").get_by_role(
        "link", name="Hold"
    ).click()
    page.wait_for_load_state()
    shot(page, "placement-flow-6-midway-form")

    click(page, "Tilbage til praktikken")
    click(page, "Tilbage til forløbet")
    section = page.get_by_test_id("placement-section").inner_text()
    assert "Netto Trøjborg" in section and "3/3 godkendt" in section
    assert "Opstartssamtale" in section
    assert "Praktik oprettet" in page.get_by_test_id("timeline").inner_text()
    shot(page, "placement-flow-7-course-after")

    # The final conversation leads straight to the course's outcome.
    click(page, "Åbn praktikken")
    page.get_by_test_id("conversations").locator("tr", has_text="Afslutningssamtale").get_by_role(
        "link", name="Hold"
    ).click()
    page.wait_for_load_state()
    for name in ("q1", "q2", "q3"):
        page.locator(f"input[name={name}][value='4']").check()
    page.locator("input[name=q5][value='ja']").check()
    page.get_by_label("Hvad er de næste skridt?").fill("Ansættelse i Netto fra januar")
    press(page, "Registrér samtalen som holdt")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Afslut forløb")
    assert page.get_by_label("Ordinært job i praktikvirksomheden").is_checked()
    shot(page, "placement-flow-8-outcome")


def test_demo_placements_show_answers_side_by_side_and_flag_poor_attendance(page, shot):
    from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
    from jobbro.placements.selectors import attendance_of

    seed_demo(seed=1, municipalities=1, citizens=80)
    today = timezone.localdate()
    flagged = next(
        p for p in Placement.objects.filter(status="active") if attendance_of(p, today).flagged
    )
    completed = Placement.objects.filter(status="completed", course__phase="follow_up").first()
    login(page, "aarhus.konsulent", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/forloeb/{flagged.course_id}/")
    assert page.get_by_test_id("attendance-flag").count() == 1
    shot(page, "placement-demo-1-course-flagged")
    page.goto(f"{page.base_url}/praktik/{flagged.pk}/")
    shot(page, "placement-demo-2-placement-flagged")
    if completed is not None:
        page.goto(f"{page.base_url}/praktik/{completed.pk}/")
        assert "Ikke holdt endnu" not in page.get_by_test_id("side-by-side").inner_text()
        shot(page, "placement-demo-3-completed")


def test_extending_into_a_full_workplace_is_refused_and_a_manager_may_override(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    factories.user("manager", aarhus, username="leder")
    owner = factories.company(municipality=aarhus, name="Lille Værksted ApS")
    small = factories.workplace(owner, name="Lille Værksted", ordinary_employees=Decimal("3"))
    course = factories.course(aarhus, phase="matching", consultant=consultant)
    placement = factories.placement(course, place=small)  # 7 Dec – 31 Jan: the one place
    factories.placement(place=small, start_on=date(2027, 2, 1))  # February is taken

    login(page, "vk", factories.PASSWORD)
    page.goto(f"{page.base_url}/praktik/{placement.pk}/")
    click(page, "Ændr datoer")
    page.get_by_label("Længde i uger").fill("10")
    page.get_by_label("Begrundelse", exact=True).fill("Borgeren har brug for mere tid")
    press(page, "Gem ændring")
    error = page.locator(".form-error .form-error-message").first.inner_text()
    assert "Arbejdsstedet har ikke flere pladser" in error and "§ 65" in error
    placement.refresh_from_db()
    assert placement.weeks == 8
    shot(page, "placement-reschedule-1-refused")

    page.context.clear_cookies()
    login(page, "leder", factories.PASSWORD)
    page.goto(f"{page.base_url}/praktik/{placement.pk}/")
    click(page, "Ændr datoer")
    page.get_by_label("Længde i uger").fill("10")
    page.get_by_label("Begrundelse", exact=True).fill("Borgeren har brug for mere tid")
    page.get_by_label("Begrundelse for at overskride rimelighedskravet").fill(
        "Aftalt med tillidsrepræsentanten"
    )
    shot(page, "placement-reschedule-2-manager-override")
    press(page, "Gem ændring")
    assert "Praktikken er ændret" in page.content()
    placement.refresh_from_db()
    assert placement.weeks == 10
