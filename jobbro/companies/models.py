"""Companies, their workplaces (P-numbers) and job contact persons.

Companies are shared partners: one company can take interns from several
municipalities, so these tables carry no municipality_id. Which municipalities
know a company is recorded in CompanyRelation, which is tenant data.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.companies.validators import validate_cvr, validate_p_number
from jobbro.municipalities.models import TenantModel

db07_validator = RegexValidator(r"^\d{6}$", _("Branchekoden skal være en DB07-kode på 6 cifre."))
postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret skal have 4 cifre."))


class Company(models.Model):
    cvr = models.CharField(_("CVR-nummer"), max_length=8, unique=True, validators=[validate_cvr])
    name = models.CharField(_("navn"), max_length=200)
    industry_code = models.CharField(
        _("branchekode (DB07)"), max_length=6, validators=[db07_validator]
    )
    industry_text = models.CharField(_("branche"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postnummer"), max_length=4, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["industry_code"]), models.Index(fields=["name"])]
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")

    def __str__(self) -> str:
        return f"{self.name} (CVR {self.cvr})"


class CompanyRelation(TenantModel):
    """A municipality's jobcenter knows and works with this company."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="relations")
    since = models.DateField(_("samarbejde siden"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "company"], name="companyrelation_unique"
            )
        ]


class Workplace(models.Model):
    """One P-number: the unit the capacity rule (BEK 2636/2021 § 65) is counted on."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="workplaces")
    p_number = models.CharField(
        _("P-nummer"), max_length=10, unique=True, validators=[validate_p_number]
    )
    name = models.CharField(_("navn"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, validators=[postcode_validator])
    city = models.CharField(_("by"), max_length=100, blank=True)
    ordinary_employees = models.DecimalField(
        _("ordinært ansatte (årsværk)"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000"))],
        help_text=_("Gennemsnit af de 4 måneder før praktikstart, uden støttede og under 18 år."),
    )
    employees_stated_on = models.DateField(_("antal ansatte oplyst den"), null=True, blank=True)
    weekly_hours = models.DecimalField(
        _("normal ugentlig arbejdstid"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("37"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("37"))],
    )
    worker_rep_statement_on = models.DateField(
        _("udtalelse fra tillidsrepræsentant"), null=True, blank=True
    )
    other_schemes_count = models.PositiveSmallIntegerField(
        _("personer i løntilskud og nytteindsats"),
        default=0,
        help_text=_("Tælles med i rimelighedskravet sammen med praktikanter."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ordinary_employees__gte=0), name="workplace_employees_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__gt=0) & Q(weekly_hours__lte=37),
                name="workplace_weekly_hours_range",
            ),
        ]
        indexes = [models.Index(fields=["postcode"])]
        verbose_name = _("arbejdssted")
        verbose_name_plural = _("arbejdssteder")

    def __str__(self) -> str:
        return f"{self.name} (P-nr. {self.p_number})"


class ContactPerson(models.Model):
    """A job contact person: employed at a workplace, not at a municipality."""

    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, related_name="contact_persons"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_person",
    )
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jobkontaktperson")
        verbose_name_plural = _("jobkontaktpersoner")

    def __str__(self) -> str:
        return self.name
