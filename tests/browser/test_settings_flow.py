"""A municipal admin switches the e-mail reminders off and on again."""

import pytest

from jobbro.cases.models import MunicipalitySettings
from tests import factories
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_switches_reminders_off_and_on(page, shot):
    aarhus = factories.municipality(751)
    factories.user("admin", aarhus, username="admin")
    login(page, "admin", factories.PASSWORD)
    page.goto(page.base_url + "/indstillinger/")
    section = page.get_by_test_id("reminders")
    box = section.get_by_label("Send påmindelser på e-mail")
    assert box.is_checked()
    box.uncheck()
    section.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Påmindelserne er slået fra." in page.content()
    assert not MunicipalitySettings.objects.get(municipality=aarhus).reminders_enabled
    page.get_by_test_id("reminders").scroll_into_view_if_needed()
    shot(page, "admin-settings-reminders-off")
    page.get_by_test_id("reminders").get_by_label("Send påmindelser på e-mail").check()
    page.get_by_test_id("reminders").get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Påmindelserne er slået til." in page.content()
    assert MunicipalitySettings.objects.get(municipality=aarhus).reminders_enabled
    shot(page, "admin-settings-reminders-on")
