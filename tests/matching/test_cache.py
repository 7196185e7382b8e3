"""The per-process index is reused until MATCHING_INDEX_SECONDS or the day passes."""

from datetime import date

import pytest

from jobbro.matching import cache
from tests import factories

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: now[0])
    return now


def test_the_index_is_reused_until_it_is_too_old(settings, clock):
    settings.MATCHING_INDEX_SECONDS = 300
    factories.workplace()
    first = cache.workplace_index(TODAY)
    factories.workplace()
    clock[0] += 299
    assert cache.workplace_index(TODAY) is first
    clock[0] += 2
    rebuilt = cache.workplace_index(TODAY)
    assert rebuilt is not first and len(rebuilt) == 2


def test_a_new_day_rebuilds_it(settings, clock):
    settings.MATCHING_INDEX_SECONDS = 300
    first = cache.workplace_index(TODAY)
    assert cache.workplace_index(date(2026, 12, 1)) is not first


def test_zero_seconds_rebuilds_every_time(settings, clock):
    settings.MATCHING_INDEX_SECONDS = 0
    assert cache.workplace_index(TODAY) is not cache.workplace_index(TODAY)


def test_agreements_are_cached_per_municipality(settings, clock, municipality_a, municipality_b):
    place = factories.workplace()
    factories.agreement(municipality_a, place)
    assert cache.agreements(municipality_a.pk, TODAY) == {place.pk}
    assert cache.agreements(municipality_b.pk, TODAY) == frozenset()
