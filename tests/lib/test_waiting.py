"""The waiting-time rule: next action and due date; the due day is still on time."""

from datetime import date, timedelta

import pytest

from jobbro.lib.waiting import (
    FIRST_COMPANY_CONTACT,
    FOLLOW_UP_CONTACT,
    PLACEMENT_START,
    Limits,
    next_due,
)

VISITED = date(2026, 11, 2)
DEFAULTS = Limits()


def due(phase="referred", first=None, last=None, started=VISITED, limits=DEFAULTS):
    return next_due(
        phase=phase,
        visitation_on=VISITED,
        phase_started_on=started,
        first_company_contact_on=first,
        last_contact_on=last,
        limits=limits,
    )


@pytest.mark.parametrize(("day", "overdue"), [(13, False), (14, False), (15, True)])
def test_first_company_contact_is_due_14_days_after_visitation(day, overdue):
    result = due()
    assert result.action == FIRST_COMPANY_CONTACT
    today = VISITED + timedelta(days=day)
    assert result.is_overdue(today) is overdue
    assert result.days_overdue(today) == (1 if overdue else 0)


@pytest.mark.parametrize(("day", "overdue"), [(14, False), (15, True)])
def test_follow_up_is_due_14_days_after_the_last_contact(day, overdue):
    last = date(2026, 11, 10)
    result = due("in_placement", first=date(2026, 11, 5), last=last, started=date(2026, 11, 8))
    assert (result.action, result.due_on) == (FOLLOW_UP_CONTACT, last + timedelta(14))
    assert result.is_overdue(last + timedelta(days=day)) is overdue


def test_follow_up_counts_from_placement_start_when_the_last_contact_was_before():
    result = due(
        "in_placement", first=date(2026, 11, 3), last=date(2026, 11, 3), started=date(2026, 11, 20)
    )
    assert result.due_on == date(2026, 12, 4)


@pytest.mark.parametrize(("day", "overdue"), [(21, False), (22, True)])
def test_placement_must_start_21_days_after_the_match(day, overdue):
    matched = date(2026, 11, 12)
    result = due("preparation", first=date(2026, 11, 5), started=matched)
    assert (result.action, result.due_on) == (PLACEMENT_START, matched + timedelta(21))
    assert result.is_overdue(matched + timedelta(days=day)) is overdue


def test_after_the_first_contact_matching_needs_follow_up():
    result = due("matching", first=date(2026, 11, 5), last=date(2026, 11, 9))
    assert (result.action, result.due_on) == (FOLLOW_UP_CONTACT, date(2026, 11, 23))


def test_the_municipality_sets_the_limits():
    assert due(limits=Limits(first_contact_days=7)).due_on == VISITED + timedelta(7)


def test_a_closed_course_has_nothing_due():
    assert due("closed") is None
