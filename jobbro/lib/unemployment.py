"""Long-term unemployment: unemployed at least 80 % of the last 52 weeks.

The jobcenter's usual working definition (STAR's "langtidsledig": ledig i mindst 80 %
af det seneste år). Periods are (start, end) with end None while still unemployed;
when only "unemployed since" is known it is one open period.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

WINDOW_DAYS = 52 * 7
LONG_TERM_SHARE = 0.8

Period = tuple[date, date | None]


def unemployed_days(periods: Iterable[Period], *, today: date) -> int:
    """Days unemployed within the 52 weeks ending today (today included), overlaps merged."""
    window_start = today - timedelta(days=WINDOW_DAYS - 1)
    covered: set[int] = set()
    for start, end in periods:
        first = max(start, window_start)
        last = min(end or today, today)
        if first > last:
            continue
        covered.update(range(first.toordinal(), last.toordinal() + 1))
    return len(covered)


def is_long_term_unemployed(
    periods: Iterable[Period], *, unemployed_since: date | None = None, today: date
) -> bool:
    """True when unemployed ≥ 80 % of the last 52 weeks; periods win over a bare start date."""
    periods = list(periods)
    if not periods and unemployed_since is not None:
        periods = [(unemployed_since, None)]
    return unemployed_days(periods, today=today) >= LONG_TERM_SHARE * WINDOW_DAYS
