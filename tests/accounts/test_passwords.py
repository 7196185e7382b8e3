"""Passwords (issue 14.4): at least 12 characters, not common, not like the user, wherever
a password is set."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from jobbro.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("kort-ord-1", "at least 12 characters"),
        ("password1234", "too common"),
        ("anna.hansen.aarhus", "too similar"),
    ],
)
def test_add_user_refuses_a_weak_password(municipality_a, monkeypatch, password, rule):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    with pytest.raises(CommandError, match=rule):
        call_command(
            "add-user",
            "anna.hansen.aarhus",
            "--role",
            "caseworker",
            "--municipality",
            "751",
            "--password-stdin",
        )
    assert not User.objects.filter(username="anna.hansen.aarhus").exists()


def test_add_user_accepts_a_strong_password(municipality_a, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("hest-batteri-haefteklamme\n"))
    call_command(
        "add-user", "bo", "--role", "caseworker", "--municipality", "751", "--password-stdin"
    )
    assert User.objects.get(username="bo").check_password("hest-batteri-haefteklamme")


def test_password_change_refuses_a_short_password_in_danish(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("accounts:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": "kort1", "new_password2": "kort1"},
    )
    assert response.status_code == 200
    assert "mindst 12 tegn" in response.content.decode()


def test_password_reset_refuses_a_common_password(caseworker):
    import re

    from django.core import mail

    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": caseworker.email})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form, {"new_password1": "password1234", "new_password2": "password1234"})
    assert response.status_code == 200
    assert "almindelig" in response.content.decode()
