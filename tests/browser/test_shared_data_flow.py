"""Another municipality takes a company on but cannot take over its job contact person;
the municipality that works with the person sees what happened (security issue, point 1)."""

import pytest

from jobbro.companies.models import CompanyRelation
from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from jobbro.placements.models import Placement
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_relating_does_not_hand_over_the_job_contact_persons_email(page, shot):
    seed_demo(seed=1, municipalities=2, citizens=10)
    placement = (
        Placement.objects.filter(municipality_id=746, status__in=("planned", "active"))
        .select_related("contact_person__workplace__company")
        .first()
    )
    person = placement.contact_person
    company = person.workplace.company
    # Make it a company only Skanderborg works with, as in the reported chain.
    CompanyRelation.objects.filter(company=company).exclude(municipality_id=746).delete()
    CompanyRelation.objects.get_or_create(company=company, municipality_id=746)
    Placement.objects.filter(contact_person=person).exclude(municipality_id=746).delete()

    login(page, "aarhus.konsulent", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/virksomheder/{company.pk}/")
    page.get_by_role("button", name="Tilføj til vores virksomheder").click()
    page.wait_for_load_state()
    page.goto(f"{page.base_url}/virksomheder/jobkontaktpersoner/{person.pk}/")
    assert page.get_by_test_id("signin-resend").count() == 0
    page.get_by_role("link", name="Ret jobkontaktperson").click()
    email = page.get_by_label("E-mail")
    assert email.is_disabled()
    assert "e-mailen er jobkontaktpersonens login" in page.locator("#id_email-hint").inner_text()
    shot(page, "shared-contact-person-locked-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "shared-contact-person-locked-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Stilling").fill("Værkfører")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Værkfører" in page.content()

    page.context.clear_cookies()
    login(page, "skanderborg.konsulent", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/virksomheder/{company.pk}/?fane=aendringer")
    table = page.get_by_test_id("changes-table").inner_text()
    assert "Aarhus Kommune" in table and "Værkfører" in table
    assert "begyndte at arbejde med virksomheden" in table
    shot(page, "shared-changes-tab")
