"""Which reminders are due on a day, found with a fixed handful of queries.

Three kinds, all in Danish and without personal data beyond what the recipient
already knows (no CPR, no citizen names; the link leads to the page behind login):

- the job contact person, the working day after a week's feedback day, when that
  week's weekly feedback is missing (weeks up to FEEDBACK_LOOKBACK_DAYS back);
- the citizen and the job contact person, the working day before a start, midway or
  final conversation (sent from the day before up to the day itself is not: a
  reminder on the day is too late to rearrange anything);
- caseworkers and company consultants, on working days, a count of their courses
  past the waiting-time limit and follow-up conversations not yet recorded.

A municipality can switch reminders off (MunicipalitySettings.reminders_enabled).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.cases.models import Course, MunicipalitySettings
from jobbro.lib import waiting
from jobbro.lib.workdays import add_working_days, is_working_day
from jobbro.notifications.models import Reminder
from jobbro.placements.models import Conversation, Placement, WeeklyFeedback

FEEDBACK_LOOKBACK_DAYS = 7
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)
FOLLOW_UP_KINDS = ("start", "midway", "final")


@dataclass(frozen=True)
class Due:
    kind: str
    municipality_id: int
    subject: str
    recipient: str
    day: date
    context: dict = field(default_factory=dict, compare=False, hash=False)
    # Whose address it is (one of the three); not part of the natural key.
    user_id: int | None = field(default=None, compare=False)
    contact_person_id: int | None = field(default=None, compare=False)
    citizen_id: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str, date]:
        return (self.kind, self.subject, self.recipient, self.day)


def _disabled_municipalities() -> set[int]:
    return set(
        MunicipalitySettings.objects.filter(reminders_enabled=False).values_list(
            "municipality_id", flat=True
        )
    )


def feedback_missing(today: date, disabled: set[int]) -> list[Due]:
    """Weekly feedback days that have passed with no feedback for that week."""
    if not is_working_day(today):
        return []
    given = WeeklyFeedback.objects.filter(
        placement_id=OuterRef("placement_id"), week=OuterRef("week")
    )
    rows = (
        Conversation.objects.filter(
            kind=Conversation.Kind.WEEKLY_FEEDBACK,
            planned_on__lt=today,
            planned_on__gte=today - timedelta(days=FEEDBACK_LOOKBACK_DAYS),
            placement__status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
        )
        .exclude(status=Conversation.Status.CANCELLED)
        .exclude(municipality_id__in=disabled)
        .exclude(placement__contact_person__email="")
        .filter(~Exists(given))
        .values(
            "municipality_id",
            "placement_id",
            "week",
            "planned_on",
            "placement__contact_person_id",
            "placement__contact_person__email",
            "placement__workplace__name",
        )
        .order_by("planned_on", "placement_id")
    )
    return [
        Due(
            kind=Reminder.Kind.FEEDBACK_MISSING,
            municipality_id=row["municipality_id"],
            subject=f"placement:{row['placement_id']}:week:{row['week']}",
            recipient=row["placement__contact_person__email"],
            day=row["planned_on"],
            contact_person_id=row["placement__contact_person_id"],
            context={
                "week": row["week"],
                "workplace": row["placement__workplace__name"],
                "placement_id": row["placement_id"],
            },
        )
        for row in rows
    ]


def conversations_soon(today: date, disabled: set[int]) -> list[Due]:
    """Start, midway and final conversations on the next working day.

    Sent on working days only, like the other reminders: on a holiday or weekend
    nothing goes out (the reminder for Monday went out on Friday). Plain values, not
    model instances: a pass finds the same conversations every minute of the day, and
    only the unsent ones are ever rendered.
    """
    if not is_working_day(today):
        return []
    day = add_working_days(today, 1)
    rows = (
        Conversation.objects.filter(
            kind__in=FOLLOW_UP_KINDS,
            status=Conversation.Status.PLANNED,
            planned_on=day,
            placement__status__in=[Placement.Status.PLANNED, Placement.Status.ACTIVE],
        )
        .exclude(municipality_id__in=disabled)
        .values(
            "id",
            "municipality_id",
            "kind",
            "planned_on",
            "planned_at",
            "duration_minutes",
            "location",
            "placement_id",
            "placement__workplace__name",
            "placement__workplace__address",
            "placement__workplace__city",
            "placement__citizen_id",
            "placement__citizen__email",
            "placement__contact_person_id",
            "placement__contact_person__email",
        )
        .order_by("id")
    )
    found: list[Due] = []
    for row in rows:
        address = (row["placement__workplace__address"], row["placement__workplace__city"])
        context = {
            "kind": row["kind"],
            "planned_on": row["planned_on"],
            "planned_at": row["planned_at"],
            "duration_minutes": row["duration_minutes"],
            "workplace": row["placement__workplace__name"],
            "place": row["location"] or ", ".join(part for part in address if part),
            "placement_id": row["placement_id"],
        }
        for email, reader, whose in (
            (
                row["placement__citizen__email"],
                "citizen",
                {"citizen_id": row["placement__citizen_id"]},
            ),
            (
                row["placement__contact_person__email"],
                "contact_person",
                {"contact_person_id": row["placement__contact_person_id"]},
            ),
        ):
            if email:
                found.append(
                    Due(
                        kind=Reminder.Kind.CONVERSATION_SOON,
                        municipality_id=row["municipality_id"],
                        subject=f"conversation:{row['id']}",
                        recipient=email,
                        day=row["planned_on"],
                        context={**context, "reader": reader},
                        **whose,
                    )
                )
    return found


def _limit_groups(disabled: set[int]) -> list[tuple[waiting.Limits, Q]]:
    """Municipalities grouped by their waiting-time limits: one query per distinct set."""
    default = waiting.Limits()  # a municipality without a settings row has these
    own: dict[waiting.Limits, list[int]] = defaultdict(list)
    for row in MunicipalitySettings.objects.exclude(municipality_id__in=disabled):
        if row.limits != default:
            own[row.limits].append(row.municipality_id)
    special = {m for ids in own.values() for m in ids}
    groups = [(default, ~Q(municipality_id__in=special | disabled))]
    groups += [(limits, Q(municipality_id__in=ids)) for limits, ids in own.items()]
    return groups


def _count_per_person(
    rows, caseworker: str, consultant: str, into: dict[tuple[int, int], int]
) -> None:
    """One grouped scan by (caseworker, consultant, municipality): each person gets the
    rows of each municipality, so nobody hears about another municipality's courses."""
    groups = (
        rows.values(caseworker, consultant, "municipality_id").annotate(n=Count("id")).order_by()
    )
    for group in groups:
        for person in {group[caseworker], group[consultant]} - {None}:
            into[person, group["municipality_id"]] += group["n"]


