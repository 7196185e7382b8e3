"""A new staff member's first sign-in: password, enrolment of an authenticator app
(code computed from the secret the page shows), recovery codes; then a later sign-in
with a code. Screenshots of the enrolment and the second-factor page at 390 and 1280 px."""

import time

import pyotp
import pytest

from jobbro.accounts.mfa import is_enrolled
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _password(page, username: str) -> None:
    page.goto(page.base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_first_sign_in_enrols_an_authenticator_app_then_signs_in_with_its_code(
    page, shot, viewport
):
    size = PHONE if viewport == "phone" else DESKTOP
    page.set_viewport_size(size)
    user = factories.user(
        "caseworker", factories.municipality(751), username="ny", first_name="Nina"
    )

    _password(page, "ny")
    # Nowhere else to go before the second factor exists.
    assert page.url.endswith("/tofaktor/app/")
    page.goto(page.base_url + "/forloeb/")
    assert page.url.endswith("/tofaktor/app/")
    assert page.get_by_role("heading", level=1).inner_text() == "Opret din anden faktor"
    assert page.get_by_test_id("totp-qr").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shot(page, f"mfa-1-enrol-{size['width']}")

    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Kode fra appen").fill("000000")
    page.get_by_role("button", name="Opret").click()
    page.wait_for_load_state()
    assert "Der er fejl i formularen" in page.content()
    page.get_by_label("Kode fra appen").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Opret").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Dine gendannelseskoder"
    assert len(page.get_by_test_id("recovery-codes").locator("li").all()) == 10
    shot(page, f"mfa-2-recovery-codes-{size['width']}")
    page.get_by_role("link", name="Jeg har gemt koderne – fortsæt").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"
    assert is_enrolled(user)

    # Next time: the password, then a code from the app.
    page.context.clear_cookies()
    _password(page, "ny")
    assert page.get_by_role("heading", level=1).inner_text() == "Bekræft, at det er dig"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shot(page, f"mfa-3-second-factor-{size['width']}")
    # A code is used once; the next period's code (one step of clock drift is allowed)
    # differs from the one just used for enrolling.
    page.get_by_label("Kode", exact=True).fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Mine forløb"
