import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobbro.accounts.services import municipality_from_code
from jobbro.transfer.formats import FileFormatError, format_of
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import export_file


class Command(BaseCommand):
    help = "Export citizens, companies or contact persons of a jobcenter to CSV/XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path, help="ends in .csv or .xlsx")
        parser.add_argument("--municipality", required=True)

    def handle(self, *args, kind: str, file: Path, **options) -> None:
        try:
            fmt = format_of(file.name)
            municipality = municipality_from_code(options["municipality"])
        except (FileFormatError, Exception) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        data = export_file(
            kind=KINDS[kind],
            fmt=fmt,
            municipality=municipality,
            actor=f"jobbro export ({getpass.getuser()})",
        )
        file.write_bytes(data)
        self.stdout.write(f"Wrote {file} ({len(data)} bytes).")
