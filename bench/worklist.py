"""Benchmark (not a test): the worklist query at national scale.

Builds N courses (default 100,000) for one municipality in a fresh database and prints
p50/p95 timings of the worklist queries the pages run (count + first page).

    .venv/bin/python bench/worklist.py                       # SQLite in var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_bench \\
        .venv/bin/python bench/worklist.py --courses 100000    # an EMPTY PostgreSQL database
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    if not os.environ.get("DATABASE_URL"):
        db = ROOT / "var" / "bench.sqlite3"
        db.parent.mkdir(exist_ok=True)
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build(courses: int, seed: int = 1) -> dict:
    from django.contrib.auth.hashers import make_password

    from jobbro.accounts.models import User
    from jobbro.cases.models import Course, MunicipalitySettings
    from jobbro.cases.services import target_groups_ensure
    from jobbro.citizens.models import Citizen, TargetGroup
    from jobbro.municipalities.models import Municipality

    rng = random.Random(seed)
    municipality = Municipality.objects.get(code=751)
    if Course.objects.exists():
        sys.exit("The database already has courses; give the benchmark an empty database.")
    target_groups_ensure(municipality_id=751)
    MunicipalitySettings.for_municipality(751)
    groups = list(
        TargetGroup.objects.filter(municipality=municipality).values_list("id", flat=True)
    )
    password = make_password("bench")
    staff = [
        User(
            username=f"bench.{role}{n}",
            role=role,
            municipality=municipality,
            password=password,
            first_name=role.title(),
            last_name=str(n),
        )
        for role, count in (("caseworker", 60), ("consultant", 40), ("manager", 1))
        for n in range(count)
    ]
    User.objects.bulk_create(staff)
    caseworkers = list(User.objects.filter(role="caseworker").values_list("id", flat=True))
    consultants = list(User.objects.filter(role="consultant").values_list("id", flat=True))
    today = date.today()
    first_names = ["Anne", "Mette", "Lars", "Jens", "Sofie", "Ali", "Fatima", "Peter", "Karen"]
    last_names = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen"]
    phases = ["referred", "matching", "preparation", "in_placement", "follow_up", "closed"]
    batch = 5000
    started = time.perf_counter()
    for offset in range(0, courses, batch):
        citizens = []
        for n in range(offset, min(courses, offset + batch)):
            # Unique and valid: a birth date in 1950-1991 and a serial 0000-0006.
            born = date(1950, 1, 1) + timedelta(days=n % 15000)
            cpr = f"{born:%d%m%y}{n // 15000:04d}"
            citizens.append(
                Citizen(
                    municipality=municipality,
                    cpr=cpr,
                    first_name=rng.choice(first_names),
                    last_name=f"{rng.choice(last_names)}{n}",
                    target_group_id=rng.choice(groups),
                )
            )
        Citizen.objects.bulk_create(citizens)
        rows = []
        for citizen in citizens:
            phase = rng.choices(phases, weights=[15, 25, 10, 25, 10, 15])[0]
            in_phase = rng.randrange(0, 40)
            visited = in_phase + rng.randrange(0, 60)
            first = None if phase == "referred" else rng.randrange(0, visited + 1)
            rows.append(
                Course(
                    municipality=municipality,
                    citizen=citizen,
                    caseworker_id=rng.choice(caseworkers),
                    consultant_id=rng.choice(consultants),
                    phase=phase,
                    phase_started_on=today - timedelta(days=in_phase),
                    visitation_on=today - timedelta(days=visited),
                    first_company_contact_on=None
                    if first is None
                    else today - timedelta(days=first),
                    last_contact_on=None if first is None else today - timedelta(days=first // 2),
                    outcome="still_unemployed" if phase == "closed" else "",
                )
            )
        Course.objects.bulk_create(rows)
    print(f"built {courses} citizens and courses in {time.perf_counter() - started:.1f} s")
    return {
        "manager": User.objects.get(role="manager"),
        "caseworker": User.objects.get(username="bench.caseworker0"),
        "groups": groups,
    }


def timings(label: str, run, repeat: int) -> None:
    run()  # warm the cache once
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"{label:<42} p50 {statistics.median(samples):8.1f} ms   p95 {p95:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.utils import timezone

    from jobbro.access import scope
    from jobbro.cases.models import Course, MunicipalitySettings
    from jobbro.citizens.models import Citizen

    people = build(args.courses)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    limits = MunicipalitySettings.for_municipality(751).limits
    today = timezone.localdate()

    def page(qs):
        def run():
            qs_ = (
                qs()
                .select_related("citizen", "citizen__target_group", "caseworker", "consultant")
                .worklist_order()
            )
            p = Paginator(qs_, 25).get_page(1)
            list(p)
            return p.paginator.count

        return run

    manager, caseworker = people["manager"], people["caseworker"]
    base = lambda user: scope(user, Course.objects.all()).with_due(limits)  # noqa: E731
    print(f"database: {connection.vendor}, courses: {Course.objects.count()}")
    timings("manager: all open courses", page(lambda: base(manager).open()), args.repeat)
    timings("manager: overdue only", page(lambda: base(manager).open().overdue(today)), args.repeat)
    timings(
        "manager: phase = matching",
        page(lambda: base(manager).filter(phase="matching")),
        args.repeat,
    )
    timings(
        "manager: target group",
        page(lambda: base(manager).open().filter(citizen__target_group=people["groups"][0])),
        args.repeat,
    )
    timings(
        "caseworker: Mine forløb",
        page(lambda: base(caseworker).open().of_staff(caseworker.pk)),
        args.repeat,
    )
    some_cpr = Citizen.objects.order_by("id").values_list("cpr", flat=True)[5000]
    timings(
        "search: exact CPR",
        page(lambda: base(manager).open().filter(citizen__in=Citizen.objects.search(some_cpr))),
        args.repeat,
    )
    timings(
        "search: name",
        page(lambda: base(manager).open().filter(citizen__in=Citizen.objects.search("Jensen12"))),
        args.repeat,
    )


if __name__ == "__main__":
    main()
