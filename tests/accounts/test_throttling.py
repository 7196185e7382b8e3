"""Throttling and lockout (issue 14.3): per account (django-axes) and per client address,
the client address from X-Forwarded-For only behind a trusted proxy."""

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.lib.addresses import BadProxyList, client_address, trusted_networks
from tests import factories

pytestmark = pytest.mark.django_db


def fail(username: str, ip: str = "203.0.113.7", **headers):
    return Client(REMOTE_ADDR=ip, **headers).post(
        reverse("account_login"), {"login": username, "password": "wrong-password"}
    )


def test_an_account_is_locked_after_five_failed_passwords(caseworker):
    for _ in range(4):
        assert fail("cw.a").status_code == 200
    assert fail("cw.a", ip="198.51.100.77").status_code == 429  # from any address
    locked = Client().post(
        reverse("account_login"), {"login": "cw.a", "password": factories.PASSWORD}
    )
    assert locked.status_code == 429
    assert "Kontoen er låst midlertidigt" in locked.content.decode()


def test_a_municipal_admin_releases_a_colleague_and_it_is_logged(
    admin_user, caseworker, client_for
):
    for _ in range(5):
        fail("cw.a")
    admin = client_for(admin_user)
    listing = admin.get(reverse("accounts:staff_locked")).content.decode()
    assert str(caseworker) in listing
    response = admin.post(
        reverse("accounts:staff_unlock", args=[caseworker.pk]), {"from": "locked"}
    )
    assert response["Location"] == reverse("accounts:staff_locked")
    assert (
        "Ingen konti er låst lige nu"
        in admin.get(reverse("accounts:staff_locked")).content.decode()
    )
    signed_in = Client().post(
        reverse("account_login"), {"login": "cw.a", "password": factories.PASSWORD}
    )
    assert signed_in.status_code == 302
    assert AccessLog.objects.filter(purpose="Låste medarbejderens konto op").exists()


def test_only_the_own_municipalitys_admin_releases(admin_user, manager, outsider, client_for):
    for _ in range(5):
        fail("cw.b")
    assert (
        str(outsider)
        not in client_for(admin_user).get(reverse("accounts:staff_locked")).content.decode()
    )
    url = reverse("accounts:staff_unlock", args=[outsider.pk])
    assert client_for(admin_user).post(url).status_code == 404
    assert client_for(manager).post(url).status_code == 403


def test_one_address_is_throttled_across_accounts(settings, municipality_a):
    users = [factories.user("caseworker", municipality_a) for _ in range(4)]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/900s/ip"}
    for user in users[:3]:
        fail(user.username, ip="198.51.100.1")
    refused = fail(users[3].username, ip="198.51.100.1")
    assert "For mange mislykkede forsøg" in refused.content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.2").post(
        reverse("account_login"), {"login": users[3].username, "password": factories.PASSWORD}
    )
    assert other.status_code == 302


def test_behind_the_trusted_proxy_each_client_counts_alone(settings, municipality_a):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.5"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/900s/ip"}
    user = factories.user("caseworker", municipality_a)
    for n in range(3):
        fail(f"nobody{n}", ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
    # The proxy's address is not "everyone": another client behind it signs in.
    ok = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.10").post(
        reverse("account_login"), {"login": user.username, "password": factories.PASSWORD}
    )
    assert ok.status_code == 302


def test_the_client_address_rule():
    trusted = ["127.0.0.1", "10.0.0.0/8"]
    assert client_address("10.0.0.5", "198.51.100.9", trusted) == "198.51.100.9"
    # A client cannot choose its address by sending the header itself.
    assert client_address("203.0.113.7", "1.2.3.4", trusted) == "203.0.113.7"
    # Spoofed entries left of the last untrusted hop are ignored.
    assert client_address("10.0.0.5", "1.2.3.4, 198.51.100.9, 10.0.0.6", trusted) == (
        "198.51.100.9"
    )
    assert client_address("10.0.0.5", "not-an-ip", trusted) == "10.0.0.5"
    assert client_address("127.0.0.1", "", trusted) == "127.0.0.1"
    with pytest.raises(BadProxyList):
        trusted_networks(("nonsense",))


def test_password_reset_is_throttled_per_address_typed(caseworker, settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = 2
    client = Client()
    for _ in range(2):
        response = client.post(reverse("accounts:password_reset"), {"email": caseworker.email})
        assert response.status_code == 302
    refused = client.post(reverse("accounts:password_reset"), {"email": caseworker.email})
    assert refused.status_code == 429
    assert "Vent lidt" in refused.content.decode()


def test_password_reset_is_throttled_per_client_address(db, settings):
    settings.PASSWORD_RESET_RATE_PER_IP = 2
    client = Client(REMOTE_ADDR="198.51.100.3")
    for n in range(2):
        client.post(reverse("accounts:password_reset"), {"email": f"x{n}@example.org"})
    refused = client.post(reverse("accounts:password_reset"), {"email": "y@example.org"})
    assert refused.status_code == 429


def test_the_portal_link_request_uses_the_client_address_behind_the_proxy(db, settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.5"]
    settings.SIGNIN_RATE_PER_IP = 1
    url = reverse("portal:signin_request")
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.20").post(url, {"email": "a@example.org"})
    second = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.21").post(
        url, {"email": "b@example.org"}
    )
    assert "Vent lidt" not in second.content.decode()
    third = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.21").post(
        url, {"email": "c@example.org"}
    )
    assert "Vent lidt" in third.content.decode()
