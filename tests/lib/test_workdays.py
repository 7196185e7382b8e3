"""Tests for jobbro.lib.workdays."""

from datetime import date

import pytest

from jobbro.lib import workdays
from jobbro.lib.workdays import (
    CLOSED_DAYS,
    add_working_days,
    danish_holidays,
    easter_sunday,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_day_in_week,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),  # earliest possible date
        (1943, date(1943, 4, 25)),  # latest possible date
    ],
)
def test_easter_sunday(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_holidays_2025() -> None:
    assert danish_holidays(2025) == {
        date(2025, 1, 1): "Nytårsdag",
        date(2025, 4, 17): "Skærtorsdag",
        date(2025, 4, 18): "Langfredag",
        date(2025, 4, 20): "Påskedag",
        date(2025, 4, 21): "2. påskedag",
        date(2025, 5, 29): "Kristi himmelfartsdag",
        date(2025, 6, 5): "Grundlovsdag",
        date(2025, 6, 8): "Pinsedag",
        date(2025, 6, 9): "2. pinsedag",
        date(2025, 12, 24): "Juleaftensdag",
        date(2025, 12, 25): "Juledag",
        date(2025, 12, 26): "2. juledag",
        date(2025, 12, 31): "Nytårsaftensdag",
    }


def test_customary_days_can_be_left_out() -> None:
    legal = danish_holidays(2025, include_customary=False)
    assert len(legal) == 10
    for month, day, _name in CLOSED_DAYS:
        assert date(2025, month, day) not in legal
    assert is_working_day(date(2025, 12, 24), include_customary=False)
    assert not is_working_day(date(2025, 12, 24))


def test_great_prayer_day_until_2023() -> None:
    assert danish_holidays(2023)[date(2023, 5, 5)] == "Store bededag"
    assert not is_working_day(date(2023, 5, 5))


def test_great_prayer_day_abolished_from_2024() -> None:
    # Easter 2024 + 26 days = Friday 26 April 2024, now an ordinary working day.
    assert "Store bededag" not in danish_holidays(2024).values()
    assert is_working_day(date(2024, 4, 26))


def test_legal_holiday_name_wins_over_customary_day() -> None:
    # Easter 2017 was 16 April, so 2. pinsedag fell on Grundlovsdag, 5 June.
    assert danish_holidays(2017)[date(2017, 6, 5)] == "2. pinsedag"


def test_returned_dict_is_a_copy_of_the_cache() -> None:
    danish_holidays(2025).clear()
    assert date(2025, 12, 25) in danish_holidays(2025)


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(date(2025, 4, 11))  # Friday
    assert not is_working_day(date(2025, 4, 12))  # Saturday
    assert not is_working_day(date(2025, 4, 13))  # Sunday


def test_next_and_previous_working_day() -> None:
    assert next_working_day(date(2025, 4, 14)) == date(2025, 4, 14)
    assert next_working_day(date(2025, 4, 17)) == date(2025, 4, 22)
    assert previous_working_day(date(2025, 4, 21)) == date(2025, 4, 16)
    # Across the turn of the year: 24-26 Dec, weekend, then Monday 29 Dec.
    assert next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)
    assert previous_working_day(date(2026, 1, 1)) == date(2025, 12, 30)


def test_add_working_days_over_weekend() -> None:
    assert add_working_days(date(2025, 4, 11), 1) == date(2025, 4, 14)  # Fri -> Mon
    assert add_working_days(date(2025, 4, 12), 1) == date(2025, 4, 14)  # Sat -> Mon


def test_add_working_days_over_easter() -> None:
    # Wed 16 April 2025 + 1: Thu-Mon are holidays or weekend -> Tue 22 April.
    assert add_working_days(date(2025, 4, 16), 1) == date(2025, 4, 22)
    # Fri 11 April + 5: 14, 15, 16, 22, 23 April.
    assert add_working_days(date(2025, 4, 11), 5) == date(2025, 4, 23)


def test_add_working_days_backwards_and_zero() -> None:
    assert add_working_days(date(2025, 4, 22), -1) == date(2025, 4, 16)
    assert add_working_days(date(2025, 4, 14), -1) == date(2025, 4, 11)
    assert add_working_days(date(2025, 4, 12), 0) == date(2025, 4, 12)


def test_working_day_in_ordinary_week() -> None:
    # Any day of the week may be given; the ISO week Mon 5 - Sun 11 May 2025 is used.
    assert working_day_in_week(date(2025, 5, 8), 1) == date(2025, 5, 6)


def test_working_day_in_easter_week() -> None:
    # Week Mon 14 - Sun 20 April 2025: Thursday and Friday are holidays,
    # so Thursday falls back to the nearest earlier working day, Wednesday.
    assert working_day_in_week(date(2025, 4, 14), 3) == date(2025, 4, 16)
    assert working_day_in_week(date(2025, 4, 14), 2) == date(2025, 4, 16)
    # Week after: 2. påskedag on Monday moves to Tuesday (later day preferred).
    assert working_day_in_week(date(2025, 4, 21), 0) == date(2025, 4, 22)


def test_working_day_in_christmas_week() -> None:
    # Week Mon 22 - Sun 28 Dec 2025: 24, 25 and 26 closed -> Tuesday 23.
    assert working_day_in_week(date(2025, 12, 22), 2) == date(2025, 12, 23)
    assert working_day_in_week(date(2025, 12, 22), 4) == date(2025, 12, 23)
    # Without customary closing days, Christmas Eve is a working day.
    assert working_day_in_week(date(2025, 12, 22), 2, include_customary=False) == date(2025, 12, 24)


def test_working_day_in_new_year_week_crosses_year() -> None:
    # Week Mon 29 Dec 2025 - Sun 4 Jan 2026: 31 Dec and 1 Jan closed -> Fri 2 Jan.
    assert working_day_in_week(date(2025, 12, 29), 2) == date(2026, 1, 2)


def test_working_day_in_week_with_no_working_days(monkeypatch: pytest.MonkeyPatch) -> None:
    # No real Danish week is entirely closed, so simulate one.
    monkeypatch.setattr(workdays, "is_working_day", lambda d, include_customary=True: False)
    assert working_day_in_week(date(2025, 4, 14), 0) is None


@pytest.mark.parametrize("weekday", [-1, 7])
def test_working_day_in_week_refuses_bad_weekday(weekday: int) -> None:
    with pytest.raises(ValueError, match="preferred_weekday"):
        working_day_in_week(date(2025, 4, 14), weekday)
