import getpass
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobbro.accounts.models import AccessLog


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than ACCESS_LOG_RETENTION_DAYS (the daily retention "
        "run of `jobbro worker` / `jobbro retention` does this too). Deleting is deliberate: it "
        "goes through the purge, which records an anchor so `jobbro verify-access-log` still "
        "checks what remains, and it can be tried with --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options) -> None:
        days = settings.ACCESS_LOG_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        if dry_run:
            old = AccessLog.objects.filter(at__lt=cutoff).count()
            self.stdout.write(f"Would delete {old} entries older than {days} days.")
            return
        deleted = AccessLog.objects.purge(
            before=cutoff, actor=f"jobbro prune-access-log ({getpass.getuser()})"
        )
        self.stdout.write(f"Deleted {deleted} access-log entries older than {days} days.")
