"""The API's frame: tokens, the error shape, /me, /municipalities, every route's rule."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jobbro.access import RULES
from jobbro.api.api import api
from jobbro.api.models import ApiToken, hash_token
from jobbro.api.services import token_create

pytestmark = pytest.mark.django_db


def test_every_api_operation_has_an_access_rule():
    missing = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if getattr(operation.view_func, "access_rule", None) not in RULES:
                    missing.append(f"{operation.methods} {prefix}{path}")
    assert not missing, missing


def test_me_describes_the_token_owner(caseworker, api_for):
    response = api_for(caseworker).get("/me")
    assert response.status_code == 200
    assert response.json() == {
        "id": caseworker.pk,
        "username": "cw.a",
        "role": "caseworker",
        "municipality": 751,
        "name": caseworker.get_full_name(),
    }


@pytest.mark.parametrize("header", [None, "Bearer nope", "Token abc", "Bearer "])
def test_requests_without_a_valid_token_get_401_in_the_error_shape(db, header):
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_revoked_token_stops_working(caseworker, api_for):
    client = api_for(caseworker)
    ApiToken.objects.get().revoke()
    assert client.get("/me").status_code == 401


def test_a_deactivated_user_token_stops_working(caseworker, api_for):
    client = api_for(caseworker)
    caseworker.is_active = False
    caseworker.save()
    assert client.get("/me").status_code == 401


def test_municipalities_are_paginated(caseworker, api_for):
    body = api_for(caseworker).get("/municipalities", limit=10, offset=90).json()
    assert body["count"] == 98
    assert len(body["results"]) == 8
    assert body["results"][-1]["code"] == 860


def test_invalid_query_gives_422_naming_the_field(caseworker, api_for):
    response = api_for(caseworker).get("/municipalities", limit=0)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["limit"]


def test_openapi_schema_is_for_token_holders_and_describes_bearer_auth(caseworker):
    assert Client().get("/api/v1/openapi.json").status_code == 302  # to the sign-in
    _token, plain = token_create(user=caseworker)
    schema = Client().get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {plain}").json()
    assert schema["info"]["title"] == "Jobbro API"
    assert "/api/v1/me" in schema["paths"]
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_docs_are_for_signed_in_staff(caseworker, citizen_user, client_for, settings):
    assert Client().get("/api/v1/docs")["Location"].startswith("/log-ind/")
    assert client_for(citizen_user).get("/api/v1/docs").status_code == 403
    assert client_for(caseworker).get("/api/v1/docs").status_code == 200
    settings.API_DOCS_PUBLIC = True
    assert Client().get("/api/v1/openapi.json").status_code == 200


def test_docs_page_uses_no_cdn(caseworker, client_for):
    html = client_for(caseworker).get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle" in html
    assert "cdn.jsdelivr" not in html


def test_create_token_prints_it_once_and_stores_only_a_hash(caseworker):
    out, err = io.StringIO(), io.StringIO()
    call_command("create-token", "cw.a", "--name", "Fagsystem", stdout=out, stderr=err)
    plain = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert plain.startswith("jb_") and len(plain) > 40
    assert token.token_hash == hash_token(plain) and plain not in token.token_hash
    assert (token.name, token.municipality_id) == ("Fagsystem", 751)
    assert "shown once" in err.getvalue()


def test_create_token_for_an_unknown_user_is_refused(db):
    with pytest.raises(CommandError, match="No user is called 'ghost'"):
        call_command("create-token", "ghost", stdout=io.StringIO())
