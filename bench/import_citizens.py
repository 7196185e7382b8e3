"""Benchmark: import N citizens from CSV into a fresh SQLite database (a benchmark
that prints figures, not a test). Usage: .venv/bin/python bench/import_citizens.py [N]

Also times a plain csv.reader pass over the same file as the baseline, so the
figure is a ratio that means the same on a fast or a slow machine.
"""

import csv
import io
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
workdir = Path(tempfile.mkdtemp(prefix="jobbro-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="jobbro.settings",
    DEBUG="true",
    DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
    JOBBRO_VAR_DIR=str(workdir),
)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

from jobbro.demo.seed import random_cpr  # noqa: E402


def make_file(path: Path, n: int) -> None:
    rng = random.Random(1)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["cpr", "first_name", "last_name", "postcode", "email", "unemployed_since"])
        while len(seen) < n:
            cpr = random_cpr(rng)
            if cpr in seen:
                continue
            seen.add(cpr)
            since = date(2025, 1, 1) + timedelta(days=rng.randrange(600))
            writer.writerow(
                [cpr, "Anna", f"Hansen{len(seen)}", "8000", f"a{len(seen)}@example.org", since]
            )


call_command("migrate", verbosity=0)
data = workdir / "citizens.csv"
make_file(data, N)

started = time.perf_counter()
with data.open(encoding="utf-8") as handle:
    baseline_rows = sum(1 for _ in csv.reader(handle, delimiter=";"))
baseline = time.perf_counter() - started

started = time.perf_counter()
call_command(
    "import", "citizens", str(data), "--dry-run", "--municipality", "751", stdout=io.StringIO()
)
dry = time.perf_counter() - started

started = time.perf_counter()
call_command("import", "citizens", str(data), "--municipality", "751", stdout=io.StringIO())
real = time.perf_counter() - started

print(f"rows: {N}")
print(f"baseline csv.reader pass: {baseline:.2f} s")
print(f"dry run (check every row): {dry:.2f} s ({dry / baseline:.0f}x baseline)")
print(f"import (check + save + access log): {real:.2f} s ({real / baseline:.0f}x baseline)")
print(f"rate: {N / real:,.0f} rows/s")
