"""Companies, their workplaces (P-numbers) and job contact persons.

Companies are shared partners: one company can take interns from several
municipalities, so these tables carry no municipality_id. Which municipalities
know a company is recorded in CompanyRelation, which is tenant data.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Floor, Greatest, Least
from django.utils.translation import gettext_lazy as _

from jobbro.companies import seams
from jobbro.companies.validators import validate_cvr, validate_p_number
from jobbro.municipalities.models import TenantModel, TenantQuerySet

db07_validator = RegexValidator(r"^\d{6}$", _("Branchekoden skal være en DB07-kode på 6 cifre."))
postcode_validator = RegexValidator(r"^\d{4}$", _("Postnummeret skal have 4 cifre."))


def months_before(today: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (31 March - 1 month = 28/29 Feb)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(today.day, (next_month - timedelta(days=1)).day))


def jobbro_placements_used(
    start: date, end: date, *, exclude_placement_id: int | None = None
) -> models.Expression:
    """Jobbro's planned and active placements at a workplace overlapping [start, end].

    The ONE place companies counts them, as a correlated subquery on ``OuterRef("pk")``
    that the placements app contributes (companies.seams). It is deliberately not
    tenant-scoped: BEK 2636/2021 § 65 counts every supported person at the P-number,
    whichever municipality sent them. ``exclude_placement_id`` leaves one placement out:
    a placement being rescheduled does not take a place from itself.
    """
    return seams.placements().used(start, end, exclude_placement_id)


def allowed_supported_expression() -> models.Expression:
    """jobbro.lib.capacity.allowed_supported in SQL, so lists can filter on free places.

    max(1, floor(min(E, 50) / 5)) + floor(max(E - 50, 0) / 10); a test checks it
    against the pure function.
    """
    dec = models.DecimalField(max_digits=9, decimal_places=1)
    employees = models.F("ordinary_employees")
    first_band = Greatest(
        models.Value(Decimal("1"), output_field=dec),
        Floor(Least(employees, models.Value(Decimal("50"), output_field=dec)) / 5),
    )
    second_band = Floor(
        Greatest(
            employees - models.Value(Decimal("50"), output_field=dec),
            models.Value(Decimal("0"), output_field=dec),
        )
        / 10
    )
    return Cast(first_band + second_band, models.IntegerField())


class WorkplaceQuerySet(models.QuerySet):
    def with_capacity(
        self, start: date, end: date | None = None, *, exclude_placement_id: int | None = None
    ) -> "WorkplaceQuerySet":
        """Annotate capacity_allowed / capacity_used / capacity_free for a period."""
        used = jobbro_placements_used(
            start, end or start, exclude_placement_id=exclude_placement_id
        ) + models.F("other_schemes_count")
        return self.annotate(
            capacity_allowed=allowed_supported_expression(),
            capacity_used=models.ExpressionWrapper(used, output_field=models.IntegerField()),
        ).annotate(
            capacity_free=Greatest(
                models.F("capacity_allowed") - models.F("capacity_used"),
                models.Value(0),
                output_field=models.IntegerField(),
            )
        )


class CompanyQuerySet(models.QuerySet):
    def known_by(self, municipality_id: int) -> "CompanyQuerySet":
        return self.filter(
            Exists(
                CompanyRelation.objects.filter(
                    company=OuterRef("pk"), municipality_id=municipality_id
                )
            )
        )

    def with_last_visit(self, municipality_id: int) -> "CompanyQuerySet":
        """Annotate ``last_visited``: this municipality's latest visit (others' are theirs)."""
        latest = CompanyVisit.objects.filter(
            company=OuterRef("pk"), municipality_id=municipality_id
        ).order_by("-visited_on")
        return self.annotate(last_visited=Subquery(latest.values("visited_on")[:1]))

    def with_flags(self, municipality_id: int, today: date) -> "CompanyQuerySet":
        """Annotate is_ours, has_active_agreement, has_trained_contact, has_free_capacity."""
        return self.annotate(
            is_ours=Exists(
                CompanyRelation.objects.filter(
                    company=OuterRef("pk"), municipality_id=municipality_id
                )
            ),
            has_active_agreement=Exists(
                CooperationAgreement.objects.for_municipality(municipality_id)
                .active_on(today)
                .filter(workplace__company=OuterRef("pk"))
            ),
            has_trained_contact=Exists(
                TrainingRecord.objects.filter(
                    completed=True, contact_person__workplace__company=OuterRef("pk")
                )
            ),
            has_free_capacity=Exists(
                Workplace.objects.with_capacity(today).filter(
                    company=OuterRef("pk"), capacity_free__gt=0
                )
            ),
        )

    def not_visited_since(self, municipality_id: int, cutoff: date) -> "CompanyQuerySet":
        """This municipality's partner companies it has not visited on or after ``cutoff``."""
        return (
            self.known_by(municipality_id)
            .with_last_visit(municipality_id)
            .filter(Q(last_visited__lt=cutoff) | Q(last_visited__isnull=True))
        )


