"""Benchmark: rank all workplaces for one citizen at national scale.

Builds 40,000 workplaces and 100,000 citizen profiles in memory (the shapes the
matching index holds), then ranks the top 20 workplaces for 2,000 random citizens
with the numpy engine and prints p50/p95. The baseline, measured in the same run, is
the reference ranker (a Python loop over score_pair) for 20 citizens.
Usage: .venv/bin/python bench/matching.py  (one core: numpy's element-wise work is
single-threaded; OPENBLAS/OMP threads are not used)
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobbro.matching.engine import WorkplaceIndex  # noqa: E402
from jobbro.matching.scoring import CitizenProfile, WorkplaceProfile, rank  # noqa: E402

WORKPLACES, CITIZENS, RUNS, BASELINE_RUNS = 40_000, 100_000, 2_000, 20
rng = random.Random(7)
municipalities = list(range(98))
industries = [
    f"{rng.randrange(10, 99)}{rng.randrange(10, 99)}{rng.randrange(10, 99)}" for _ in range(600)
]
stems = [f"s{n:04d}" for n in range(3_000)]
occupations = [f"{rng.randrange(1000, 9999)}{rng.randrange(10, 99)}" for _ in range(400)]


def place() -> tuple[int, int]:
    municipality = rng.choice(municipalities)
    return municipality, municipality % 5


def position() -> tuple[float, float] | None:
    """Within Denmark's extent on the km grid of the positions file; 2 % unknown."""
    if rng.random() < 0.02:
        return None
    return (round(rng.uniform(-150, 250), 1), round(rng.uniform(6050, 6400), 1))


workplaces = []
for i in range(1, WORKPLACES + 1):
    municipality, region = place()
    interns = rng.randrange(8)
    workplaces.append(
        WorkplaceProfile(
            id=i,
            cvr=str(10_000_000 + rng.randrange(30_000)),
            municipality=municipality,
            region=region,
            position=position(),
            industry_code=rng.choice(industries),
            free_places=rng.randrange(-1, 6),
            active_agreement=rng.random() < 0.3,
            trained_contact=rng.random() < 0.4,
            occupations=frozenset(rng.sample(occupations, rng.randrange(3))),
            stems=frozenset(rng.sample(stems, rng.randrange(8))),
            past_interns=interns,
            past_hired=rng.randrange(interns + 1),
        )
    )


def citizen() -> CitizenProfile:
    municipality, region = place()
    return CitizenProfile(
        municipality=municipality,
        region=region,
        position=position(),
        goal_industries=frozenset(rng.sample(industries, rng.randrange(1, 4))),
        occupations=frozenset(rng.sample(occupations, rng.randrange(3))),
        stems=frozenset(rng.sample(stems, rng.randrange(2, 10))),
        wish_cvrs=frozenset(w.cvr for w in rng.sample(workplaces, 3)),
        last_employer_cvr=rng.choice(workplaces).cvr,
        declined_workplaces=frozenset(w.id for w in rng.sample(workplaces, 5)),
    )


started = time.perf_counter()
citizens = [citizen() for _ in range(CITIZENS)]
built_citizens = time.perf_counter() - started
started = time.perf_counter()
index = WorkplaceIndex(workplaces, average_hire_rate=0.3)
built_index = time.perf_counter() - started


def timings(ranker, runs: int) -> list[float]:
    out = []
    for profile in rng.sample(citizens, runs):
        t = time.perf_counter()
        ranker(profile)
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


engine = timings(lambda c: index.rank(c, limit=20), RUNS)
baseline = timings(lambda c: rank(c, workplaces, 0.3, limit=20), BASELINE_RUNS)


def p(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


print(
    f"workplaces: {WORKPLACES:,}, citizens: {CITIZENS:,} (profiles built in {built_citizens:.1f} s)"
)
print(f"index build: {built_index * 1000:.0f} ms")
print(
    f"engine, top 20, {RUNS} citizens: p50 {p(engine, 0.5):.1f} ms, "
    f"p95 {p(engine, 0.95):.1f} ms, max {engine[-1]:.1f} ms"
)
print(
    f"baseline Python loop, {BASELINE_RUNS} citizens: p50 {p(baseline, 0.5):.0f} ms, "
    f"p95 {p(baseline, 0.95):.0f} ms"
)
print(f"speed-up at p50: {statistics.median(baseline) / statistics.median(engine):.0f}x")
