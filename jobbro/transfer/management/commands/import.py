import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from jobbro.accounts.services import municipality_from_code
from jobbro.transfer.formats import FileFormatError, check_size, read_rows
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import import_rows

SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = (
        "Import citizens, companies (one row per workplace) or contact persons from CSV/XLSX. "
        "All or nothing per file; see docs/import.md for the columns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only; save nothing")
        parser.add_argument(
            "--municipality",
            required=True,
            help="official number of the jobcenter's municipality, e.g. 751",
        )

    def handle(self, *args, kind: str, file: Path, dry_run: bool, **options) -> None:
        try:
            municipality = municipality_from_code(options["municipality"])
        except Exception as exc:  # ValidationError with one message
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            check_size(file.stat().st_size)  # before a byte is read
            with file.open("rb") as stream:
                header, rows = read_rows(stream, file.name)
        except FileFormatError as exc:
            raise CommandError(str(exc)) from None
        with tqdm(
            total=len(rows), unit="rækker", disable=len(rows) < 1000, file=self.stderr
        ) as bar:
            report = import_rows(
                kind=KINDS[kind],
                header=header,
                rows=rows,
                municipality=municipality,
                actor=f"jobbro import ({getpass.getuser()})",
                dry_run=dry_run,
                progress=bar.update,
            )
        self.print_report(report)
        if not report.ok:
            raise CommandError(f"{len(report.errors)} fejl; intet er gemt.")

    def print_report(self, report) -> None:
        for error in report.errors[:SHOWN_ERRORS]:
            self.stdout.write(f"Række {error.row}, kolonne {error.column}: {error.message}")
        if len(report.errors) > SHOWN_ERRORS:
            self.stdout.write(f"… og {len(report.errors) - SHOWN_ERRORS} fejl mere.")
        for row, key in report.existing[:SHOWN_ERRORS]:
            self.stdout.write(f"Række {row}: findes allerede ({key}); springes over.")
        verb = "ville blive oprettet" if report.dry_run else "oprettet"
        self.stdout.write(
            f"{report.rows} rækker læst, {report.to_create if report.dry_run else report.created} "
            f"{verb}, {len(report.existing)} fandtes allerede, {len(report.errors)} fejl."
        )
