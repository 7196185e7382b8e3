"""Sign-in with password and second factor, logout, password change and reset."""

import re

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from jobbro.accounts.roles import PASSWORD_ROLES
from tests import factories

pytestmark = pytest.mark.django_db

LANDING_HEADINGS = {
    "caseworker": "Mine forløb",
    "consultant": "Mine forløb",
    "manager": "Overblik – Jobcenter Aarhus",
    "admin": "Administration – Jobcenter Aarhus",
    "evaluator": "Statistik på tværs af kommuner",
}


def sign_in(client: Client, user, secret: str):
    """Password, then the code an authenticator app would show."""
    first = client.post(
        reverse("account_login"), {"login": user.username, "password": factories.PASSWORD}
    )
    assert first["Location"] == reverse("mfa_authenticate")
    return client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()}, follow=True)


@pytest.mark.parametrize("role", sorted(r.value for r in PASSWORD_ROLES))
def test_sign_in_with_a_second_factor_lands_on_the_roles_page_in_danish(role, personas):
    user = personas[role]
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # Danish even so
    response = sign_in(client, user, factories.enrol_totp(user))
    assert response.redirect_chain[-1][0] == "/"
    html = response.content.decode()
    assert f"<h1>{LANDING_HEADINGS[role]}" in html
    assert 'lang="da"' in html


@pytest.mark.parametrize("role", ["contact_person", "citizen"])
def test_portal_users_are_sent_to_the_link_sign_in(role, personas):
    response = Client().post(
        reverse("account_login"),
        {"login": personas[role].username, "password": factories.PASSWORD},
    )
    assert response["Location"] == reverse("portal:signin_request")
    assert Client().get("/").status_code == 302


def test_a_wrong_password_is_explained_in_danish(caseworker):
    response = Client().post(
        reverse("account_login"), {"login": caseworker.username, "password": "nope"}
    )
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


def test_logout_needs_post(caseworker, client_for):
    client = client_for(caseworker)
    assert client.get(reverse("account_logout")).status_code == 405
    response = client.post(reverse("account_logout"))
    assert response["Location"] == reverse("account_login")
    assert client.get("/").status_code == 302


def test_password_change(caseworker, client_for):
    client = client_for(caseworker)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "a-much-longer-new-secret",
            "new_password2": "a-much-longer-new-secret",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    caseworker.refresh_from_db()
    assert caseworker.check_password("a-much-longer-new-secret")


def test_password_reset_by_email(caseworker):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": caseworker.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Ny adgangskode til Jobbro"
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "fresh-and-long-secret", "new_password2": "fresh-and-long-secret"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    caseworker.refresh_from_db()
    assert caseworker.check_password("fresh-and-long-secret")


def test_password_reset_does_not_reveal_unknown_addresses(db):
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_english_can_be_chosen(caseworker, client_for):
    client = client_for(caseworker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "<h1>My cases" in html
    assert "Log out" in html
