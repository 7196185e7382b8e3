import pytest
from django.test import Client

from jobbro.api.services import token_create


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
