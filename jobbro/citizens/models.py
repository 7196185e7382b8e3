"""Citizens: the unemployed people in the programme. Tenant data with CPR numbers."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.validators import validate_cpr
from jobbro.companies.models import postcode_validator
from jobbro.companies.validators import validate_cvr
from jobbro.lib.cpr import CprError, mask_cpr, normalize_cpr
from jobbro.lib.unemployment import is_long_term_unemployed
from jobbro.municipalities.models import TenantModel, TenantQuerySet

# Lists of 6-digit codes, comma separated: DISCO-08 occupations and DB07 industries.
disco_list_validator = RegexValidator(
    r"^\s*\d{6}(\s*,\s*\d{6})*\s*$",
    _("Skriv stillingskoder som DISCO-08-koder på 6 cifre, adskilt af komma (fx 932920)."),
)
db07_list_validator = RegexValidator(
    r"^\s*\d{6}(\s*,\s*\d{6})*\s*$",
    _("Skriv brancher som DB07-koder på 6 cifre, adskilt af komma (fx 471120)."),
)

# The national target groups every jobcenter starts with; each municipality may add more.
DEFAULT_TARGET_GROUPS = [
    ("dagpenge", "Dagpengemodtager"),
    ("kontant-jobparat", "Jobparat kontanthjælpsmodtager"),
    ("kontant-aktivitetsparat", "Aktivitetsparat kontanthjælpsmodtager"),
    ("sygedagpenge", "Sygedagpengemodtager"),
    ("ledighedsydelse", "Ledighedsydelsesmodtager"),
]
DEFAULT_TARGET_GROUP = "dagpenge"


class TargetGroupQuerySet(TenantQuerySet):
    def active(self) -> "TargetGroupQuerySet":
        return self.filter(is_active=True)


class TargetGroup(TenantModel):
    """Målgruppe. Seeded per municipality from DEFAULT_TARGET_GROUPS, extendable."""

    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("navn"), max_length=100)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = TargetGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="targetgroup_code_unique")
        ]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")

    def __str__(self) -> str:
        return self.name


class CitizenQuerySet(TenantQuerySet):
    def search(self, text: str) -> "CitizenQuerySet":
        """Exact CPR (10 digits, with or without dash) or a name; never partial CPR."""
        text = text.strip()
        try:
            return self.filter(cpr=normalize_cpr(text))
        except CprError:
            pass
        qs = self
        for word in text.split():
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return qs


class Citizen(TenantModel):
    # Stored normalised as 10 digits; never validated with modulus 11 (CPR office, 2007).
    cpr = models.CharField(_("CPR-nummer"), max_length=10, validators=[validate_cpr])
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postnummer"), max_length=4, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("by"), max_length=100, blank=True)
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("målgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unemployed_since = models.DateField(_("ledig siden"), null=True, blank=True)
    education = models.TextField(_("uddannelse"), blank=True)
    work_experience = models.TextField(_("erhvervserfaring"), blank=True)
    competences = models.TextField(_("kompetencer"), blank=True)
    occupation_codes = models.CharField(
        _("stillingskoder (DISCO-08)"),
        max_length=200,
        blank=True,
        validators=[disco_list_validator],
        help_text=_("6-cifrede DISCO-08-koder adskilt af komma, fx 932920, 522300."),
    )
    job_goals = models.TextField(_("jobmål"), blank=True)
    wish_industry_codes = models.CharField(
        _("ønskede brancher (DB07)"),
        max_length=200,
        blank=True,
        validators=[db07_list_validator],
        help_text=_("6-cifrede DB07-koder adskilt af komma, fx 471120, 561010."),
    )
    max_commute_km = models.PositiveSmallIntegerField(
        _("maks. transport (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(300)],
    )
    barriers = models.TextField(_("barrierer"), blank=True)
    last_employer_cvr = models.CharField(
        _("seneste arbejdsgivers CVR-nummer"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("Praktik hos seneste arbejdsgiver er ikke tilladt (LAB § 61, stk. 2)."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "cpr"], name="citizen_cpr_unique")
        ]
        indexes = [models.Index(fields=["municipality", "last_name", "first_name"])]
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        return mask_cpr(self.cpr)

    def is_long_term_unemployed(self, *, today: date) -> bool:
        periods = [(p.start_on, p.end_on) for p in self.unemployment_periods.all()]
        return is_long_term_unemployed(periods, unemployed_since=self.unemployed_since, today=today)


class UnemploymentPeriod(TenantModel):
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="unemployment_periods"
    )
    start_on = models.DateField(_("ledig fra"))
    end_on = models.DateField(
        _("ledig til"), null=True, blank=True, help_text=_("Tom, hvis borgeren stadig er ledig.")
    )

    class Meta:
        ordering = ["-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="unemploymentperiod_dates_in_order",
                violation_error_message=_("Ledighedsperioden kan ikke slutte før den begynder."),
            )
        ]
        verbose_name = _("ledighedsperiode")
        verbose_name_plural = _("ledighedsperioder")


MAX_WISH_WORKPLACES = 3


class WishWorkplace(TenantModel):
    """One of at most three dream workplaces the citizen named; matching uses them."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="wish_workplaces")
    position = models.PositiveSmallIntegerField(
        _("nummer"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WISH_WORKPLACES)]
    )
    company_name = models.CharField(_("virksomhed"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])
    why = models.TextField(_("hvorfor"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "position"], name="wishworkplace_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=MAX_WISH_WORKPLACES),
                name="wishworkplace_at_most_three",
            ),
        ]
        verbose_name = _("ønskearbejdsplads")
        verbose_name_plural = _("ønskearbejdspladser")

    def __str__(self) -> str:
        return self.company_name
