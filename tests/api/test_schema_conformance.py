"""schemathesis generates requests from the OpenAPI schema: no 500s, and every
response matches the schema (status codes, content types, bodies)."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from jobbro.api.services import token_create
from jobbro.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Unknown query parameters are ignored, as the API documents; bodies stay strict.
schema.config.generation.update(allow_extra_parameters=False)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The WSGI handler closes "old" connections at each request's start and end,
    # which would close the test's transaction; Django's test client does the same.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(manager):
    _token, plain = token_create(user=manager, name="schemathesis")
    return plain


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
