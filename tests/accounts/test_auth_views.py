"""Login, logout, password change and reset."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from jobbro.accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

LANDING_HEADINGS = {
    "caseworker": "Mine forløb",
    "consultant": "Mine forløb",
    "manager": "Overblik – Jobcenter Aarhus",
    "admin": "Administration – Jobcenter Aarhus",
    "evaluator": "Statistik på tværs af kommuner",
    "contact_person": "Mine praktikanter",
    "citizen": "Min plan",
}


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_login_lands_on_the_roles_page_in_danish(role, personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # Danish even so
    response = client.post(
        reverse("accounts:login"),
        {"username": personas[role].username, "password": factories.PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    html = response.content.decode()
    assert f"<h1>{LANDING_HEADINGS[role]}" in html
    assert 'lang="da"' in html


def test_a_wrong_password_is_explained_in_danish(caseworker):
    response = Client().post(
        reverse("accounts:login"), {"username": caseworker.username, "password": "nope"}
    )
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


def test_logout_needs_post(caseworker, client_for):
    client = client_for(caseworker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
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
