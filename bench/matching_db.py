"""Benchmark (not a test): matching from a seeded database.

Seeds the demo data (default 10 municipalities × 2,000 citizens) into a fresh SQLite
database (or an EMPTY database named by DATABASE_URL), then prints:

* the time to build the workplace index from the database (profiles in a fixed number of
  queries + the numpy index), best and median of a few builds;
* p50/p95 over random open courses of what the suggestions page does besides HTML:
  the citizen's profile (3 queries), the municipality's agreement overlay (cached),
  ranking, and the rows of the first page (workplaces with capacity, attempts: 2 queries);
* the baseline measured in the same run: the pure in-memory ranking of the same
  citizens (profiles already built), i.e. what bench/matching.py measures.

    python bench/matching_db.py [--municipalities 10] [--citizens 2000] [--courses 300]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'matching.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"p50 {statistics.median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--citizens", type=int, default=2000)
    parser.add_argument("--courses", type=int, default=300)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        run(args)


def run(args) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from jobbro.cases.models import Course
    from jobbro.companies.models import Workplace
    from jobbro.demo.seed import seed_demo
    from jobbro.matching import cache
    from jobbro.matching.engine import WorkplaceIndex
    from jobbro.matching.profiles import average_hire_rate, citizen_profile, workplace_profiles
    from jobbro.matching.services import SUGGESTION_LIMIT, suggestion_rows

    started = time.perf_counter()
    seed_demo(seed=1, municipalities=args.municipalities, citizens=args.citizens)
    print(
        f"seeded {args.municipalities} municipalities × {args.citizens} citizens: "
        f"{Course.objects.count():,} courses, {Workplace.objects.count():,} workplaces "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    today = timezone.localdate()

    builds = []
    for _ in range(args.builds):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            index = WorkplaceIndex(workplace_profiles(today=today), average_hire_rate())
            builds.append(time.perf_counter() - t0)
    print(
        f"index build from the database: best {min(builds):.2f} s, median "
        f"{statistics.median(builds):.2f} s, {len(queries.captured_queries)} queries, "
        f"{len(index):,} workplaces"
    )

    rng = random.Random(5)
    open_ids = list(Course.objects.open().values_list("id", flat=True))
    sample = rng.sample(open_ids, min(args.courses, len(open_ids)))
    courses = Course.objects.select_related("citizen").in_bulk(sample)
    cache.clear()
    cache.workplace_index(today)  # the page reuses the process's index
    page_times, query_counts, profiles = [], [], {}
    parts: dict[str, list[float]] = {"profile": [], "rank": [], "rows": []}
    for course_id in sample:
        course = courses[course_id]
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            profile = citizen_profile(course)
            t1 = time.perf_counter()
            agreed = cache.agreements(course.municipality_id, today)
            ranked = cache.workplace_index(today).rank(
                profile, limit=SUGGESTION_LIMIT, agreed=agreed
            )
            t2 = time.perf_counter()
            suggestion_rows(course=course, suggestions=ranked[:20], today=today)
            t3 = time.perf_counter()
            page_times.append(t3 - t0)
            for name, took in (("profile", t1 - t0), ("rank", t2 - t1), ("rows", t3 - t2)):
                parts[name].append(took)
        query_counts.append(len(queries.captured_queries))
        profiles[course_id] = (profile, agreed)
    pure = []
    for course_id in sample:
        profile, agreed = profiles[course_id]
        t0 = time.perf_counter()
        index.rank(profile, limit=SUGGESTION_LIMIT, agreed=agreed)
        pure.append(time.perf_counter() - t0)
    print(
        f"suggestions for {len(sample)} random open courses "
        f"(profile + rank + first page's rows, {min(query_counts)}–{max(query_counts)} "
        f"queries):  {ms(page_times)}"
    )
    for name, took in parts.items():
        print(f"  of which {name:<8} {ms(took)}")
    print(f"baseline, pure in-memory ranking of the same citizens:            {ms(pure)}")


if __name__ == "__main__":
    main()
