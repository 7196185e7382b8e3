"""Jobbro's one clock: what day and moment it is in Denmark.

Deadlines, working days and "today" in the law are Danish days, so the clock is
Europe/Copenhagen whatever time zone the server runs in. Every service, view and command
asks this module (``clock.today()``, ``clock.now()``); tests pin it in one place, the
``clock`` fixture in tests/conftest.py, which sets ``_pinned``.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Copenhagen")

# Set only by tests (through the ``clock`` fixture): the moment the clock shows.
_pinned: datetime | None = None


def now() -> datetime:
    """The current moment, time-zone aware, in Danish local time."""
    if _pinned is not None:
        return _pinned
    return datetime.now(ZONE)


def today() -> date:
    """Today's date in Denmark."""
    return now().date()


def local(moment: datetime) -> datetime:
    """An aware moment in Danish local time (for dates and hours of stored timestamps)."""
    return moment.astimezone(ZONE)
