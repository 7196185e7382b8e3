"""Benchmark (not a test): what the access log's hash chain costs per write.

Times, in one run and interleaved, N single-entry writes through
`jobbro.access.log_access` (the chained append: an upsert on the municipality's chain
head, the INSERT, the head's hash) against the baseline of the same row inserted
unchained (the one INSERT the log cost before), both in autocommit as from a view.
On PostgreSQL it also runs THREADS concurrent writers on one municipality's chain and
on the baseline, and checks afterwards that the chain is whole; then it times
`jobbro verify-access-log` over everything written.

    .venv/bin/python bench/access_log.py                                  # SQLite in var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_bench \\
        .venv/bin/python bench/access_log.py                              # an EMPTY database
"""

import argparse
import io
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from worklist import setup_django  # noqa: E402  (the same temporary database set-up)


class Baseline:
    """The unchained write: one INSERT of the same row (seq/hash filled, no chaining),
    in a chain number no municipality has, so the unique constraint is not in the way."""

    def __init__(self) -> None:
        self.seq = 0
        self.lock = threading.Lock()

    def write(self, user) -> None:
        from jobbro.accounts.models import AccessLog

        with self.lock:
            self.seq += 1
            seq = self.seq
        AccessLog.objects.bulk_create(
            [
                AccessLog(
                    municipality_id=user.municipality_id,
                    user=user,
                    username=user.username,
                    role=user.role,
                    action="read",
                    object_type="cases.Course",
                    object_id=str(seq),
                    citizen_id=seq,
                    purpose="course.view",
                    chain=99_999,
                    seq=seq,
                    prev_hash="0" * 64,
                    hash="0" * 64,
                )
            ]
        )


def chained(user, n: int) -> None:
    from jobbro.access import log_access
    from jobbro.accounts.models import AccessLog

    log_access(user, AccessLog.Action.READ, object_type="cases.Course", citizen_ids=[n])


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def pct(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * p))]


def sequential(user, n: int, baseline: Baseline) -> None:
    base, chain = [], []
    for i in range(n):  # interleaved, so load on the machine hits both alike
        base.append(timed(lambda: baseline.write(user)))
        chain.append(timed(lambda i=i: chained(user, i)))
    for name, values in (("baseline INSERT", base), ("chained append", chain)):
        print(
            f"{name:16s} p50 {statistics.median(values):.3f} ms  p95 {pct(values, 0.95):.3f} ms"
            f"  mean {statistics.fmean(values):.3f} ms"
        )
    p50_base, p50_chain = statistics.median(base), statistics.median(chain)
    print(
        f"chain costs +{p50_chain - p50_base:.3f} ms per write at p50 "
        f"({p50_chain / p50_base:.1f}x the baseline)"
    )


def concurrent(user, threads: int, per_thread: int, baseline: Baseline) -> None:
    from django.db import connections

    def run(write) -> float:
        def work() -> None:
            try:
                for i in range(per_thread):
                    write(i)
            finally:
                connections.close_all()

        workers = [threading.Thread(target=work) for _ in range(threads)]
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.perf_counter() - start

    total = threads * per_thread
    base = run(lambda i: baseline.write(user))
    chain = run(lambda i: chained(user, i))
    print(
        f"{threads} concurrent writers, {total} writes each way: baseline {total / base:.0f}/s, "
        f"chained {total / chain:.0f}/s (one municipality's chain, the worst case)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from jobbro.accounts.models import AccessLog, User

    user = User.objects.create(username="bench", role="caseworker", municipality_id=751)
    print(f"database: {connection.vendor}")
    baseline = Baseline()
    sequential(user, args.writes, baseline)
    if connection.vendor == "postgresql":
        concurrent(user, args.threads, args.writes // args.threads, baseline)
    rows = AccessLog.objects.filter(chain=751).count()
    out = io.StringIO()
    seconds = timed(lambda: call_command("verify-access-log", "--municipality", "751", stdout=out))
    first_line = out.getvalue().splitlines()[0]
    print(f"verify-access-log over {rows} entries: {seconds / 1000:.2f} s ({first_line})")


if __name__ == "__main__":
    main()
