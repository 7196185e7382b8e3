from datetime import date

import pytest

from jobbro.lib.months import months_before


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2031, 6, 15), 60, date(2026, 6, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 10), 1, date(2025, 12, 10)),
        (date(2026, 1, 10), 0, date(2026, 1, 10)),
        (date(2026, 12, 31), 13, date(2025, 11, 30)),
    ],
)
def test_it_counts_calendar_months_back(day, months, expected):
    assert months_before(day, months) == expected


def test_it_refuses_negative_months():
    with pytest.raises(ValueError, match="negative"):
        months_before(date(2026, 1, 1), -1)
