from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from jobbro.privacy.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the database from a file written by `jobbro backup`. Refuses a file whose "
        "SHA-256 does not match FILE.sha256, and a database that already holds data unless "
        "--force is given. Stop Jobbro (web and worker) first; run `jobbro migrate` after "
        "restoring a backup from an older version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, file: Path, force: bool, **options) -> None:
        config = connection.settings_dict
        connection.close()  # the restore writes through its own connection
        try:
            checksum = restore(config, file, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {file} (SHA-256 {checksum}) into {config['NAME']}.")
