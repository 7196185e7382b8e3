"""The waiting-time guard: what must happen next on a course, and by when.

The practice sheet's first promise: no citizen waits too long for a company
placement or for follow-up. Three limits (per municipality, in days):

* from visitation to the first company contact (default 14),
* between follow-up contacts (default 14),
* from match (entering "klargøring") to the start of the placement (default 21).

A deadline day is still on time: due on day 14 means day 14 is fine, day 15 is
overdue. The worklist computes the same rule in SQL (``CourseQuerySet.with_due``);
a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

FIRST_COMPANY_CONTACT = "first_company_contact"
FOLLOW_UP_CONTACT = "follow_up_contact"
PLACEMENT_START = "placement_start"


@dataclass(frozen=True)
class Limits:
    first_contact_days: int = 14
    follow_up_days: int = 14
    match_to_start_days: int = 21


@dataclass(frozen=True)
class Due:
    action: str
    due_on: date

    def days_overdue(self, today: date) -> int:
        return max(0, (today - self.due_on).days)

    def is_overdue(self, today: date) -> bool:
        return today > self.due_on


def next_due(
    *,
    phase: str,
    visitation_on: date,
    phase_started_on: date,
    first_company_contact_on: date | None,
    last_contact_on: date | None,
    limits: Limits,
) -> Due | None:
    """The next action and its due date; None for a closed course."""
    if phase == "closed":
        return None
    if phase == "preparation":
        return Due(PLACEMENT_START, phase_started_on + timedelta(limits.match_to_start_days))
    if phase in ("in_placement", "follow_up"):
        base = max(last_contact_on or phase_started_on, phase_started_on)
        return Due(FOLLOW_UP_CONTACT, base + timedelta(limits.follow_up_days))
    # referred, matching: first find a company, then keep in touch.
    if first_company_contact_on is None:
        return Due(FIRST_COMPANY_CONTACT, visitation_on + timedelta(limits.first_contact_days))
    base = last_contact_on or first_company_contact_on
    return Due(FOLLOW_UP_CONTACT, base + timedelta(limits.follow_up_days))
