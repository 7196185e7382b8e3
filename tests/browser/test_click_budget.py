"""The registration burden, counted: STAR (2024) found 80 clicks for a company
internship and 40 for a job conversation in today's systems. In Jobbro a placement with
its whole plan of conversations should take about ten, a held conversation about five.

Every click, tick and choice in a list counts as a click; typing into a field is
counted separately (the words a caseworker must write anyway).
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from jobbro.placements.models import Conversation, Placement
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass
class Counted:
    """The page seen through a user's hands: each action is counted."""

    page: object
    clicks: int = 0
    typed: int = 0

    def link(self, name: str, within=None) -> None:
        (within or self.page).get_by_role("link", name=name, exact=True).first.click()
        self.page.wait_for_load_state()
        self.clicks += 1

    def button(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).first.click()
        self.page.wait_for_load_state()
        self.clicks += 1

    def choose(self, label: str, option: str) -> None:
        self.page.get_by_label(label, exact=True).select_option(label=option)
        self.clicks += 1

    def tick(self, locator) -> None:
        locator.check()
        self.clicks += 1

    def type(self, label: str, text: str) -> None:
        self.page.get_by_label(label, exact=True).fill(text)
        self.typed += 1


def test_a_placement_with_its_whole_plan_takes_about_ten_clicks(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    course = factories.course(
        citizen_obj=factories.citizen(aarhus, first_name="Mette", last_name="Holm"),
        phase="matching",
        consultant=consultant,
        consent_to_share=True,
    )
    netto = factories.company(municipality=aarhus, name="Netto A/S")
    place = factories.workplace(netto, name="Netto Trøjborg", ordinary_employees=Decimal("20"))
    factories.contact_person(place, name="Lone Lager")

    login(page, "vk", factories.PASSWORD)
    page.goto(f"{page.base_url}/forloeb/{course.pk}/")
    user = Counted(page)
    user.link("Opret praktik")
    option = page.locator("#id_workplace option", has_text="Netto Trøjborg").inner_text()
    user.choose("Arbejdssted", option)
    user.choose("Jobkontaktperson", "Lone Lager")
    user.tick(page.get_by_label("Oplæring i bestemte faglige kompetencer"))
    user.type("Arbejdsopgaver", "Varemodtagelse og opfyldning")
    user.button("Opret praktik")
    user.button("Godkend som jobcenter")
    user.button("Registrér borgerens godkendelse (papir)")
    user.button("Registrér jobkontaktpersonens godkendelse (papir)")
    user.button("Start praktikken")

    placement = Placement.objects.get(course=course)
    assert placement.status == Placement.Status.ACTIVE
    kinds = list(placement.conversations.values_list("kind", flat=True))
    assert {"start", "midway", "final"} <= set(kinds)
    assert kinds.count("weekly_feedback") == placement.weeks
    shot(page, "click-budget-1-placement-started")
    assert user.clicks <= 10, f"{user.clicks} clicks"
    assert user.typed == 1


def test_a_held_conversation_takes_about_five_clicks(page, shot):
    aarhus = factories.municipality(751)
    consultant = factories.user("consultant", aarhus, username="vk")
    course = factories.course(aarhus, phase="matching", consultant=consultant)
    placement = factories.placement(course)

    login(page, "vk", factories.PASSWORD)
    page.goto(f"{page.base_url}/praktik/{placement.pk}/")
    user = Counted(page)
    rows = page.get_by_test_id("conversations").locator("tr", has_text="Opstartssamtale")
    user.link("Hold", within=rows)
    user.type("Hvad er målet med praktikken for borgeren?", "Fast job i detail")
    user.type("Hvilke arbejdsopgaver starter borgeren med?", "Varemodtagelse")
    user.type("Hvad er de næste skridt?", "Midtvejssamtale i uge 4")
    shot(page, "click-budget-2-start-conversation")
    user.button("Registrér samtalen som holdt")

    start = placement.conversations.get(kind="start")
    assert start.status == Conversation.Status.HELD
    assert start.answers and "Fast job i detail" in start.answers.values()
    assert user.clicks <= 5, f"{user.clicks} clicks"

    # The midway conversation: three scales to tick, still about five clicks.
    page.goto(f"{page.base_url}/praktik/{placement.pk}/")
    user = Counted(page)
    rows = page.get_by_test_id("conversations").locator("tr", has_text="Midtvejssamtale")
    user.link("Hold", within=rows)
    scales = page.locator("fieldset").filter(has=page.locator("input[value='4']"))
    for number in range(3):
        user.tick(scales.nth(number).locator("input[value='4']"))
    user.type("Hvilke arbejdsopgaver løser borgeren nu?", "Kasse og varemodtagelse")
    user.type("Hvad er de næste skridt?", "Afslutningssamtale")
    user.button("Registrér samtalen som holdt")
    assert placement.conversations.get(kind="midway").status == Conversation.Status.HELD
    assert user.clicks <= 5, f"{user.clicks} clicks"
