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


def test_a_manager_sees_a_failed_reminder_with_its_error(page, shot):
    from datetime import UTC, date, datetime

    from jobbro.notifications.models import Reminder

    aarhus = factories.municipality(751)
    factories.user("manager", aarhus, username="leder")
    common = {
        "municipality": aarhus,
        "day": date(2026, 12, 11),
        "claimed_at": datetime(2026, 12, 14, 7, 0, tzinfo=UTC),
    }
    Reminder.objects.create(
        kind=Reminder.Kind.FEEDBACK_MISSING,
        subject="placement:1:week:1",
        recipient="lone@netto.example",
        status=Reminder.Status.FAILED,
        error="SMTP 550: mailbox unavailable",
        attempts=3,
        **common,
    )
    Reminder.objects.create(
        kind=Reminder.Kind.CONVERSATION_SOON,
        subject="conversation:7",
        recipient="mette@example.dk",
        status=Reminder.Status.SENT,
        **common,
    )
    login(page, "leder", factories.PASSWORD)
    page.get_by_role("button", name="Administration").click()
    page.get_by_role("link", name="Påmindelser").click()
    page.wait_for_load_state()
    assert "SMTP 550" in page.get_by_test_id("reminders").inner_text()
    page.get_by_role("link", name="Fejlet (1)").click()
    page.wait_for_load_state()
    rows = page.get_by_test_id("reminders").locator("tbody tr")
    assert rows.count() == 1 and "3. forsøg · opgivet" in rows.first.inner_text()
    shot(page, "reminders-failed")
