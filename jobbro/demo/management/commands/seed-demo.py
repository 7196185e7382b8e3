import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobbro.accounts.models import User
from jobbro.demo.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_logins, seed_demo


class Command(BaseCommand):
    help = "Load deterministic, realistic fictional demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument("--municipalities", type=int, default=2, help="demo jobcenters")
        parser.add_argument("--citizens", type=int, default=60, help="citizens per jobcenter")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the database has users"
        )

    def handle(self, *args, **options) -> None:
        if not 1 <= options["municipalities"] <= 98:
            raise CommandError("--municipalities must be between 1 and 98.")
        if options["citizens"] < 1:
            raise CommandError("--citizens must be at least 1.")
        if User.objects.exists():
            if not options["if_empty"]:
                raise CommandError(
                    "The database already has users; seed-demo only fills an empty database "
                    "(delete var/jobbro.sqlite3 and run make run to start over)."
                )
            self.stdout.write("The database already has data; the demo was not loaded again.")
        else:
            started = time.monotonic()
            seed_demo(
                seed=options["seed"],
                municipalities=options["municipalities"],
                citizens=options["citizens"],
            )
            self.stdout.write(f"Demo data loaded in {time.monotonic() - started:.1f} s.")
        self.print_logins()

    def print_logins(self) -> None:
        rows = demo_logins()
        if not rows:
            return
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _, _ in rows)
        for username, role, where in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role}, {where}")
        self.stdout.write(
            "\nSecond factor (staff and evaluator): every demo user has the same published "
            f"demo key.\n  Add it to any authenticator app: {DEMO_TOTP_SECRET}\n"
            f"  or scan: otpauth://totp/Jobbro:demo?secret={DEMO_TOTP_SECRET}&issuer=Jobbro\n"
            "  then type the app's 6-digit code after the password.\n"
            "Job contact persons and citizens sign in with an e-mailed link: ask for one at "
            "/portal/log-ind/ with their address (the mail is printed in this console)."
        )