def overdue_digests(today: date, disabled: set[int]) -> list[Due]:
    """One digest per caseworker or consultant who has something overdue today."""
    if not is_working_day(today):
        return []
    # Counted per (person, municipality of the course): a person hears only about
    # their own municipality's courses, even if an old assignment says otherwise.
    courses: dict[tuple[int, int], int] = defaultdict(int)
    for limits, where in _limit_groups(disabled):
        overdue = Course.objects.open().filter(where).with_due(limits).overdue(today)
        _count_per_person(overdue, "caseworker_id", "consultant_id", courses)
    conversations: dict[tuple[int, int], int] = defaultdict(int)
    late = Conversation.objects.filter(
        kind__in=FOLLOW_UP_KINDS, status=Conversation.Status.PLANNED, planned_on__lt=today
    ).exclude(municipality_id__in=disabled)
    _count_per_person(
        late, "placement__course__caseworker_id", "placement__course__consultant_id", conversations
    )
    people = (
        User.objects.filter(
            pk__in={pk for pk, _m in courses} | {pk for pk, _m in conversations},
            is_active=True,
            role__in=[Role.CASEWORKER, Role.CONSULTANT],
        )
        .exclude(email="")
        .exclude(municipality_id__in=disabled)
        .order_by("id")
    )
    found: list[Due] = []
    for person in people:
        own = (person.pk, person.municipality_id)
        if own not in courses and own not in conversations:
            continue  # only other municipalities' courses point at this person
        found.append(
            Due(
                kind=Reminder.Kind.OVERDUE_DIGEST,
                municipality_id=person.municipality_id,
                subject=f"user:{person.pk}",
                recipient=person.email,
                day=today,
                user_id=person.pk,
                context={
                    "first_name": person.first_name,
                    "courses": courses.get(own, 0),
                    "conversations": conversations.get(own, 0),
                },
            )
        )
    return found


def due_on(today: date, now: datetime) -> list[Due]:
    """Everything due today that is not sent, being sent, or given up on.

    A failed reminder, or one whose worker died while sending, is due again once
    RETRY_AFTER has passed since it was claimed, up to MAX_ATTEMPTS.
    """
    disabled = _disabled_municipalities()
    candidates = (
        feedback_missing(today, disabled)
        + conversations_soon(today, disabled)
        + overdue_digests(today, disabled)
    )
    if not candidates:
        return []
    retry = Q(status__in=[Reminder.Status.FAILED, Reminder.Status.SENDING]) & Q(
        claimed_at__lt=now - RETRY_AFTER, attempts__lt=MAX_ATTEMPTS
    )
    handled = set(
        Reminder.objects.filter(
            day__in={c.day for c in candidates}, kind__in={c.kind for c in candidates}
        )
        .exclude(retry)
        .values_list("kind", "subject", "recipient", "day")
    )
    return [c for c in candidates if c.key not in handled]
