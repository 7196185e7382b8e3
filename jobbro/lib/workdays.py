"""Danish public holidays, customary closing days and working-day arithmetic."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

# Store bededag was abolished as a public holiday from 1 January 2024 by the act
# on the consequences of abolishing store bededag (Folketinget's bill L 13,
# adopted 28 February 2023, promulgated 1 March 2023).
LAST_YEAR_WITH_GREAT_PRAYER_DAY = 2023

# (month, day, Danish name). These are NOT public holidays by law (helligdage),
# but jobcentres and most workplaces are closed, so by default they count as
# non-working days. Pass include_customary=False for the strict legal calendar.
CLOSED_DAYS: tuple[tuple[int, int, str], ...] = (
    (6, 5, "Grundlovsdag"),
    (12, 24, "Juleaftensdag"),
    (12, 31, "Nytårsaftensdag"),
)

# Offsets in days from Easter Sunday for the movable feasts.
_EASTER_OFFSETS: tuple[tuple[int, str], ...] = (
    (-3, "Skærtorsdag"),
    (-2, "Langfredag"),
    (0, "Påskedag"),
    (1, "2. påskedag"),
    (39, "Kristi himmelfartsdag"),
    (49, "Pinsedag"),
    (50, "2. pinsedag"),
)
_GREAT_PRAYER_DAY_OFFSET = 26  # 4th Friday after Easter Sunday


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def _holidays(year: int, include_customary: bool) -> Mapping[date, str]:
    # Read-only view because the cached object is shared between all callers.
    easter = easter_sunday(year)
    days: dict[date, str] = {date(year, 1, 1): "Nytårsdag"}
    for offset, name in _EASTER_OFFSETS:
        days[easter + timedelta(days=offset)] = name
    if year <= LAST_YEAR_WITH_GREAT_PRAYER_DAY:
        days[easter + timedelta(days=_GREAT_PRAYER_DAY_OFFSET)] = "Store bededag"
    days[date(year, 12, 25)] = "Juledag"
    days[date(year, 12, 26)] = "2. juledag"
    if include_customary:
        for month, day, name in CLOSED_DAYS:
            # A legal holiday keeps its name, e.g. 2. pinsedag on 5 June 2017.
            days.setdefault(date(year, month, day), name)
    return MappingProxyType(dict(sorted(days.items())))


def danish_holidays(year: int, include_customary: bool = True) -> dict[date, str]:
    """Holidays (and by default customary closing days) of a year, date -> Danish name."""
    return dict(_holidays(year, include_customary))


def is_working_day(d: date, include_customary: bool = True) -> bool:
    """Monday-Friday and neither a holiday nor (by default) a customary closing day."""
    return d.weekday() < 5 and d not in _holidays(d.year, include_customary)


def next_working_day(d: date, include_customary: bool = True) -> date:
    """d itself if it is a working day, else the first working day after it."""
    while not is_working_day(d, include_customary):
        d += timedelta(days=1)
    return d


def previous_working_day(d: date, include_customary: bool = True) -> date:
    """d itself if it is a working day, else the last working day before it."""
    while not is_working_day(d, include_customary):
        d -= timedelta(days=1)
    return d


def add_working_days(d: date, n: int, include_customary: bool = True) -> date:
    """Move n working days forward (n < 0: backward), not counting d itself.

    n == 0 returns d unchanged, even if d is not a working day. From a
    non-working day, n == 1 gives the first working day after it.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d, include_customary):
            remaining -= 1
    return d


def working_day_in_week(
    week_start: date, preferred_weekday: int, include_customary: bool = True
) -> date | None:
    """The preferred weekday (0 = Monday) of the ISO week containing week_start.

    If that day is closed: the nearest later working day in the same week,
    else the nearest earlier one, else None (the whole week is closed).
    """
    if not 0 <= preferred_weekday <= 6:
        raise ValueError("preferred_weekday skal være 0 (mandag) til 6 (søndag).")
    monday = week_start - timedelta(days=week_start.weekday())
    week = [monday + timedelta(days=i) for i in range(7)]
    later = week[preferred_weekday:]
    earlier = reversed(week[:preferred_weekday])
    for candidate in (*later, *earlier):
        if is_working_day(candidate, include_customary):
            return candidate
    return None
