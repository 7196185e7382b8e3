"""How long each municipality keeps a closed course, and what the retention runs did.

The period is the municipality's decision (GDPR art. 5(1)(e)); docs/privacy.md says
where the default comes from and what the data protection officer must confirm.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.municipalities.models import TenantModel

# Jobbro's choice, not a figure from law: see docs/privacy.md, "Hvor længe".
DEFAULT_KEEP_MONTHS = 60
MIN_KEEP_MONTHS, MAX_KEEP_MONTHS = 6, 360


class RetentionSettings(TenantModel):
    """Saved only once an admin changes it; until then the defaults apply."""

    keep_months = models.PositiveSmallIntegerField(
        _("måneder et afsluttet forløb gemmes"),
        default=DEFAULT_KEEP_MONTHS,
        validators=[MinValueValidator(MIN_KEEP_MONTHS), MaxValueValidator(MAX_KEEP_MONTHS)],
        help_text=_(
            "Regnet fra den dag borgerens sidste forløb blev afsluttet. Standard 60 måneder "
            "(5 år) er Jobbros valg, ikke en lovfastsat frist: databeskyttelsesrådgiveren "
            "fastsætter den ud fra kommunens bevarings- og kassationsplan."
        ),
    )
    enabled = models.BooleanField(
        _("anonymisér automatisk"),
        default=True,
        help_text=_(
            "Slå kun fra midlertidigt, fx mens bevaringsværdige oplysninger afleveres til "
            "arkiv (arkivloven § 21)."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="retentionsettings_one"),
            models.CheckConstraint(
                condition=Q(keep_months__gte=MIN_KEEP_MONTHS, keep_months__lte=MAX_KEEP_MONTHS),
                name="retentionsettings_keep_months_range",
            ),
        ]
        verbose_name = _("opbevaring og sletning")
        verbose_name_plural = _("opbevaring og sletning")

    def __str__(self) -> str:
        return f"{self.keep_months} måneder"

    @classmethod
    def for_municipality(cls, municipality_id: int) -> "RetentionSettings":
        """The saved settings, or the defaults (unsaved): a read never writes."""
        found = cls.objects.filter(municipality_id=municipality_id).first()
        return found or cls(municipality_id=municipality_id)


class RetentionRun(models.Model):
    """One run of the retention job across all municipalities, with its counts.

    The worker's daily run claims its day by inserting this row: the partial unique
    constraint lets only one of several workers in."""

    class Source(models.TextChoices):
        WORKER = "worker", _("Baggrundsprocessen (dagligt)")
        COMMAND = "command", _("Kommandoen jobbro retention")

    day = models.DateField()
    source = models.CharField(max_length=10, choices=Source.choices)
    actor = models.CharField(max_length=150)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # {"751": {"cutoff": "2021-06-15", "citizens": 3}, ...} and {"pruned": {...}}:
    # counts only, never a name or number of a person.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"], condition=Q(source="worker"), name="retentionrun_worker_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"retention {self.day} ({self.source})"


class Anonymisation(TenantModel):
    """That (and when) a citizen was anonymised; the citizen row stays for statistics."""

    citizen = models.OneToOneField(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="anonymisation"
    )
    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="anonymisations")
    last_closed_on = models.DateField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"citizen {self.citizen_id} anonymised {self.at:%Y-%m-%d}"