class ContactPersonQuerySet(models.QuerySet):
    def with_trained(self) -> "ContactPersonQuerySet":
        """Trained = has completed an opkvalificering with any municipality."""
        return self.annotate(
            is_trained=Exists(
                TrainingRecord.objects.filter(contact_person=OuterRef("pk"), completed=True)
            )
        )


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

    objects = CompanyQuerySet.as_manager()

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

    objects = WorkplaceQuerySet.as_manager()

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
    # Who registered the person: that municipality may correct the e-mail (the portal
    # identity) while nobody else works with them (companies/sharing.py).
    created_by_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("jobkontaktperson")
        verbose_name_plural = _("jobkontaktpersoner")

    def __str__(self) -> str:
        return self.name


# --- Tenant data about shared companies: each municipality's own work with them. ---

occupation_codes_validator = RegexValidator(
    r"^\s*\d{6}(\s*,\s*\d{6})*\s*$",
    _("Stillingsbetegnelser skal være DISCO-08-koder på 6 cifre, adskilt af komma."),
)


class CooperationAgreementQuerySet(TenantQuerySet):
    def with_state(self, today: date) -> "CooperationAgreementQuerySet":
        """Annotate ``state``: an active agreement whose end date has passed is expired."""
        return self.annotate(
            state=models.Case(
                models.When(
                    status=CooperationAgreement.Status.ACTIVE,
                    end_date__lt=today,
                    then=models.Value(CooperationAgreement.Status.EXPIRED),
                ),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def active_on(self, today: date) -> "CooperationAgreementQuerySet":
        return self.filter(
            status=CooperationAgreement.Status.ACTIVE, start_date__lte=today, end_date__gte=today
        )

    def expiring(self, today: date, days: int = 30) -> "CooperationAgreementQuerySet":
        return self.active_on(today).filter(end_date__lte=today + timedelta(days=days))


class CooperationAgreement(TenantModel):
    """A samarbejdsaftale between this municipality's jobcenter and one workplace."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Udkast")
        ACTIVE = "active", _("Aktiv")
        EXPIRED = "expired", _("Udløbet")

    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("arbejdssted"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    start_date = models.DateField(_("gælder fra"))
    end_date = models.DateField(_("gælder til"))
    signed_on = models.DateField(_("underskrevet den"), null=True, blank=True)
    signed_by = models.CharField(
        _("underskrevet af"),
        max_length=200,
        blank=True,
        help_text=_("Navn og stilling på den, der skrev under for virksomheden."),
    )
    places_offered = models.PositiveSmallIntegerField(
        _("antal praktikpladser"),
        default=1,
        validators=[MaxValueValidator(1000)],
    )
    tasks = models.TextField(_("arbejdsopgaver"), blank=True)
    occupation_codes = models.CharField(
        _("stillingsbetegnelser (DISCO-08)"),
        max_length=200,
        blank=True,
        validators=[occupation_codes_validator],
        help_text=_("6-cifrede DISCO-08-koder adskilt af komma, f.eks. 522300, 932900."),
    )
    occupations_text = models.CharField(_("stillinger i fritekst"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    notes = models.TextField(_("noter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CooperationAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="agreement_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["municipality", "status", "end_date"])]
        verbose_name = _("samarbejdsaftale")
        verbose_name_plural = _("samarbejdsaftaler")

    def __str__(self) -> str:
        return f"{self.workplace.name}: {self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Slutdatoen kan ikke ligge før startdatoen.")}, code="end_before"
            )

    def state_on(self, today: date) -> str:
        if self.status == self.Status.ACTIVE and self.end_date < today:
            return self.Status.EXPIRED
        return self.status


class CompanyVisit(TenantModel):
    """A virksomhedsbesøg by one of this municipality's consultants."""

    company = models.ForeignKey(
        Company, verbose_name=_("virksomhed"), on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("besøgsdato"))
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konsulent"),
        on_delete=models.PROTECT,
        related_name="company_visits",
    )
    purpose = models.CharField(_("formål"), max_length=200)
    notes = models.TextField(_("noter"), blank=True)
    next_step = models.CharField(_("aftalt næste skridt"), max_length=300, blank=True)
    next_step_on = models.DateField(_("dato for næste skridt"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["municipality", "company", "visited_on"])]
        verbose_name = _("virksomhedsbesøg")
        verbose_name_plural = _("virksomhedsbesøg")

    def __str__(self) -> str:
        return f"{self.company.name} {self.visited_on:%d.%m.%Y}"


class CompanyFollowUpSettings(TenantModel):
    """Per-municipality settings for the consultants' follow-up lists."""

    DEFAULT_VISIT_INTERVAL_MONTHS = 6

    visit_interval_months = models.PositiveSmallIntegerField(
        _("besøg senest hver (måneder)"),
        default=DEFAULT_VISIT_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="companyfollowup_one_per_m")
        ]
        verbose_name = _("opfølgningsindstillinger")

    @classmethod
    def interval_for(cls, municipality_id: int) -> int:
        value = (
            cls.objects.filter(municipality_id=municipality_id)
            .values_list("visit_interval_months", flat=True)
            .first()
        )
        return value or cls.DEFAULT_VISIT_INTERVAL_MONTHS


