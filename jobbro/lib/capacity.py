"""The rimelighedskrav: how many supported persons a workplace (P-number) may take."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

RULE_TEXT = (
    "rimelighedskravet, BEK 2636/2021 § 65: 1 person pr. 5 ordinære ansatte op til 50, "
    "dog mindst 1, plus 1 pr. 10 ud over 50"
)


class CapacityExceeded(ValueError):
    """A new placement would break the rimelighedskrav; Danish message."""


def _to_decimal(value: Decimal | float) -> Decimal:
    # FTEs are fractions of a full-time year (årsværk), BEK 2636/2021 § 65,
    # stk. 3, so exact decimal arithmetic is used. Floats go via str() so that
    # 9.9 is exactly 9.9 and not 9.8999...; ints (typed as float) are exact.
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError("Antallet af ordinære ansatte skal være et endeligt tal.")
    return number


def allowed_supported(ordinary_employees: Decimal | float) -> int:
    """Maximum number of persons in praktik, løntilskud and nytteindsats together.

    BEK 2636/2021 § 65, stk. 1: "1 person for hver 5 ordinært ansatte, hvis
    virksomheden har 0-50 ansatte, dog altid 1 person, og herudover 1 person for
    hver 10 ordinært ansatte". Read as: the first 50 FTEs give 1 per whole 5
    (at least 1), FTEs beyond 50 give 1 per whole 10:
        max(1, floor(min(E, 50) / 5)) + floor(max(E - 50, 0) / 10)
    so 9.9 -> 1, 10 -> 2, 50 -> 10, 59.9 -> 10, 60 -> 11.
    """
    employees = _to_decimal(ordinary_employees)
    if employees < 0:
        raise ValueError("Antallet af ordinære ansatte kan ikke være negativt.")
    # Decimal // truncates towards zero, which is floor for non-negative numbers.
    first_band = max(1, int(min(employees, Decimal(50)) // 5))
    second_band = int(max(employees - 50, Decimal(0)) // 10)
    return first_band + second_band


@dataclass(frozen=True)
class CapacityStatus:
    """Places at one workplace: allowed, used by Jobbro, used by other schemes."""

    allowed: int
    used: int
    # § 65, stk. 2 counts everyone under LAB kap. 11-13, kap. 5 of the
    # handicap compensation act and integrationsloven § 23 b, also when the
    # placement is not managed in Jobbro. Stk. 2 counts them as fractions of
    # full-time; whole persons are a (stricter) simplification.
    other_schemes: int

    @property
    def total_used(self) -> int:
        return self.used + self.other_schemes

    @property
    def free(self) -> int:
        # Never negative: a workplace can already be over the limit (e.g. after
        # a drop in staff), which just means no free places.
        return max(0, self.allowed - self.total_used)

    @property
    def is_full(self) -> bool:
        return self.total_used >= self.allowed

    def __str__(self) -> str:
        return f"{self.total_used} / {self.allowed}"


def capacity_status(
    ordinary_employees: Decimal | float, used: int, other_schemes: int = 0
) -> CapacityStatus:
    """Capacity of a workplace with the given FTEs and places already in use."""
    if used < 0 or other_schemes < 0:
        raise ValueError("Antallet af personer i brug kan ikke være negativt.")
    return CapacityStatus(
        allowed=allowed_supported(ordinary_employees), used=used, other_schemes=other_schemes
    )


def check_new_placement(status: CapacityStatus) -> None:
    """Raise CapacityExceeded if one more supported person would break § 65."""
    if not status.is_full:
        return
    places = "plads" if status.allowed == 1 else "pladser"
    raise CapacityExceeded(
        f"Arbejdsstedet har ikke flere pladser: {status.total_used} af {status.allowed} "
        f"{places} er i brug ({RULE_TEXT})."
    )
