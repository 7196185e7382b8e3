"""schemathesis generates requests from the OpenAPI schema: no 500s, and every
response matches the schema (status codes, content types, bodies).

Real data is seeded (a course in matching with a placement, a company we work with,
homework), and generated ids are swapped for the seeded ones half of the time, so the
operations run their real paths and not only the 404 branch.

The "schema-valid data is accepted" check is left out: the domain rules (a CPR number's
birth date, the CVR modulus 11, a start on a working day, phase guards, capacity) go
beyond what JSON Schema can say, so a schema-valid body may rightly get a 422 or 409.
"""

from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from jobbro.api.services import token_create
from jobbro.wsgi import application
from tests import factories

# The schema is for signed-in users; the test reads it as the documentation would let it.
with override_settings(API_DOCS_PUBLIC=True):
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


@pytest.fixture
def seeded(municipality_a, manager) -> dict[str, int]:
    """Ids of real objects of the token owner's municipality, by parameter name."""
    consultant = factories.user("consultant", municipality_a)
    company = factories.company(municipality=municipality_a)
    workplace = factories.workplace(company, ordinary_employees=Decimal("50"))
    person = factories.contact_person(workplace)
    course = factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )
    placement = factories.placement(course, place=workplace, contact_person=person)
    free_course = factories.course(municipality_a, consultant=consultant)
    return {
        "case_id": course.pk,
        "citizen_id": free_course.citizen_id,
        "caseworker_id": course.caseworker_id,
        "consultant_id": consultant.pk,
        "company_id": company.pk,
        "workplace_id": workplace.pk,
        "contact_person_id": person.pk,
        "placement_id": placement.pk,
        "meeting_id": placement.conversations.first().pk,
        "homework_id": factories.homework(course).pk,
    }


def use_seeded_ids(case, seeded: dict[str, int]) -> None:
    """Swap generated ids for real ones when the generated value is even (deterministic);
    requests meant to be invalid stay as generated."""
    if case.meta is not None and not case.meta.generation.mode.is_positive:
        return
    for container in (case.path_parameters, case.query, case.body):
        if not isinstance(container, dict):
            continue
        for name, value in container.items():
            if name in seeded and type(value) is int and value % 2 == 0:  # not bools
                container[name] = seeded[name]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, token, seeded):
    use_seeded_ids(case, seeded)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
    )
