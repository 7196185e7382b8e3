"""The conversation plan of an internship: computed from its start and length.

A placement of N weeks runs from its start date to start + 7·N − 1 days. Week k is
the 7-day window starting start + 7·(k − 1). In it:

* the start conversation (opstart) is on the first working day of week 1;
* the midway conversation (midtvejs) is on the first working day of the middle week
  (week ⌈N/2⌉: week 4 of 8, week 7 of 13), so half the internship lies behind it;
* the final conversation (afslutning) is on the last working day of the last week,
  when the whole internship can be evaluated;
* a weekly feedback meeting (ugentligt feedbackmøde) is on the last working day of
  every week, so it looks back on a whole week.

Working days exclude weekends, Danish public holidays and the customary closing days
(see workdays.py). A week with no working day at all gets no meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jobbro.lib.workdays import is_working_day

START = "start"
MIDWAY = "midway"
FINAL = "final"
WEEKLY_FEEDBACK = "weekly_feedback"


@dataclass(frozen=True, order=True)
class PlannedMeeting:
    date: date
    kind: str
    week: int


def end_date(start: date, weeks: int) -> date:
    return start + timedelta(days=7 * weeks - 1)


def days_added(old: tuple[date, date], new: tuple[date, date]) -> tuple[date, date] | None:
    """The days of period ``new`` outside period ``old`` (both (first, last), inclusive)
    as one span, or None when ``new`` lies within ``old`` (shortened).

    A period moved earlier and made longer gains days at both ends; the span is then
    all of ``new``, the old days between included.
    """
    (old_start, old_end), (new_start, new_end) = old, new
    if old_start <= new_start and new_end <= old_end:
        return None
    one_day = timedelta(days=1)
    first = new_start if new_start < old_start else max(new_start, old_end + one_day)
    last = new_end if new_end > old_end else min(new_end, old_start - one_day)
    return first, last


def week_window(start: date, week: int) -> list[date]:
    first = start + timedelta(days=7 * (week - 1))
    return [first + timedelta(days=offset) for offset in range(7)]


def first_working_day(days: list[date]) -> date | None:
    return next((day for day in days if is_working_day(day)), None)


def last_working_day(days: list[date]) -> date | None:
    return first_working_day(list(reversed(days)))


def middle_week(weeks: int) -> int:
    return (weeks + 1) // 2


def plan_meetings(start: date, weeks: int) -> list[PlannedMeeting]:
    """Every conversation of a placement, ordered by date (then kind)."""
    if weeks < 1:
        raise ValueError("A placement lasts at least one week.")
    plan: list[PlannedMeeting] = []

    def add(kind: str, week: int, day: date | None) -> None:
        if day is not None:
            plan.append(PlannedMeeting(day, kind, week))

    add(START, 1, first_working_day(week_window(start, 1)))
    if weeks >= 3:
        # A midway conversation in a one- or two-week placement would fall on top of
        # the start or final conversation; it only makes sense from three weeks.
        week = middle_week(weeks)
        add(MIDWAY, week, first_working_day(week_window(start, week)))
    add(FINAL, weeks, last_working_day(week_window(start, weeks)))
    for week in range(1, weeks + 1):
        add(WEEKLY_FEEDBACK, week, last_working_day(week_window(start, week)))
    return sorted(plan, key=lambda m: (m.date, _KIND_ORDER[m.kind]))


_KIND_ORDER = {START: 0, MIDWAY: 1, WEEKLY_FEEDBACK: 2, FINAL: 3}
