"""API tokens (issue 14.5): expiry, read-only scope, and the user's current municipality
and role decide, not those the token was made with."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from jobbro.api.models import ApiToken
from jobbro.api.services import token_create
from tests import factories

pytestmark = pytest.mark.django_db


def api(plain: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def test_an_expired_token_is_refused(caseworker):
    token, plain = token_create(user=caseworker, expires_at=timezone.now() + timedelta(hours=1))
    assert api(plain).get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api(plain).get("/api/v1/me").status_code == 401


def test_a_read_only_token_reads_but_never_writes(caseworker):
    _token, plain = token_create(user=caseworker, read_only=True)
    assert api(plain).get("/api/v1/citizens").status_code == 200
    response = api(plain).post(
        "/api/v1/citizens", {"cpr": "0101901234"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only"


def test_create_token_takes_expiry_and_read_only(caseworker):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create-token", "cw.a", "--expires", "2099-12-31", "--read-only", stdout=out, stderr=err
    )
    token = ApiToken.objects.get()
    assert token.read_only and timezone.localtime(token.expires_at).date().isoformat() == (
        "2100-01-01"
    )
    assert "works through 2099-12-31, read-only" in err.getvalue()


def test_a_token_follows_its_users_current_municipality(caseworker, municipality_b):
    citizen_a = factories.citizen(caseworker.municipality)
    citizen_b = factories.citizen(municipality_b)
    token, plain = token_create(user=caseworker)
    caseworker.municipality = municipality_b
    caseworker.save()
    assert api(plain).get("/api/v1/me").json()["municipality"] == 746
    assert api(plain).get(f"/api/v1/citizens/{citizen_a.pk}").status_code == 404
    assert api(plain).get(f"/api/v1/citizens/{citizen_b.pk}").status_code == 200
    token.refresh_from_db()
    assert token.municipality_id == 746  # the admin of B now lists it


def test_a_token_follows_its_users_current_role(caseworker):
    _token, plain = token_create(user=caseworker)
    assert api(plain).get("/api/v1/citizens").status_code == 200
    caseworker.role = "admin"  # the municipal admin may not read citizens
    caseworker.save()
    assert api(plain).get("/api/v1/citizens").status_code == 403
    caseworker.is_active = False
    caseworker.save()
    assert api(plain).get("/api/v1/me").status_code == 401


def test_the_token_page_shows_expiry_and_scope(caseworker, client_for):
    token_create(user=caseworker, name="Læser", read_only=True)
    html = client_for(caseworker).get("/api-noegler/").content.decode()
    assert "Kun læse" in html
