"""Calendar months back from a day: how retention periods in months are counted."""

import calendar
from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` months earlier; the month's last day when
    that month is shorter (31 March minus one month is 28 or 29 February)."""
    if months < 0:
        raise ValueError("months must not be negative")
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