class TrainingRecord(TenantModel):
    """Opkvalificering of a job contact person, held by this municipality."""

    contact_person = models.ForeignKey(
        ContactPerson, on_delete=models.CASCADE, related_name="trainings"
    )
    course = models.CharField(_("kursus"), max_length=200)
    held_on = models.DateField(_("dato"))
    completed = models.BooleanField(_("gennemført"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("opkvalificering")
        verbose_name_plural = _("opkvalificeringer")

    def __str__(self) -> str:
        return f"{self.course} {self.held_on:%d.%m.%Y}"


class ExperienceMeeting(TenantModel):
    """Erfaringsudveksling between job contact persons, hosted by this municipality."""

    held_on = models.DateField(_("dato"))
    topic = models.CharField(_("emne"), max_length=200)
    notes = models.TextField(_("noter"), blank=True)
    attendees = models.ManyToManyField(
        ContactPerson,
        verbose_name=_("deltagere"),
        related_name="experience_meetings",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("erfaringsudveksling")
        verbose_name_plural = _("erfaringsudvekslinger")

    def __str__(self) -> str:
        return f"{self.topic} {self.held_on:%d.%m.%Y}"


class CapacityOverride(TenantModel):
    """A manager let a placement exceed the rimelighedskrav (BEK 2636/2021 § 65): the log."""

    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="capacity_overrides"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="capacity_overrides"
    )
    reason = models.TextField(_("begrundelse"))
    period_start = models.DateField()
    period_end = models.DateField()
    allowed = models.PositiveSmallIntegerField()
    used = models.PositiveSmallIntegerField()
    # Set when the placement this override let through is saved (issue 5 makes it a FK).
    placement_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="capacityoverride_has_reason")
        ]
        verbose_name = _("tilsidesættelse af rimelighedskravet")


class SharedChange(models.Model):
    """One change of shared partner data, by whom and for which municipality.

    Companies, workplaces and job contact persons serve every municipality that works
    with the company, so each change (and each municipality that starts working with a
    company) is recorded here and shown to all of them on the company's page. Not
    tenant data: it belongs to the shared record, with the acting municipality named.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("oprettet")
        CHANGED = "changed", _("ændret")
        RELATED = "related", _("begyndte at arbejde med virksomheden")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="changes")
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    field = models.CharField(max_length=60, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["company", "-at"])]
        verbose_name = _("ændring af fælles oplysninger")
        verbose_name_plural = _("ændringer af fælles oplysninger")

    def __str__(self) -> str:
        return f"{self.object_label}: {self.field} {self.old_value!r} → {self.new_value!r}"

    @property
    def field_label(self) -> str:
        model = {"company": Company, "workplace": Workplace, "contactperson": ContactPerson}.get(
            self.object_type
        )
        if model is None or not self.field:
            return self.field
        return str(model._meta.get_field(self.field).verbose_name)
