"""Benchmark (not a test): one `jobbro worker` pass's search for due reminders at scale.

Builds the worklist benchmark's courses (default 100,000 in one municipality), gives every
course in placement an active 8-week placement with its planned conversations and most
weeks' feedback, then prints p50/p95 of `due_on` (what a pass runs every
WORKER_INTERVAL_SECONDS before it sends anything) and of its three parts, with the
number of queries, against the manager's "overdue only" worklist count in the same run.

    .venv/bin/python bench/worker.py                                  # SQLite in var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_bench \\
        .venv/bin/python bench/worker.py                              # an EMPTY database
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import worklist  # noqa: E402  (the same courses as bench/worklist.py)


def add_placements(seed: int = 2) -> int:
    from jobbro.accounts.models import User
    from jobbro.cases.models import Course
    from jobbro.lib.schedule import plan_meetings
    from jobbro.municipalities.models import Municipality
    from jobbro.placements.models import Conversation, Placement, WeeklyFeedback
    from tests import factories

    rng = random.Random(seed)
    aarhus = Municipality.objects.get(code=751)
    places = []
    for n in range(200):
        place = factories.workplace(
            factories.company(municipality=aarhus), ordinary_employees=Decimal("40")
        )
        places.append((place, factories.contact_person(place, email=f"jkp{n}@example.dk")))
    for user in User.objects.filter(email=""):  # staff get the daily digest by e-mail
        user.email = f"{user.username}@example.dk"
        user.save(update_fields=["email"])
    author = User.objects.filter(role="consultant").first()
    today = worklist.date.today()
    started = time.perf_counter()
    courses = list(Course.objects.filter(phase="in_placement").values_list("id", "citizen_id"))
    for offset in range(0, len(courses), 2000):
        chunk = courses[offset : offset + 2000]
        rows = []
        for course_id, citizen_id in chunk:
            place, person = rng.choice(places)
            start = today - timedelta(days=rng.randrange(0, 52))
            start -= timedelta(days=start.weekday())  # a Monday
            rows.append(
                Placement(
                    municipality=aarhus,
                    course_id=course_id,
                    citizen_id=citizen_id,
                    workplace=place,
                    contact_person=person,
                    start_on=start,
                    weeks=8,
                    end_on=start + timedelta(weeks=8, days=-3),
                    hours_per_week=Decimal("30"),
                    purpose="skills",
                    tasks="Lager",
                    status=Placement.Status.ACTIVE,
                    created_by=author,
                )
            )
        Placement.objects.bulk_create(rows)
        conversations, feedback = [], []
        for placement in rows:
            for meeting in plan_meetings(placement.start_on, placement.weeks):
                past = meeting.date < today
                conversations.append(
                    Conversation(
                        municipality=aarhus,
                        placement=placement,
                        kind=meeting.kind,
                        week=meeting.week,
                        planned_on=meeting.date,
                        status="held" if past and rng.random() < 0.9 else "planned",
                    )
                )
                if meeting.kind == "weekly_feedback" and past and rng.random() < 0.8:
                    feedback.append(
                        WeeklyFeedback(
                            municipality=aarhus,
                            placement=placement,
                            week=meeting.week,
                            professional=4,
                            social=4,
                            author=author,
                        )
                    )
        Conversation.objects.bulk_create(conversations)
        WeeklyFeedback.objects.bulk_create(feedback)
    print(
        f"built {Placement.objects.count()} placements, {Conversation.objects.count()} "
        f"conversations, {WeeklyFeedback.objects.count()} feedback weeks "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return len(courses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    worklist.setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from jobbro.access import scope
    from jobbro.cases.models import Course, MunicipalitySettings
    from jobbro.lib.workdays import previous_working_day
    from jobbro.notifications import due

    people = worklist.build(args.courses)
    add_placements()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # A working day, so every kind of reminder is looked for.
    today = previous_working_day(timezone.localdate())
    now = timezone.now()
    limits = MunicipalitySettings.for_municipality(751).limits
    print(f"database: {connection.vendor}, day: {today}")

    def count_overdue():
        scope(people["manager"], Course.objects.all()).with_due(limits).open().overdue(
            today
        ).count()

    worklist.timings("baseline: worklist count, overdue only", count_overdue, args.repeat)
    parts = [
        ("feedback missing", lambda: due.feedback_missing(today, set())),
        ("conversations next working day", lambda: due.conversations_soon(today, set())),
        ("overdue digests", lambda: due.overdue_digests(today, set())),
        ("whole search (due_on)", lambda: due.due_on(today, now)),
    ]
    for label, run in parts:
        with CaptureQueriesContext(connection) as queries:
            found = run()
        worklist.timings(f"{label} ({len(found)} found, {len(queries)} queries)", run, args.repeat)


if __name__ == "__main__":
    main()
