"""The access log's hash chain: plain functions, no database.

Each entry carries ``prev_hash`` (the hash of the entry before it in the same chain)
and ``hash`` = SHA-256 over ``prev_hash`` and the entry's own contents. Editing an
entry changes its hash; deleting one leaves the next entry's ``prev_hash`` pointing
at nothing. There is one chain per municipality (key = its number, 0 for entries
without one), so writers in different municipalities never wait for each other.

``user_id`` is deliberately not hashed: deleting a user sets it to NULL (the
username and role stay and are hashed), and that must not look like tampering.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
# The fields that make up an entry, in the order they are hashed.
HASHED_FIELDS = (
    "chain",
    "seq",
    "at",
    "municipality_id",
    "username",
    "role",
    "action",
    "object_type",
    "object_id",
    "citizen_id",
    "purpose",
    "criteria",
)


def canonical_criteria(criteria: Any) -> Any:
    """The criteria as stored and as the database gives them back: a JSON round trip,
    with floats as text (PostgreSQL's jsonb would give 1e+20 back as an integer)."""
    return _floats_as_text(json.loads(json.dumps(criteria or {})))


def _floats_as_text(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {key: _floats_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_floats_as_text(item) for item in value]
    return value


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    values = [entry[name] for name in HASHED_FIELDS]
    values[HASHED_FIELDS.index("at")] = _at_text(entry["at"])
    values[HASHED_FIELDS.index("criteria")] = canonical_criteria(entry["criteria"])
    body = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def chain_key(municipality_id: int | None) -> int:
    return municipality_id or 0


def is_purge_record(entry: Mapping[str, Any]) -> bool:
    return entry["object_type"] == "accounts.AccessLog" and "anchor_hash" in (
        entry["criteria"] or {}
    )


@dataclass(frozen=True)
class Break:
    chain: int
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f"chain {self.chain}" + (f", entry seq {self.seq}" if self.seq else "")
        return f"{where}: {self.problem}"


@dataclass
class Summary:
    chain: int
    entries: int = 0
    first_seq: int | None = None
    first_prev: str = GENESIS
    last_seq: int = 0
    last_hash: str = GENESIS


def verify(
    entries: Iterable[Mapping[str, Any]], *, key: int, head_seq: int, head_hash: str
) -> tuple[Summary, Break | None]:
    """Walk one chain in seq order (entries up to the head, read first) and return
    what was seen and the first break: a changed entry, a gap, a wrong link, a
    missing start without a purge record for it, or missing newest entries."""
    summary, anchors = Summary(key), {}
    for entry in entries:
        seq = entry["seq"]
        if summary.first_seq is None:
            summary.first_seq, summary.first_prev = seq, entry["prev_hash"]
        elif seq != summary.last_seq + 1:
            return summary, Break(key, seq, f"entries {summary.last_seq + 1}–{seq - 1} are missing")
        elif entry["prev_hash"] != summary.last_hash:
            return summary, Break(key, seq, "does not link to the entry before it")
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            return summary, Break(key, seq, "its contents do not match its hash (changed)")
        if is_purge_record(entry):
            anchors[entry["criteria"]["purged_through_seq"]] = entry["criteria"]["anchor_hash"]
        summary.entries += 1
        summary.last_seq, summary.last_hash = seq, entry["hash"]
    return summary, _check_ends(summary, anchors, head_seq, head_hash)


def _check_ends(summary: Summary, anchors: dict, head_seq: int, head_hash: str) -> Break | None:
    key, first = summary.chain, summary.first_seq
    if first is None:
        if head_seq:
            return Break(key, None, f"the head says {head_seq} entries were written; none is left")
        return None
    if first == 1 and summary.first_prev != GENESIS:
        return Break(key, 1, "the first entry does not start the chain")
    if first > 1 and anchors.get(first - 1) != summary.first_prev:
        return Break(
            key, first, f"entries 1–{first - 1} are gone and no purge recorded deleting them"
        )
    if (summary.last_seq, summary.last_hash) != (head_seq, head_hash):
        return Break(
            key,
            summary.last_seq,
            f"the newest entries are missing or changed: the head is at seq {head_seq}",
        )
    return None
