from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobbro.accounts.models import AccessLog


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than ACCESS_LOG_RETENTION_DAYS (run daily from cron). "
        "Deleting is deliberate: it prints what it deleted and can be tried with --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options) -> None:
        days = settings.ACCESS_LOG_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        old = AccessLog.objects.filter(at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Would delete {old.count()} entries older than {days} days.")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} access-log entries older than {days} days.")
