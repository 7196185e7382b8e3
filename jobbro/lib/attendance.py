"""Attendance at the weekly feedback meetings of an internship.

A meeting counts once its date has come. Below 80 % held, or two missed in a row,
flags the course for the consultant: the practice sheet's weekly feedback is the
job contact person's core task, and silence is the earliest sign of trouble.
"""

from dataclasses import dataclass

THRESHOLD = 0.8
HELD = "held"


@dataclass(frozen=True)
class Attendance:
    held: int
    due: int
    two_missed_in_a_row: bool

    @property
    def share(self) -> float | None:
        return self.held / self.due if self.due else None

    @property
    def flagged(self) -> bool:
        share = self.share
        return share is not None and (share < THRESHOLD or self.two_missed_in_a_row)

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def attendance(statuses: list[str]) -> Attendance:
    """Statuses of the meetings that are due, in date order ('held' or anything else)."""
    missed_run = longest = 0
    for status in statuses:
        missed_run = 0 if status == HELD else missed_run + 1
        longest = max(longest, missed_run)
    held = sum(1 for status in statuses if status == HELD)
    return Attendance(held=held, due=len(statuses), two_missed_in_a_row=longest >= 2)
