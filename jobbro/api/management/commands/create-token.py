from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jobbro.accounts.models import User
from jobbro.api.services import token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once: jobbro create-token USERNAME"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument(
            "--expires",
            type=date.fromisoformat,
            help="last day the token works (YYYY-MM-DD, local time); default: no expiry",
        )
        parser.add_argument(
            "--read-only", action="store_true", help="the token may only read (GET)"
        )

    def handle(self, *args, username: str, name: str, **options) -> None:
        expires_at = None
        if options["expires"] is not None:
            # Works through the whole last day, up to midnight local time.
            midnight = datetime.combine(options["expires"] + timedelta(days=1), time())
            expires_at = timezone.make_aware(midnight)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}; create one with add-user.")
        try:
            token, plain = token_create(
                user=user, name=name, expires_at=expires_at, read_only=options["read_only"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        limits = []
        if token.expires_at:
            limits.append(f"works through {options['expires']:%Y-%m-%d}")
        if token.read_only:
            limits.append("read-only")
        self.stderr.write(
            f"Token {token.name!r} for {user.username} ({user.role})"
            + (f", {', '.join(limits)}" if limits else "")
            + ". It is shown once; store it now:"
        )
        self.stdout.write(plain)
