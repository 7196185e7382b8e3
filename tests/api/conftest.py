from decimal import Decimal

import pytest
from django.test import Client

from jobbro.api.services import token_create
from tests import factories


class ApiClient:
    """The test client with a Bearer token and JSON bodies."""

    def __init__(self, user) -> None:
        _token, self.token = token_create(user=user, name="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def get(self, path: str, **params):
        return self.client.get("/api/v1" + path, params)

    def post(self, path: str, body: dict):
        return self.client.post("/api/v1" + path, body, content_type="application/json")

    def patch(self, path: str, body: dict):
        return self.client.patch("/api/v1" + path, body, content_type="application/json")


@pytest.fixture
def api_for():
    return ApiClient


@pytest.fixture
def company_a(municipality_a):
    """A company municipality A works with (so A's consultants may edit it)."""
    return factories.company(municipality=municipality_a, name="Netto Aarhus ApS")


@pytest.fixture
def workplace_a(company_a):
    return factories.workplace(company_a, ordinary_employees=Decimal("20"))


@pytest.fixture
def person_a(workplace_a):
    return factories.contact_person(workplace_a, name="Jonas Holm")


@pytest.fixture
def course_a(municipality_a, caseworker, consultant):
    """A course in matching, ready for a placement."""
    return factories.course(
        municipality_a,
        caseworker=caseworker,
        consultant=consultant,
        phase="matching",
        consent_to_share=True,
    )


@pytest.fixture
def course_b(municipality_b):
    return factories.course(municipality_b)
