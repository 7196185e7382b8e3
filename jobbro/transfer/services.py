"""Import (all-or-nothing per file) and export of citizens, companies and contacts."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog
from jobbro.municipalities.models import Municipality
from jobbro.transfer import formats
from jobbro.transfer.formats import Row
from jobbro.transfer.kinds import Kind

MAX_ERRORS_KEPT = 5000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    to_create: int = 0
    created: int = 0
    existing: list[tuple[int, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(row, column, message))


def _check_header(kind: Kind, header: list[str], report: ImportReport) -> None:
    known = set(kind.column_names)
    for column in kind.columns:
        if column.required and column.name not in header:
            report.error(1, column.name, f"Kolonnen {column.name} mangler i overskriften.")
    for name in header:
        if name and name not in known:
            report.error(
                1, name, f"Ukendt kolonne {name}; tilladte: {', '.join(kind.column_names)}."
            )


def _parse_row(kind: Kind, row: Row, report: ImportReport) -> dict | None:
    values, ok = {}, True
    for column in kind.columns:
        raw = row.values.get(column.name, "")
        if not raw:
            if column.required:
                report.error(row.number, column.name, "Skal udfyldes.")
                ok = False
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(raw)
        except ValueError as exc:
            report.error(row.number, column.name, str(exc))
            ok = False
    return values if ok else None


def import_rows(
    *,
    kind: Kind,
    header: list[str],
    rows: list[Row],
    municipality: Municipality,
    user=None,
    actor: str = "",
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row; then, unless it is a dry run or any row is bad, save them all
    in one transaction. Rows whose key already exists are reported, never doubled."""
    report = ImportReport(kind=kind.name, dry_run=dry_run, rows=len(rows))
    _check_header(kind, header, report)
    if not report.ok:
        return report
    parsed: list[tuple[int, str, dict]] = []
    first_row_of: dict[str, int] = {}
    cross_row: dict = {}
    for row in rows:
        values = _parse_row(kind, row, report)
        if values is not None:
            for column, message in kind.check_row(values, cross_row):
                report.error(row.number, column, message)
            key = kind.key(values)
            if key in first_row_of:
                report.error(
                    row.number,
                    kind.columns[0].name,
                    f"Samme {kind.columns[0].name} som række {first_row_of[key]} (dublet i filen).",
                )
            else:
                first_row_of[key] = row.number
                parsed.append((row.number, key, values))
        if progress:
            progress(1)
    for row_number, column, message in kind.reference_errors([(r, v) for r, _k, v in parsed]):
        report.error(row_number, column, message)
    existing = kind.existing_keys(municipality, set(first_row_of))
    report.existing = [(number, key) for number, key, _v in parsed if key in existing]
    fresh = [values for _n, key, values in parsed if key not in existing]
    report.to_create = len(fresh)
    if report.ok and not dry_run:
        _save(kind, fresh, municipality, user, actor, report)
    return report


@transaction.atomic
def _save(kind: Kind, fresh: list[dict], municipality, user, actor: str, report) -> None:
    created = kind.save(fresh, municipality, user=user, actor=actor)
    report.created = len(created)
    if kind.personal_data:
        log_access(
            user,
            AccessLog.Action.CREATE,
            object_type=kind.name,
            purpose="Import",
            criteria={"rows": report.created},
            citizen_ids=[obj.pk for obj in created],
            municipality_id=municipality.pk,
            actor=actor,
        )


def export_file(
    *, kind: Kind, fmt: str, municipality: Municipality, user=None, actor: str = ""
) -> bytes:
    rows = list(kind.export(municipality))
    if kind.personal_data and rows:
        log_access(
            user,
            AccessLog.Action.EXPORT,
            object_type=kind.name,
            purpose="Eksport",
            criteria={"format": fmt, "rows": len(rows)},
            citizen_ids=[row["id"] for row in rows],
            municipality_id=municipality.pk,
            actor=actor,
        )
    return formats.write(fmt, kind.column_names, rows)
