"""Citizens: the unemployed people in the programme. Tenant data with CPR numbers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.validators import validate_cpr
from jobbro.companies.models import postcode_validator
from jobbro.companies.validators import validate_cvr
from jobbro.lib.cpr import mask_cpr
from jobbro.municipalities.models import TenantModel, TenantQuerySet


class CitizenQuerySet(TenantQuerySet):
    pass


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
    unemployed_since = models.DateField(_("ledig siden"), null=True, blank=True)
    education = models.TextField(_("uddannelse"), blank=True)
    work_experience = models.TextField(_("erhvervserfaring"), blank=True)
    competences = models.TextField(_("kompetencer"), blank=True)
    job_goals = models.TextField(_("jobmål"), blank=True)
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
