"""Daily jobs the worker runs: how an app higher in the layers (privacy's retention run)
gets its work done by ``jobbro worker`` without the worker importing it.

An app registers from its AppConfig.ready(); each job claims its own day (several
workers may run) and returns a line for the worker's output, or None when another
worker already did today's run.
"""

from collections.abc import Callable

DailyJob = Callable[[str], str | None]

_jobs: list[DailyJob] = []


def register(job: DailyJob) -> None:
    if job not in _jobs:
        _jobs.append(job)


def run_all(actor: str) -> list[str]:
    return [line for job in _jobs if (line := job(actor)) is not None]
