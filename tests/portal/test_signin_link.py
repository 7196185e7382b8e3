"""Sign-in by an emailed one-time link: single use, expiring, rate-limited, and
the same answer whether the address is known or not."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.accounts.models import SignInRequest
from jobbro.portal.identity import citizen_identity_provider
from jobbro.portal.models import SignInLink
from jobbro.portal.services import signin_link_send

pytestmark = pytest.mark.django_db

REQUEST_URL = "/portal/log-ind/"


def ask(client: Client, email: str, ip: str = "10.0.0.1"):
    return client.post(REQUEST_URL, {"email": email}, REMOTE_ADDR=ip)


def link_path(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/portal/log-ind/\S+/)", message.body).group(1)


@pytest.fixture
def jkp(contact_person_user):
    contact_person_user.email = "jens@bager.dk"
    contact_person_user.save()
    return contact_person_user


def test_a_job_contact_person_gets_a_link_and_signs_in(jkp, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "Jens@Bager.dk")
    assert "Hvis adressen er registreret hos os" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jens@bager.dk"]
    path = link_path(mail.outbox[0])
    assert client.get(path).status_code == 200  # showing the button spends nothing
    assert SignInLink.objects.get().used_at is None
    response = client.post(path, follow=True)
    assert "<h1>Mine praktikanter" in response.content.decode()
    assert 12 * 3600 - 60 < client.session.get_expiry_age() <= 12 * 3600


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    known = ask(Client(), "nobody@example.org").content.decode()
    assert "Hvis adressen er registreret hos os" in known
    assert mail.outbox == [] and not SignInLink.objects.exists()


def test_staff_cannot_sign_in_by_link(caseworker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(Client(), caseworker.email)
    assert mail.outbox == []
    with pytest.raises(ValueError):
        signin_link_send(user=caseworker)


def spend(client: Client, jkp, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        signin_link_send(user=jkp)
    return link_path(mail.outbox[-1])


def test_a_link_works_once(jkp, django_capture_on_commit_callbacks):
    path = spend(Client(), jkp, django_capture_on_commit_callbacks)
    assert Client().post(path).status_code == 302
    second = Client()
    response = second.post(path)
    assert response.status_code == 400
    assert "Linket er allerede brugt" in response.content.decode()
    assert "_auth_user_id" not in second.session


def test_an_expired_link_is_refused(jkp, django_capture_on_commit_callbacks):
    path = spend(Client(), jkp, django_capture_on_commit_callbacks)
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().post(path)
    assert "Linket er udløbet" in response.content.decode()
    assert SignInLink.objects.get().used_at is None


def test_a_tampered_token_is_refused(jkp, django_capture_on_commit_callbacks):
    path = spend(Client(), jkp, django_capture_on_commit_callbacks)
    response = Client().post(path[:-3] + "xx/")
    assert response.status_code == 400
    assert "Linket er ugyldigt" in response.content.decode()


def test_a_deactivated_person_cannot_use_a_link(jkp, django_capture_on_commit_callbacks):
    path = spend(Client(), jkp, django_capture_on_commit_callbacks)
    jkp.is_active = False
    jkp.save()
    assert "Din adgang er lukket" in Client().post(path).content.decode()


def test_requests_are_rate_limited_per_address(jkp, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            ask(client, jkp.email)
        response = ask(client, jkp.email)
    assert "Vent lidt" in response.content.decode()
    assert len(mail.outbox) == 3


def test_unknown_addresses_are_rate_limited_the_same_way(db):
    for _ in range(3):
        ask(Client(), "nobody@example.org")
    assert "Vent lidt" in ask(Client(), "nobody@example.org").content.decode()
    assert SignInRequest.objects.count() == 3


def test_requests_are_rate_limited_per_ip(db, settings):
    settings.SIGNIN_RATE_PER_IP = 2
    ask(Client(), "a@example.org", ip="10.9.9.9")
    ask(Client(), "b@example.org", ip="10.9.9.9")
    assert "Vent lidt" in ask(Client(), "c@example.org", ip="10.9.9.9").content.decode()
    assert "Vent lidt" not in ask(Client(), "c@example.org", ip="10.1.1.1").content.decode()


def test_a_bad_address_is_explained_at_the_field(db):
    html = ask(Client(), "not-an-address").content.decode()
    assert "Skriv en gyldig e-mailadresse" in html
    assert not SignInRequest.objects.exists()


def test_nothing_is_stored_about_addresses_in_clear(jkp):
    ask(Client(), jkp.email)
    stored = SignInRequest.objects.values_list("email_hash", "ip_hash").get()
    assert jkp.email not in "".join(stored) and "10.0.0.1" not in "".join(stored)


def test_a_citizen_signs_in_by_link(citizen_user, django_capture_on_commit_callbacks):
    citizen_user.email = "karen@example.org"
    citizen_user.save()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "karen@example.org")
    response = client.post(link_path(mail.outbox[0]), follow=True)
    assert "<h1>Min plan" in response.content.decode()


def test_the_citizen_identity_provider_is_pluggable(settings):
    citizen_identity_provider.cache_clear()
    assert citizen_identity_provider().start_url() == REQUEST_URL
    citizen_identity_provider.cache_clear()


def test_staff_login_page_points_portal_users_to_the_link(db):
    html = Client().get(reverse("account_login")).content.decode()
    assert 'href="/portal/log-ind/"' in html


def test_a_link_from_a_reminder_leads_back_to_the_page_after_signing_in(
    jkp, django_capture_on_commit_callbacks
):
    """Reminder → portal page → sign-in by link → the same page, not the front page."""
    from tests import factories

    placement = factories.active_placement(person_user=jkp)
    target = reverse("portal:feedback", args=[placement.pk]) + "?uge=1"
    client = Client()
    asked = client.get(target)
    assert asked.url.startswith(REQUEST_URL)
    page = client.get(asked.url).content.decode()
    assert 'name="next" value="/portal/praktikant/' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(asked.url, {"email": jkp.email, "next": target}, REMOTE_ADDR="10.0.0.9")
    url = re.search(r"http://127\.0\.0\.1:8000(/portal/log-ind/\S+)", mail.outbox[0].body)[1]
    assert "?next=" in url
    confirm = client.get(url).content.decode()
    assert 'name="next"' in confirm
    response = client.post(url, {"next": target})
    assert response.url == target


@pytest.mark.parametrize("bad", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_a_next_elsewhere_is_ignored(bad, jkp, django_capture_on_commit_callbacks):
    client = Client()
    assert bad not in client.get(REQUEST_URL, {"next": bad}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        signin_link_send(user=jkp)
    response = client.post(link_path(mail.outbox[0]), {"next": bad})
    assert response.url == reverse("home")
