"""The conversation plan: start, midway, final and weekly feedback on working days."""

from datetime import date

import pytest

from jobbro.lib.schedule import (
    FINAL,
    MIDWAY,
    START,
    WEEKLY_FEEDBACK,
    days_added,
    end_date,
    middle_week,
    plan_meetings,
)
from jobbro.lib.workdays import is_working_day


def of_kind(plan, kind):
    return [m.date for m in plan if m.kind == kind]


def test_eight_weeks_from_a_monday():
    plan = plan_meetings(date(2026, 9, 7), 8)  # Monday, no holidays in the period
    assert of_kind(plan, START) == [date(2026, 9, 7)]
    assert of_kind(plan, MIDWAY) == [date(2026, 9, 28)]  # Monday of week 4
    assert of_kind(plan, FINAL) == [date(2026, 10, 30)]  # Friday of week 8
    assert of_kind(plan, WEEKLY_FEEDBACK) == [
        date(2026, 9, 11),
        date(2026, 9, 18),
        date(2026, 9, 25),
        date(2026, 10, 2),
        date(2026, 10, 9),
        date(2026, 10, 16),
        date(2026, 10, 23),
        date(2026, 10, 30),
    ]
    assert end_date(date(2026, 9, 7), 8) == date(2026, 11, 1)


def test_eight_weeks_from_a_wednesday_keeps_weeks_wednesday_to_tuesday():
    plan = plan_meetings(date(2026, 9, 9), 8)
    assert of_kind(plan, START) == [date(2026, 9, 9)]
    assert of_kind(plan, MIDWAY) == [date(2026, 9, 30)]  # Wednesday of week 4
    assert of_kind(plan, WEEKLY_FEEDBACK)[0] == date(2026, 9, 15)  # Tuesday
    assert of_kind(plan, FINAL) == [date(2026, 11, 3)]  # Tuesday, last day


def test_a_start_the_day_before_a_public_holiday():
    # Wednesday 13 May 2026; Thursday 14 May is Kristi himmelfartsdag.
    plan = plan_meetings(date(2026, 5, 13), 8)
    assert of_kind(plan, START) == [date(2026, 5, 13)]
    # Week 1 is Wed 13 – Tue 19 May; its last working day is Tuesday 19 May.
    assert of_kind(plan, WEEKLY_FEEDBACK)[0] == date(2026, 5, 19)
    # Week 2 ends Tue 26 May; Whit Monday 25 May is skipped but Tuesday works.
    assert of_kind(plan, WEEKLY_FEEDBACK)[1] == date(2026, 5, 26)


def test_meetings_never_land_on_non_working_days():
    for start in (date(2026, 3, 30), date(2026, 12, 14), date(2027, 3, 22)):
        for weeks in (4, 8, 13):
            assert all(is_working_day(m.date) for m in plan_meetings(start, weeks))


def test_a_week_ending_on_a_holiday_moves_feedback_earlier():
    # Start Friday 27 March 2026: week 1 ends Thursday 2 April = Skærtorsdag.
    plan = plan_meetings(date(2026, 3, 27), 4)
    assert of_kind(plan, WEEKLY_FEEDBACK)[0] == date(2026, 4, 1)
    # Week 2 (3–9 April) starts on Langfredag and Easter: the start of week 2's
    # working days is Tuesday 7 April; its last working day is Thursday 9 April.
    assert of_kind(plan, WEEKLY_FEEDBACK)[1] == date(2026, 4, 9)


@pytest.mark.parametrize(("weeks", "middle"), [(4, 2), (8, 4), (13, 7)])
def test_lengths_4_8_and_13_weeks(weeks, middle):
    start = date(2026, 9, 7)
    plan = plan_meetings(start, weeks)
    assert len(of_kind(plan, WEEKLY_FEEDBACK)) == weeks
    assert [m.week for m in plan if m.kind == MIDWAY] == [middle]
    assert middle_week(weeks) == middle
    assert of_kind(plan, FINAL) == [max(of_kind(plan, WEEKLY_FEEDBACK))]
    assert of_kind(plan, FINAL)[0] <= end_date(start, weeks)


def test_extending_and_shortening_move_the_final_conversation():
    start = date(2026, 9, 7)
    assert of_kind(plan_meetings(start, 10), FINAL) == [date(2026, 11, 13)]
    assert of_kind(plan_meetings(start, 6), FINAL) == [date(2026, 10, 16)]
    assert of_kind(plan_meetings(start, 6), MIDWAY) == [date(2026, 9, 21)]


def test_short_placements_have_no_separate_midway():
    assert of_kind(plan_meetings(date(2026, 9, 7), 2), MIDWAY) == []


def test_zero_weeks_is_refused():
    with pytest.raises(ValueError):
        plan_meetings(date(2026, 9, 7), 0)


def test_the_plan_is_ordered_by_date():
    plan = plan_meetings(date(2026, 9, 9), 8)
    assert [m.date for m in plan] == sorted(m.date for m in plan)
    assert plan[0].kind == START
    assert plan[-1].kind == FINAL


OLD = (date(2026, 12, 7), date(2027, 1, 31))


@pytest.mark.parametrize(
    ("new", "added"),
    [
        (OLD, None),
        ((date(2026, 12, 7), date(2027, 1, 17)), None),  # shortened
        ((date(2026, 12, 14), date(2027, 1, 24)), None),  # moved later, ends earlier
        ((date(2026, 12, 7), date(2027, 2, 14)), (date(2027, 2, 1), date(2027, 2, 14))),
        ((date(2026, 12, 14), date(2027, 2, 7)), (date(2027, 2, 1), date(2027, 2, 7))),
        ((date(2027, 3, 1), date(2027, 4, 25)), (date(2027, 3, 1), date(2027, 4, 25))),
        ((date(2026, 11, 30), date(2027, 1, 24)), (date(2026, 11, 30), date(2026, 12, 6))),
        ((date(2026, 11, 30), date(2027, 2, 7)), (date(2026, 11, 30), date(2027, 2, 7))),
    ],
)
def test_days_added_are_the_new_period_outside_the_old(new, added):
    assert days_added(OLD, new) == added
