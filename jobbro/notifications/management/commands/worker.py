import signal
import threading
from datetime import date, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from jobbro.lib import clock
from jobbro.notifications import daily
from jobbro.notifications.services import run_pass


class Command(BaseCommand):
    help = (
        "Send due reminders: poll the database every --interval seconds (default "
        "WORKER_INTERVAL_SECONDS) within WORKER_SEND_HOURS or, with --once, run one pass "
        "and exit (for cron). Several copies may run at once; each reminder is sent once. "
        "The first pass of each day also runs the retention job (jobbro retention)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval",
            type=int,
            default=None,
            help="Seconds between passes (default: WORKER_INTERVAL_SECONDS).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Act as if it were this day (YYYY-MM-DD), for trying things out.",
        )

    def handle(self, *args, once: bool, interval: int | None, today: date | None, **options):
        interval = settings.WORKER_INTERVAL_SECONDS if interval is None else interval
        if interval < 1:
            raise CommandError("--interval must be at least 1 second.")
        if once:
            self._pass(today)
            return
        stop = threading.Event()
        start, end = settings.WORKER_SEND_HOURS
        # SIGTERM (systemd stop) and SIGINT (Ctrl+C) end the wait between passes; a pass
        # under way finishes first, so no reminder is left half-sent by a clean stop.
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        self.stdout.write(
            f"Jobbro worker: a pass every {interval} s between {start:02d}:00 and "
            f"{end:02d}:00 (Ctrl+C stops)."
        )
        try:
            while not stop.is_set():
                # --today always runs: the caller chose the moment.
                if today or start <= clock.now().hour < end:
                    self._pass(today)
                close_old_connections()  # between passes: no stale or broken connection
                stop.wait(interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Jobbro worker stopped.")

    def _pass(self, today: date | None) -> None:
        now = clock.now()
        day = today or now.date()
        result = run_pass(day, now)
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        self.stdout.write(f"{stamp} reminders for {day:%Y-%m-%d}: {result}")
        # Once a day (the first pass to claim the real day, whatever --today says): the
        # jobs other apps registered (privacy's retention run).
        for line in daily.run_all(actor="jobbro worker"):
            self.stdout.write(f"{stamp} {line}")
