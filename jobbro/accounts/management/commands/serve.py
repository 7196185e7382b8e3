import ipaddress
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobbro.checks import LOCAL_HOSTS

# Mail backends that do not deliver: sign-in links and password resets would land in a
# log file or nowhere.
UNDELIVERED_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


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
        problems = production_problems(host)
        if problems:
            raise CommandError(
                "Jobbro will not serve other hosts like this:\n- " + "\n- ".join(problems)
            )
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


def serves_other_hosts(host: str) -> bool:
    """Does this start answer anybody but this machine (bound or named publicly)?"""
    try:
        bound_public = not ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        bound_public = host not in LOCAL_HOSTS
    return bound_public or bool(set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS)


def production_problems(host: str) -> list[str]:
    """What makes a start with DEBUG off and other hosts unsafe (docs/configuration.md)."""
    if settings.DEBUG or not serves_other_hosts(host):
        return []
    from jobbro.accounts.mfa import demo_key_in_use

    problems = []
    if not settings.HTTPS:
        problems.append(
            "HTTPS is not set: set HTTPS=true behind a TLS proxy (secure cookies, HSTS)."
        )
    if settings.EMAIL_BACKEND in UNDELIVERED_MAIL:
        problems.append(
            f"EMAIL_BACKEND={settings.EMAIL_BACKEND} does not deliver mail: sign-in links "
            "would land in the log. Use django.core.mail.backends.smtp.EmailBackend."
        )
    if demo_key_in_use():
        problems.append(
            "users still have the published demo authenticator key (seed-demo): this is "
            "a demo database, not one to serve to others."
        )
    return problems
