"""Shared personas: who is who in the tests.

Municipality A is Aarhus (751), B is Skanderborg (746). Everybody in B is an
outsider to A's data and must see nothing of it.
"""

from datetime import date, datetime, time

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from jobbro.lib import clock as jobbro_clock
from jobbro.municipalities.data import load_reference_data
from jobbro.municipalities.models import Municipality, PostalArea
from jobbro.setup.services import municipality_provision
from tests import factories


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush every table, the municipalities with them: reload."""
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        (marker := request.node.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
    ):
        request.getfixturevalue("transactional_db")
        load_reference_data(Municipality, PostalArea)
        municipality_provision()


@pytest.fixture(autouse=True)
def _danish_between_tests():
    """Every request activates its language and leaves it on the thread (the API's is
    English), so a test calling services directly after one would read English refusals.
    Each test starts in Danish, as a fresh request would without the English switch."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    """The matching index lives per process; every test starts from its own database."""
    from jobbro.matching import cache

    cache.clear()
    yield
    cache.clear()


class PinnedClock:
    """Jobbro's clock (jobbro.lib.clock) at a moment the test chooses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch

    def set(self, moment: date | datetime) -> None:
        """A date means noon that day (Danish time); a naive datetime is Danish time."""
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(12))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=jobbro_clock.ZONE)
        self._monkeypatch.setattr(jobbro_clock, "_pinned", jobbro_clock.local(moment))


@pytest.fixture
def clock(monkeypatch):
    """The one place tests pin the clock: ``clock.set(date(2026, 3, 2))``."""
    return PinnedClock(monkeypatch)


@pytest.fixture
def municipality_a(db):
    return factories.municipality(751)


@pytest.fixture
def municipality_b(db):
    return factories.municipality(746)


@pytest.fixture
def caseworker(municipality_a):
    return factories.user("caseworker", municipality_a, username="cw.a")


@pytest.fixture
def consultant(municipality_a):
    return factories.user("consultant", municipality_a, username="vk.a")


@pytest.fixture
def manager(municipality_a):
    return factories.user("manager", municipality_a, username="leder.a")


@pytest.fixture
def admin_user(municipality_a):
    return factories.user("admin", municipality_a, username="admin.a")


@pytest.fixture
def evaluator(db):
    return factories.user("evaluator", None, username="evaluator")


@pytest.fixture
def contact_person_user(db):
    workplace = factories.workplace()
    return factories.contact_person_user(workplace, username="jkp")


@pytest.fixture
def citizen_user(municipality_a):
    citizen = factories.citizen(municipality_a)
    return factories.citizen_user(citizen, username="borger")


@pytest.fixture
def outsider(municipality_b):
    """A caseworker in municipality B."""
    return factories.user("caseworker", municipality_b, username="cw.b")


@pytest.fixture
def personas(
    caseworker, consultant, manager, admin_user, evaluator, contact_person_user, citizen_user
):
    return {
        "caseworker": caseworker,
        "consultant": consultant,
        "manager": manager,
        "admin": admin_user,
        "evaluator": evaluator,
        "contact_person": contact_person_user,
        "citizen": citizen_user,
    }


def login(user) -> Client:
    """A client signed in as ``user``, as the sign-in pages leave it: for everybody who
    signs in with a password, that includes having passed the second factor (the pages
    themselves are tested in tests/accounts/)."""
    client = Client()
    client.force_login(user)
    if user.needs_second_factor:
        from jobbro.accounts.mfa import SESSION_KEY

        session = client.session
        session[SESSION_KEY] = {"user": str(user.pk), "method": "totp"}
        session.save()
    return client


@pytest.fixture
def client_for():
    return login
