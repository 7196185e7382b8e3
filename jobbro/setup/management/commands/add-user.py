import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from jobbro.accounts.roles import Role
from jobbro.accounts.services import municipality_from_code, role_from_code
from jobbro.companies.models import Workplace
from jobbro.setup.services import account_create


class Command(BaseCommand):
    help = "Create a user with one role: jobbro add-user USERNAME --role ROLE --municipality CODE"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=", ".join(r.value for r in Role))
        parser.add_argument("--municipality", help="official municipality number, e.g. 751")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--p-number", help="workplace of a job contact person (10 digits)")
        parser.add_argument(
            "--superuser", action="store_true", help="admin role only: also Django's /drift/ admin"
        )

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        # Command-line messages are English, like the rest of the command (the password
        # rules' texts come from Django's catalogue).
        with translation.override("en"):
            self._create(username, options)

    def _create(self, username: str, options: dict[str, Any]) -> None:
        try:
            role = role_from_code(options["role"])
            if options["superuser"] and role != Role.ADMIN:
                raise ValidationError("--superuser is only for the admin role.")
            user = account_create(
                username=username,
                role=role,
                municipality=municipality_from_code(options["municipality"]),
                password=self._password(options["password_stdin"]),
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                workplace=self._workplace(role, options["p_number"]),
                superuser=options["superuser"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        where = f" in {user.municipality}" if user.municipality else ""
        self.stdout.write(f"Created {user.username} ({role.value}){where}.")
        if not user.has_usable_password():
            self.stdout.write("No password set: use 'Glemt adgangskode' or --password-stdin.")

    def _password(self, from_stdin: bool) -> str | None:
        if not from_stdin:
            return None
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise ValidationError("--password-stdin was given but stdin held no password.")
        return password

    def _workplace(self, role: Role, p_number: str | None) -> Workplace | None:
        if role != Role.CONTACT_PERSON:
            return None
        if not p_number:
            raise ValidationError("A job contact person belongs to a workplace; give --p-number.")
        workplace = Workplace.objects.filter(p_number=p_number).first()
        if workplace is None:
            raise ValidationError(f"No workplace has P-number {p_number!r}.")
        return workplace
