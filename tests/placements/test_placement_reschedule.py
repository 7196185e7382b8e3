"""placement_reschedule and the capacity rule (BEK 2636/2021 § 65): days a placement
gains by being extended or moved are checked like a new placement's; shortening is not."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jobbro.companies.models import CapacityOverride
from jobbro.errors import Conflict, StaleVersion
from jobbro.placements import services
from tests import factories

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 12, 7)  # 8 weeks: 7 Dec 2026 – 31 Jan 2027
FEBRUARY = date(2027, 2, 1)


@pytest.fixture
def place():
    return factories.workplace(ordinary_employees=Decimal("4"))  # room for 1


@pytest.fixture
def mine(municipality_a, consultant, place):
    course = factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )
    return factories.placement(course, place=place, start_on=MONDAY)


def another(place, municipality, **fields):
    course = factories.course(
        municipality,
        phase="matching",
        consultant=factories.user("consultant", municipality),
        consent_to_share=True,
    )
    return factories.placement(course, place=place, **fields)


@pytest.fixture
def february_taken(place, municipality_a):
    """The one place is someone else's from 1 February, right after ``mine`` ends."""
    return another(place, municipality_a, start_on=FEBRUARY, weeks=4)


def reschedule(placement, by, **fields):
    fields.setdefault("start_on", placement.start_on)
    fields.setdefault("weeks", placement.weeks)
    return services.placement_reschedule(
        by=by,
        placement=placement,
        version=fields.pop("version", placement.version),
        reason=fields.pop("reason", "Borgeren har brug for mere tid"),
        **fields,
    )


def state(placement) -> tuple:
    """Everything a reschedule changes."""
    placement.refresh_from_db()
    conversations = placement.conversations.order_by("kind", "week", "id")
    return (
        (placement.start_on, placement.weeks, placement.end_on, placement.extended),
        placement.version,
        list(conversations.values_list("kind", "week", "planned_on", "status")),
        placement.course.events.count(),
        CapacityOverride.objects.count(),
    )


def test_extending_into_a_full_period_is_refused_and_nothing_changes(
    mine, consultant, february_taken
):
    before = state(mine)
    with pytest.raises(Conflict) as refusal:
        reschedule(mine, consultant, weeks=9)
    assert "1 af 1 plads er i brug" in refusal.value.message_dict["weeks"][0]
    assert "rimelighedskravet, BEK 2636/2021 § 65" in refusal.value.message_dict["weeks"][0]
    assert state(mine) == before


def test_moving_the_start_into_a_full_period_is_refused_at_the_start_date(
    mine, consultant, february_taken
):
    before = state(mine)
    with pytest.raises(Conflict) as refusal:
        reschedule(mine, consultant, start_on=date(2026, 12, 14))
    assert "BEK 2636/2021 § 65" in refusal.value.message_dict["start_on"][0]
    assert state(mine) == before


def test_another_municipalitys_placement_counts_too(mine, consultant, place, municipality_b):
    another(place, municipality_b, start_on=FEBRUARY, weeks=4)
    with pytest.raises(Conflict):
        reschedule(mine, consultant, weeks=10)


def test_shortening_is_always_allowed(mine, consultant, place):
    place.other_schemes_count = 3  # now far over the limit
    place.save()
    reschedule(mine, consultant, weeks=6)
    mine.refresh_from_db()
    assert (mine.weeks, mine.end_on) == (6, date(2027, 1, 17))


def test_the_placement_does_not_count_against_itself(mine, consultant):
    reschedule(mine, consultant, weeks=10)
    # Earlier and longer: the new days surround the old ones, so its own old period is
    # part of what is checked.
    reschedule(mine, consultant, start_on=date(2026, 11, 30), weeks=12)
    mine.refresh_from_db()
    assert (mine.start_on, mine.weeks, mine.extended) == (date(2026, 11, 30), 12, True)
    assert not CapacityOverride.objects.exists()


def test_days_already_agreed_are_not_checked_again(
    mine, consultant, manager, place, municipality_a
):
    # A manager let someone else in during January; February is free again.
    another(
        place,
        municipality_a,
        by=manager,
        start_on=date(2027, 1, 4),
        weeks=4,
        override_reason="Sæsonarbejde, aftalt med TR",
    )
    reschedule(mine, consultant, weeks=10)
    mine.refresh_from_db()
    assert mine.end_on == date(2027, 2, 14)


def test_a_manager_may_extend_into_a_full_period_with_a_logged_reason(
    mine, manager, february_taken
):
    reschedule(mine, manager, weeks=10, override_reason="Truckcertifikat i uge 9 og 10")
    mine.refresh_from_db()
    assert (mine.weeks, mine.end_on) == (10, date(2027, 2, 14))
    override = CapacityOverride.objects.get()
    assert (override.placement_id, override.manager, override.reason) == (
        mine.pk,
        manager,
        "Truckcertifikat i uge 9 og 10",
    )
    # The period logged is the days the extension added.
    assert (override.period_start, override.period_end) == (FEBRUARY, date(2027, 2, 14))
    assert (override.allowed, override.used) == (1, 1)


def test_a_non_manager_cannot_override(mine, consultant, february_taken):
    before = state(mine)
    with pytest.raises(PermissionDenied):
        reschedule(mine, consultant, weeks=10, override_reason="Travlt")
    assert state(mine) == before


def test_a_stale_version_keeps_no_override(mine, manager, february_taken):
    with pytest.raises(StaleVersion):
        reschedule(mine, manager, weeks=10, version=mine.version - 1, override_reason="Aftalt")
    assert not CapacityOverride.objects.exists()
