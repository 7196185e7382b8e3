import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class Command(BaseCommand):
    help = "Serve Jobbro with gunicorn (production-grade; static files through whitenoise)."
    requires_migrations_checks = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("JOBBRO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("JOBBRO_PORT", 8000)))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("JOBBRO_WORKERS", default_workers()))
        )

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        if not settings.STATIC_ROOT.exists():
            raise CommandError("Static files are not collected; run: jobbro collectstatic")
        self.stdout.write(f"Jobbro on http://{host}:{port}/ with {workers} workers (Ctrl+C stops).")
        sys.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "jobbro.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--timeout", "60",
        ]  # fmt: skip
        os.execv(sys.executable, argv)
