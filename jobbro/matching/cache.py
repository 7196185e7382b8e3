"""One national workplace index per process, rebuilt when older than
MATCHING_INDEX_SECONDS or when the day changes; each municipality's agreements are a
small overlay cached the same way. Why an overlay and not an index per municipality:
see docs/performance.md."""

import threading
import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from jobbro.matching.engine import WorkplaceIndex
from jobbro.matching.profiles import agreed_workplaces, average_hire_rate, workplace_profiles


@dataclass
class _Entry:
    value: object
    built_at: float
    day: date


_lock = threading.Lock()
_entries: dict[object, _Entry] = {}


def _fresh(entry: _Entry | None, today: date) -> bool:
    if entry is None or entry.day != today:
        return False
    return time.monotonic() - entry.built_at < settings.MATCHING_INDEX_SECONDS


def _cached(key: object, today: date, build):
    with _lock:
        entry = _entries.get(key)
        if entry is not None and _fresh(entry, today):
            return entry.value
    value = build()  # outside the lock: a slow build must not block other readers
    with _lock:
        _entries[key] = _Entry(value, time.monotonic(), today)
    return value


def workplace_index(today: date) -> WorkplaceIndex:
    return _cached(
        "index",
        today,
        lambda: WorkplaceIndex(workplace_profiles(today=today), average_hire_rate()),
    )


def agreements(municipality_id: int, today: date) -> frozenset[int]:
    return _cached(
        ("agreed", municipality_id), today, lambda: agreed_workplaces(municipality_id, today)
    )


def clear() -> None:
    """Forget everything (tests; or after a bulk import in this process)."""
    with _lock:
        _entries.clear()
