"""Staff are told by e-mail when their password or second factor changes (ASVS 2.2.3 and
2.5.5); pages behind sign-in and the API are never cached (ASVS 8.2.1)."""

import pyotp
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests import factories

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "en-helt-ny-lang-adgangskode-42"


def test_a_password_change_is_announced_to_the_staff_member(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("accounts:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    (notice,) = mail.outbox
    assert notice.to == [caseworker.email]
    assert "Din adgangskode er blevet ændret" in notice.body


def test_a_password_reset_is_announced(caseworker):
    uid = urlsafe_base64_encode(force_bytes(caseworker.pk))
    token = default_token_generator.make_token(caseworker)
    client = Client()
    url = reverse("accounts:password_reset_confirm", args=[uid, token])
    form_url = client.get(url)["Location"]  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[caseworker.email]]


@pytest.mark.django_db(transaction=True)  # allauth sends after commit, in the request
def test_a_new_authenticator_app_is_announced(caseworker, client_for):
    client = client_for(caseworker)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert any(
        m.to == [caseworker.email] and "Autentificeringsapp aktiveret" in m.body
        for m in mail.outbox
    )


def test_portal_users_get_no_such_mail(contact_person_user):
    from jobbro.accounts.notify import notify_security_change

    notify_security_change(None, contact_person_user, "account/email/password_changed")
    assert not mail.outbox


def test_signed_in_pages_and_the_api_are_not_cached(caseworker, client_for):
    page = client_for(caseworker).get("/")
    assert "no-store" in page["Cache-Control"]
    api = Client().get("/api/v1/me")
    assert "no-store" in api["Cache-Control"]


def test_static_files_keep_their_own_caching():
    response = Client().get("/static/jobbro/jobbro.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
