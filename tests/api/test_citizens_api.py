"""/api/v1/citizens: create, list (logged search), read (logged), update; CPR masked."""

import pytest

from jobbro.accounts.models import AccessLog
from jobbro.citizens.models import Citizen
from tests import factories

pytestmark = pytest.mark.django_db

NEW = {
    "cpr": "010190-1234",
    "first_name": "Mette",
    "last_name": "Lund",
    "postcode": "8000",
    "email": "mette@example.dk",
    "phone": "12345678",
    "unemployed_since": "2026-02-01",
    "last_employer_cvr": "",
}


def test_it_creates_a_citizen_and_returns_the_cpr_masked_only(caseworker, api_for):
    response = api_for(caseworker).post("/citizens", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["masked_cpr"] == "010190-XXXX"
    assert "cpr" not in body and "0101901234" not in response.content.decode()
    citizen = Citizen.objects.get(pk=body["id"])
    assert (citizen.cpr, citizen.municipality_id) == ("0101901234", 751)
    assert AccessLog.objects.filter(citizen_id=citizen.pk, action=AccessLog.Action.CREATE).exists()


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("", "The CPR number is missing."),
        ("01019O-1234", "A CPR number has only digits (DDMMYY-XXXX)."),
        ("010190-123", "A CPR number has 10 digits."),
        ("320190-1234", "The CPR number does not start with a valid birth date (DDMMYY)."),
    ],
)
def test_it_rejects_an_invalid_cpr_in_english_naming_the_field(caseworker, api_for, cpr, message):
    response = api_for(caseworker).post("/citizens", {**NEW, "cpr": cpr})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in error["fields"]["cpr"][0]
    assert not Citizen.objects.exists()


def test_it_refuses_unknown_fields(caseworker, api_for):
    response = api_for(caseworker).post("/citizens", {**NEW, "shoe_size": 43})
    assert response.status_code == 422
    assert "shoe_size" in response.json()["error"]["fields"]


def test_a_duplicate_cpr_is_refused_at_the_field(caseworker, municipality_a, api_for):
    factories.citizen(municipality_a, cpr="0101901234")
    response = api_for(caseworker).post("/citizens", NEW)
    assert response.status_code == 422
    assert "cpr" in response.json()["error"]["fields"]


def test_the_list_is_scoped_paginated_and_logged(
    caseworker, municipality_a, municipality_b, api_for
):
    mine = [factories.citizen(municipality_a) for _ in range(3)]
    factories.citizen(municipality_b)
    body = api_for(caseworker).get("/citizens", limit=2).json()
    assert body["count"] == 3 and len(body["results"]) == 2
    assert {r["id"] for r in body["results"]} <= {c.pk for c in mine}
    logged = AccessLog.objects.filter(action=AccessLog.Action.SEARCH, user=caseworker)
    assert logged.count() == 2


def test_search_by_exact_cpr(caseworker, municipality_a, api_for):
    wanted = factories.citizen(municipality_a, cpr="0202902345")
    factories.citizen(municipality_a)
    body = api_for(caseworker).get("/citizens", q="020290-2345").json()
    assert [r["id"] for r in body["results"]] == [wanted.pk]
    log = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert log.criteria["q"] == "020290-2345"


def test_reading_a_citizen_is_logged(caseworker, municipality_a, api_for):
    citizen = factories.citizen(municipality_a)
    response = api_for(caseworker).get(f"/citizens/{citizen.pk}")
    assert response.status_code == 200
    assert response.json()["masked_cpr"] == citizen.masked_cpr
    assert AccessLog.objects.filter(citizen_id=citizen.pk, action=AccessLog.Action.READ).exists()


def test_another_municipalitys_citizen_is_404(outsider, municipality_a, api_for):
    citizen = factories.citizen(municipality_a)
    client = api_for(outsider)
    assert client.get(f"/citizens/{citizen.pk}").status_code == 404
    response = client.patch(f"/citizens/{citizen.pk}", {"first_name": "X"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", ["evaluator", "contact_person", "citizen", "admin"])
def test_roles_outside_casework_get_403(personas, api_for, role):
    client = api_for(personas[role])
    for response in (client.get("/citizens"), client.post("/citizens", NEW)):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


def test_patch_changes_only_the_given_fields(caseworker, municipality_a, api_for):
    citizen = factories.citizen(municipality_a, phone="11111111")
    response = api_for(caseworker).patch(
        f"/citizens/{citizen.pk}", {"postcode": "8200", "email": "ny@example.dk"}
    )
    assert response.status_code == 200, response.content
    citizen.refresh_from_db()
    assert (citizen.postcode, citizen.email, citizen.phone) == ("8200", "ny@example.dk", "11111111")


def test_patch_rejects_an_invalid_email_naming_the_field(caseworker, municipality_a, api_for):
    citizen = factories.citizen(municipality_a)
    response = api_for(caseworker).patch(f"/citizens/{citizen.pk}", {"email": "no-at-sign"})
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["email"]
