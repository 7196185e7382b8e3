from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from jobbro.privacy.backup import BackupError, backup, sidecar


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE (SQLite: the online backup API; PostgreSQL: "
        "pg_dump in custom format) and write its SHA-256 to FILE.sha256. The file holds "
        "every citizen's data: keep it as safe as the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            checksum = backup(connection.settings_dict, file)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = file.stat().st_size
        self.stdout.write(f"Wrote {file} ({size} bytes), SHA-256 {checksum} in {sidecar(file)}.")
