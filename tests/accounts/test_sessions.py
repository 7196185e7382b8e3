"""Sessions (issue 14.4): staff 30 minutes idle and 8 hours at most, portal 12 hours,
"log ud alle steder", and a password change ends the other sessions."""

import time

import pytest
from django.urls import reverse

from jobbro.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from tests import factories

pytestmark = pytest.mark.django_db


def _age(client, **seconds_ago) -> None:
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_staff_are_signed_out_after_30_idle_minutes(caseworker, client_for):
    client = client_for(caseworker)
    _age(client, jobbro_seen_at=29 * 60)
    assert client.get("/").status_code == 200
    _age(client, jobbro_seen_at=31 * 60)
    response = client.get("/forloeb/")
    assert response["Location"] == reverse("account_login") + "?next=/forloeb/"
    assert client.get("/").status_code == 302


def test_staff_are_signed_out_after_8_hours_however_busy(caseworker, client_for):
    client = client_for(caseworker)
    _age(client, jobbro_signed_in_at=8 * 3600 + 1, jobbro_seen_at=1)
    assert client.get("/").status_code == 302


def test_portal_sessions_last_12_hours_without_an_idle_limit(contact_person_user, client_for):
    client = client_for(contact_person_user)
    assert client.session.get_expiry_age() <= 12 * 3600
    _age(client, jobbro_signed_in_at=11 * 3600, jobbro_seen_at=3 * 3600)
    assert client.get("/").status_code == 200
    _age(client, jobbro_signed_in_at=12 * 3600 + 1)
    assert client.get("/")["Location"].startswith(reverse("portal:signin_request"))


def test_htmx_requests_are_sent_to_the_login_page(caseworker, client_for):
    client = client_for(caseworker)
    _age(client, jobbro_seen_at=31 * 60)
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_log_out_everywhere_ends_the_other_sessions_only(caseworker, client_for):
    here, elsewhere = client_for(caseworker), client_for(caseworker)
    response = here.post(reverse("accounts:sessions_end"), {"next": "/forloeb/"})
    assert response["Location"] == "/forloeb/"
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_log_out_everywhere_refuses_a_foreign_next(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("accounts:sessions_end"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_portal_user_may_log_out_everywhere_too(citizen_user, client_for):
    other = client_for(citizen_user)
    client_for(citizen_user).post(reverse("accounts:sessions_end"))
    assert other.get("/").status_code == 302


def test_a_password_change_ends_the_other_sessions(caseworker, client_for):
    here, elsewhere = client_for(caseworker), client_for(caseworker)
    here.post(
        reverse("accounts:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "et-helt-nyt-og-langt-kodeord",
            "new_password2": "et-helt-nyt-og-langt-kodeord",
        },
    )
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_the_session_knows_when_it_started(caseworker, client_for):
    session = client_for(caseworker).session
    assert time.time() - session[SIGNED_IN_AT] < 60 and SEEN_AT in session
