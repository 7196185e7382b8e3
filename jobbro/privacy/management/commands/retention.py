import getpass

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jobbro.privacy import services
from jobbro.privacy.models import RetentionRun


class Command(BaseCommand):
    help = (
        "Anonymise citizens with no open course whose last course closed before their "
        "municipality's retention period, and prune spent sign-in links, old reminders, "
        "drafts and access-log entries. `jobbro worker` runs this daily; --dry-run prints "
        "what would go (counts only, never a name or a CPR number)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only; change nothing")

    def handle(self, *args, dry_run: bool, **options) -> None:
        if dry_run:
            self._plan()
            return
        run = services.retention_run(
            source=RetentionRun.Source.COMMAND, actor=f"jobbro retention ({getpass.getuser()})"
        )
        if run is None:  # only the worker's daily run is claimed once a day
            raise CommandError("Another retention run holds today's claim.")
        for code, done in run.counts.items():
            if code != "pruned":
                self.stdout.write(
                    f"{code}: {done['citizens']} citizens anonymised (closed before "
                    f"{done['cutoff']})" + ("" if done["enabled"] else " - switched off")
                )
        pruned = ", ".join(f"{name} {n}" for name, n in run.counts["pruned"].items())
        self.stdout.write(f"Pruned: {pruned}.")
        self.stdout.write(f"Recorded as retention run {run.pk}.")

    def _plan(self) -> None:
        for plan in services.retention_plan(detail=True):
            state = "" if plan.settings.enabled else " (switched off: nothing happens)"
            self.stdout.write(
                f"{plan.municipality.code} {plan.municipality.name}: keep "
                f"{plan.settings.keep_months} months, cut-off {plan.cutoff:%Y-%m-%d}: "
                f"{plan.citizens} citizens would be anonymised{state}"
            )
            for model, rows in plan.rows.items():
                if rows:
                    self.stdout.write(f"    {model}: {rows} rows")
        pruned = services.prune_plan(timezone.now())
        self.stdout.write("Would prune: " + ", ".join(f"{k} {v}" for k, v in pruned.items()) + ".")
        self.stdout.write("Dry run: nothing was changed.")
