"""A municipal admin finds "Opbevaring og sletning" under the settings, sees how many
citizens the next run would anonymise, and shortens the period."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jobbro.cases.models import Course
from jobbro.privacy.models import RetentionRun, RetentionSettings
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_sets_the_retention_period(page, shot):
    aarhus = factories.municipality(751)
    factories.user("admin", aarhus, username="admin")
    today = timezone.localdate()
    for closed_on in (today - timedelta(days=7 * 365), today - timedelta(days=3 * 365)):
        course = factories.course(aarhus)
        Course.objects.filter(pk=course.pk).update(
            phase="closed", outcome="education", closed_on=closed_on
        )
    RetentionRun.objects.create(
        day=date(2026, 11, 30),
        source="worker",
        actor="jobbro worker",
        counts={"751": {"citizens": 4, "enabled": True, "cutoff": "2021-11-30"}},
    ).__class__.objects.update(finished_at="2026-11-30T07:01:00Z")
    login(page, "admin", factories.PASSWORD)
    page.goto(page.base_url + "/indstillinger/")
    page.get_by_role("link", name="Hvor længe afsluttede forløb gemmes").click()
    page.wait_for_load_state()
    assert (
        "1 borger, hvis sidste forløb blev afsluttet før"
        in page.get_by_test_id("plan").inner_text()
    )
    field = page.get_by_label("Måneder et afsluttet forløb gemmes")
    assert field.input_value() == "60"
    field.fill("24")
    page.get_by_test_id("retention").get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Opbevaringsperioden er gemt." in page.content()
    assert RetentionSettings.objects.get(municipality=aarhus).keep_months == 24
    assert "2 borgere" in page.get_by_test_id("plan").inner_text()
    shot(page, "admin-retention-settings")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "admin-retention-settings-phone")
