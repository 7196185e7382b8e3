"""Tests for jobbro.lib.capacity."""

from decimal import Decimal

import pytest

from jobbro.lib.capacity import (
    CapacityExceeded,
    CapacityStatus,
    allowed_supported,
    capacity_status,
    check_new_placement,
)


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        (0, 1),
        (4, 1),
        (5, 1),
        (6, 1),
        (9, 1),
        (10, 2),
        (49, 9),
        (50, 10),
        (51, 10),
        (59, 10),
        (60, 11),
        (61, 11),
        (70, 12),
        (150, 20),
    ],
)
def test_allowed_supported(employees: int, expected: int) -> None:
    assert allowed_supported(employees) == expected


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        (9.9, 1),
        (Decimal("9.99"), 1),
        (12.5, 2),
        (Decimal("14.9"), 2),
        (15.0, 3),
        (Decimal("59.9"), 10),
        (60.0, 11),
    ],
)
def test_fractional_full_time_equivalents(employees: Decimal | float, expected: int) -> None:
    assert allowed_supported(employees) == expected


@pytest.mark.parametrize("employees", [-1, -0.5, Decimal("-0.01")])
def test_negative_employees_refused(employees: Decimal | float) -> None:
    with pytest.raises(ValueError, match="negativt"):
        allowed_supported(employees)


@pytest.mark.parametrize("employees", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_employees_refused(employees: Decimal | float) -> None:
    with pytest.raises(ValueError, match="endeligt tal"):
        allowed_supported(employees)


def test_status_properties() -> None:
    status = capacity_status(50, used=3)
    assert status == CapacityStatus(allowed=10, used=3, other_schemes=0)
    assert status.total_used == 3
    assert status.free == 7
    assert not status.is_full
    assert str(status) == "3 / 10"


def test_other_schemes_are_counted() -> None:
    status = capacity_status(10, used=1, other_schemes=1)
    assert status.total_used == 2
    assert status.free == 0
    assert status.is_full
    assert str(status) == "2 / 2"


def test_free_is_never_negative() -> None:
    # E.g. the workplace has shrunk since the placements were made.
    status = capacity_status(4, used=2, other_schemes=1)
    assert status.free == 0
    assert status.is_full


def test_status_is_frozen() -> None:
    status = capacity_status(10, used=0)
    with pytest.raises(AttributeError):
        status.used = 5  # type: ignore[misc]


def test_negative_used_refused() -> None:
    with pytest.raises(ValueError, match="negativt"):
        capacity_status(10, used=-1)
    with pytest.raises(ValueError, match="negativt"):
        capacity_status(10, used=0, other_schemes=-1)


def test_new_placement_allowed_when_free() -> None:
    check_new_placement(capacity_status(0, used=0))
    check_new_placement(capacity_status(61, used=5, other_schemes=5))


def test_new_placement_refused_when_full() -> None:
    status = capacity_status(6, used=0, other_schemes=1)
    with pytest.raises(CapacityExceeded) as excinfo:
        check_new_placement(status)
    assert str(excinfo.value) == (
        "Arbejdsstedet har ikke flere pladser: 1 af 1 plads er i brug (rimelighedskravet, "
        "BEK 2636/2021 § 65: 1 person pr. 5 ordinære ansatte op til 50, dog mindst 1, "
        "plus 1 pr. 10 ud over 50)."
    )


def test_refusal_message_names_counts_and_rule() -> None:
    with pytest.raises(CapacityExceeded) as excinfo:
        check_new_placement(capacity_status(12.5, used=2))
    message = str(excinfo.value)
    assert message.startswith("Arbejdsstedet har ikke flere pladser: 2 af 2 pladser er i brug")
    assert "BEK 2636/2021 § 65" in message


def test_capacity_exceeded_is_value_error() -> None:
    assert issubclass(CapacityExceeded, ValueError)
