from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobbro.accounts.models import User
from jobbro.api.services import token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once: jobbro create-token USERNAME"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}; create one with add-user.")
        try:
            token, plain = token_create(user=user, name=name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(
            f"Token {token.name!r} for {user.username} ({user.role}). "
            "It is shown once; store it now:"
        )
        self.stdout.write(plain)
