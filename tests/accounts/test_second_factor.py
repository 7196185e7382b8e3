"""The second factor (issue 14.2): required for everybody who signs in with a password,
reset by the municipal admin of the same municipality (recorded), never asked of
portal users; passing it is the only way a password session counts as signed in."""

import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.accounts.roles import PASSWORD_ROLES
from tests import factories

pytestmark = pytest.mark.django_db


def password_only(user) -> Client:
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", sorted(r.value for r in PASSWORD_ROLES))
def test_the_first_sign_in_leads_to_enrolment_and_nowhere_else(role, personas):
    client = password_only(personas[role])
    for path in ("/", "/forloeb/", "/api-noegler/", "/adgangslog/"):
        assert client.get(path)["Location"] == reverse("mfa_activate_totp"), path
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_an_enrolled_user_must_pass_the_second_factor(caseworker):
    secret = factories.enrol_totp(caseworker)
    client = password_only(caseworker)
    assert client.get("/")["Location"].startswith(reverse("account_login"))  # not signed in
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Koden er forkert" in wrong.content.decode()
    right = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert right["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once(caseworker):
    factories.enrol_totp(caseworker)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    code = RecoveryCodes.activate(caseworker).generate_codes()[0]
    client = password_only(caseworker)
    assert client.post(reverse("mfa_authenticate"), {"code": code})["Location"] == "/"
    again = password_only(caseworker)
    assert again.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200


def test_a_session_that_skipped_the_second_factor_is_signed_out(caseworker):
    factories.enrol_totp(caseworker)
    client = Client()
    client.force_login(caseworker)  # past every door of ours
    response = client.get("/")
    assert response["Location"] == reverse("account_login")
    assert client.get("/").status_code == 302


def test_the_operations_admin_signs_in_through_jobbro(municipality_a):
    factories.user("admin", municipality_a, username="drift", is_superuser=True, is_staff=True)
    response = Client().get("/drift/login/?next=/drift/")
    assert response["Location"] == reverse("account_login") + "?next=/drift/"
    assert Client().get("/drift/")["Location"].startswith("/drift/login/")


@pytest.mark.parametrize("role", ["contact_person", "citizen"])
def test_portal_users_are_never_asked_for_a_second_factor(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get("/").status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 403


def test_staff_cannot_remove_their_only_second_factor(caseworker, client_for):
    factories.enrol_totp(caseworker)
    client = client_for(caseworker)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=caseworker, type="totp").exists()
    assert response.status_code in (200, 302)


def test_an_admin_resets_a_colleagues_second_factor_and_it_is_logged(
    admin_user, caseworker, client_for
):
    factories.enrol_totp(caseworker)
    colleague = client_for(caseworker)
    response = client_for(admin_user).post(
        reverse("accounts:staff_second_factor_reset", args=[caseworker.pk])
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=caseworker).exists()
    assert colleague.get("/").status_code == 302  # their sessions ended
    assert AccessLog.objects.filter(
        username=admin_user.username,
        object_id=str(caseworker.pk),
        purpose="Nulstillede medarbejderens anden faktor",
    ).exists()


def test_resetting_is_for_the_admin_of_the_same_municipality(
    admin_user, manager, outsider, client_for
):
    factories.enrol_totp(outsider)
    url = reverse("accounts:staff_second_factor_reset", args=[outsider.pk])
    assert client_for(admin_user).post(url).status_code == 404
    assert client_for(manager).post(url).status_code == 403
    assert Authenticator.objects.filter(user=outsider).exists()


@pytest.mark.django_db(transaction=True)  # allauth announces the new factor after commit
def test_enrolling_ends_the_users_other_sessions(caseworker, client_for):
    other = client_for(caseworker)
    client = password_only(caseworker)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_a_second_factor_change_needs_proof_after_five_minutes(caseworker, client_for):
    factories.enrol_totp(caseworker)
    client = client_for(caseworker)  # signed in long ago as far as the session knows
    session = client.session
    session["jobbro_signed_in_at"] = time.time() - 600
    session.save()
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
