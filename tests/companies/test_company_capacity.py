"""capacity_check and workplace_capacity: the rimelighedskrav (BEK 2636/2021 § 65)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.companies.models import CapacityOverride, Workplace
from jobbro.companies.services import capacity_check, workplace_capacity
from jobbro.lib.capacity import CapacityExceeded, allowed_supported
from tests import factories

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 1), date(2026, 10, 26)

# employees -> places allowed (max(1, E//5 up to 50) + (E-50)//10)
BOUNDARIES = [(0, 1), (4, 1), (5, 1), (6, 1), (50, 10), (51, 10), (60, 11), (61, 11)]


@pytest.mark.parametrize(("employees", "allowed"), BOUNDARIES)
def test_it_allows_exactly_the_rule_and_refuses_one_more(employees, allowed):
    place = factories.workplace(ordinary_employees=Decimal(employees))
    assert workplace_capacity(place, START, END).allowed == allowed
    place.other_schemes_count = allowed - 1
    place.save()
    assert capacity_check(place, START, END) is None  # the last free place
    place.other_schemes_count = allowed
    place.save()
    with pytest.raises(CapacityExceeded, match="rimelighedskravet, BEK 2636/2021 § 65"):
        capacity_check(place, START, END)


def test_it_counts_other_schemes():
    place = factories.workplace(ordinary_employees=Decimal(10), other_schemes_count=1)
    status = workplace_capacity(place, START, END)
    assert (status.allowed, status.other_schemes, status.total_used, status.free) == (2, 1, 1, 1)
    place.other_schemes_count = 2
    place.save()
    with pytest.raises(CapacityExceeded, match="2 af 2 pladser er i brug"):
        capacity_check(place, START, END)


def test_the_database_annotation_matches_the_pure_rule():
    values = ["0", "4", "4.9", "5", "9.9", "10", "49.9", "50", "51", "59.9", "60", "61", "500"]
    for value in values:
        factories.workplace(ordinary_employees=Decimal(value))
    rows = Workplace.objects.with_capacity(START, END).values_list(
        "ordinary_employees", "capacity_allowed"
    )
    assert len(rows) == len(values)
    assert all(a == allowed_supported(e) for e, a in rows)


def test_a_manager_override_with_a_reason_is_logged(manager):
    place = factories.workplace(ordinary_employees=Decimal(4), other_schemes_count=1)
    override = capacity_check(
        place, START, END, override_by=manager, reason="Borgeren har særlige behov"
    )
    assert override == CapacityOverride.objects.get()
    assert (override.manager, override.workplace, override.municipality_id) == (
        manager,
        place,
        manager.municipality_id,
    )
    assert (override.allowed, override.used, override.placement_id) == (1, 1, None)
    assert override.reason == "Borgeren har særlige behov"


def test_an_override_without_a_reason_is_refused_and_not_logged(manager):
    place = factories.workplace(ordinary_employees=Decimal(4), other_schemes_count=1)
    with pytest.raises(ValidationError, match="begrundelse"):
        capacity_check(place, START, END, override_by=manager, reason="   ")
    assert not CapacityOverride.objects.exists()


def test_only_a_manager_may_override(consultant):
    place = factories.workplace(ordinary_employees=Decimal(4), other_schemes_count=1)
    with pytest.raises(PermissionDenied):
        capacity_check(place, START, END, override_by=consultant, reason="Travlt")
    assert not CapacityOverride.objects.exists()


def test_no_override_is_logged_when_there_is_room(manager):
    place = factories.workplace(ordinary_employees=Decimal(12))
    assert capacity_check(place, START, END, override_by=manager, reason="x") is None
    assert not CapacityOverride.objects.exists()


def test_a_placement_can_be_left_out_of_the_count():
    place = factories.workplace(ordinary_employees=Decimal(4))  # room for 1
    placement = factories.placement(place=place, start_on=date(2026, 9, 7))
    assert workplace_capacity(place, START, END).used == 1
    mine = workplace_capacity(place, START, END, exclude_placement_id=placement.pk)
    assert (mine.used, mine.free) == (0, 1)
    assert capacity_check(place, START, END, exclude_placement_id=placement.pk) is None
    with pytest.raises(CapacityExceeded):
        capacity_check(place, START, END)
