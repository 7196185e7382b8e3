"""Playwright against a live test server, in Debian's Chromium.

With CI=true a missing browser fails the run; locally the browser tests are
skipped with a note, so a laptop without Chromium can still run the suite.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
# The live server and Playwright's event loop share the thread; Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not _browser_available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install it (apt chromium).")
        pytest.skip("Chromium is not installed; apt-get install chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(20_000)  # shared 2-core machines are slow under load
    page.base_url = live_server.url
    # Every page a browser test opens is also a check of the Content-Security-Policy:
    # an inline script, handler or style it blocks shows up as a console error.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def totp_secret(username: str) -> str:
    """The user's authenticator-app secret; one is enrolled if they have none (the
    enrolment itself is driven through the pages in test_second_factor_flow.py)."""
    from allauth.mfa.models import Authenticator

    from jobbro.accounts.models import User
    from tests.factories import enrol_totp

    user = User.objects.get(username=username)
    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return found.data["secret"] if found else enrol_totp(user)


def login(page, username: str, password: str) -> None:
    """Sign in as staff: password, then the code an authenticator app would show."""
    import pyotp

    secret = totp_secret(username)
    page.goto(page.base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    page.get_by_label("Kode", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def sign_in_by_link(page, email: str) -> None:
    """Sign in as a job contact person or citizen: the emailed one-time link."""
    import re

    from django.core import mail

    page.goto(page.base_url + "/portal/log-ind/")
    page.get_by_label("Din e-mailadresse").fill(email)
    page.get_by_role("button", name="Send mig et link").click()
    page.wait_for_load_state()
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/portal/log-ind/[^/\s]+/)", body).group(1)
    page.goto(page.base_url + path)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
