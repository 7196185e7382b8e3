"""Placements (praktikker) and what belongs to them."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jobbro.errors import StaleVersion
from jobbro.lib import schedule
from jobbro.lib.workdays import danish_holidays, is_working_day
from jobbro.municipalities.models import TenantModel, TenantQuerySet
from jobbro.placements import followup
from jobbro.versioning import Versioned


class ConversationKind(models.TextChoices):
    START = "start", _("Opstartssamtale")
    MIDWAY = "midway", _("Midtvejssamtale")
    FINAL = "final", _("Afslutningssamtale")


class FollowUpTemplateQuerySet(TenantQuerySet):
    def newest(self, kind: str) -> "FollowUpTemplate":
        """The version in force for one kind (version 1 is provisioned with the municipality)."""
        found = self.filter(kind=kind).order_by("-version").first()
        if found is None:
            raise FollowUpTemplate.DoesNotExist(f"No {kind} form: is the municipality set up?")
        return found


class FollowUpTemplate(TenantModel):
    """One version of a municipality's follow-up form for one kind of conversation."""

    kind = models.CharField(_("samtale"), max_length=10, choices=ConversationKind.choices)
    version = models.PositiveIntegerField(_("version"))
    questions = models.JSONField(_("spørgsmål"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = FollowUpTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "version"], name="followuptemplate_version_unique"
            )
        ]
        verbose_name = _("opfølgningsskema")
        verbose_name_plural = _("opfølgningsskemaer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def question_list(self) -> list[followup.Question]:
        return followup.from_data(self.questions)


class Purpose(models.TextChoices):
    # BEK 2636/2021 § 60: the three purposes of a virksomhedspraktik.
    ORDINARY_HOURS = "ordinary_hours", _("Optræning af ordinær arbejdstid")
    SKILLS = "skills", _("Oplæring i bestemte faglige kompetencer")
    JOB_GOAL = "job_goal", _("Afklaring af jobmål")


class PlacementSettings(TenantModel):
    """The programme's length in this municipality, and the legal basis shown with it."""

    weeks = models.PositiveSmallIntegerField(
        _("praktikkens længde i uger"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    legal_basis = models.TextField(
        _("lovgrundlag"),
        default=(
            "Virksomhedspraktik efter LAB kapitel 11. For dagpengemodtagere er det almindelige "
            "maksimum 4 uger (LAB § 61); programmet 'virksomhedsrettet indsats med "
            "jobkontaktperson' bruger 8 uger. Højst 37 timer om ugen og inden for "
            "virksomhedens normale arbejdstid (BEK 2636/2021 § 60)."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="placementsettings_one")
        ]

    def __str__(self) -> str:
        return f"{self.weeks} uger"

    @classmethod
    def of(cls, municipality_id: int) -> "PlacementSettings":
        """Provisioned when the municipality is set up (placement_defaults_provision)."""
        return cls.objects.get(municipality_id=municipality_id)


ACTIVE_STATUSES = ("planned", "active")


class PlacementQuerySet(TenantQuerySet):
    def current(self) -> "PlacementQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def overlapping(self, start: date, end: date) -> "PlacementQuerySet":
        return self.filter(start_on__lte=end, end_on__gte=start)


def working_day_error(day: date) -> str | None:
    """Why a placement or conversation may not be on this day (Danish), or None."""
    if is_working_day(day):
        return None
    # Holiday names are Danish proper names ("Juledag"); the rest is translated.
    name = danish_holidays(day.year).get(day)
    what = name or (gettext("en weekend") if day.weekday() >= 5 else gettext("en lukkedag"))
    return gettext("%(day)s er %(what)s. Vælg en hverdag.") % {
        "day": f"{day:%d.%m.%Y}",
        "what": what,
    }


class Placement(Versioned, TenantModel):
    """Praktik: a course's internship at one workplace with one job contact person.

    Its state changes (activate, end_early, reschedule, complete) are methods here that
    check the placement's own rules and claim the next version; the services around
    them hold the transaction and the work on the course, conversations and capacity.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ACTIVE = "active", _("I gang")
        COMPLETED = "completed", _("Gennemført")
        ENDED_EARLY = "ended_early", _("Afbrudt")

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="placements")
    # The citizen too, so "one current placement per citizen" is a database constraint.
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="placements"
    )
    workplace = models.ForeignKey(
        "companies.Workplace", on_delete=models.PROTECT, related_name="placements"
    )
    contact_person = models.ForeignKey(
        "companies.ContactPerson", on_delete=models.PROTECT, related_name="placements"
    )
    start_on = models.DateField(_("startdato"))
    weeks = models.PositiveSmallIntegerField(
        _("uger"), validators=[MinValueValidator(1), MaxValueValidator(26)]
    )
    end_on = models.DateField(_("slutdato"))
    hours_per_week = models.DecimalField(
        _("timer pr. uge"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("37"))],
    )
    purpose = models.CharField(_("formål"), max_length=20, choices=Purpose.choices)
    tasks = models.TextField(_("arbejdsopgaver"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    extended = models.BooleanField(_("forlænget"), default=False)
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    end_reason = models.TextField(_("begrundelse for afbrydelse"), blank=True)
    activation_override = models.TextField(
        _("begrundelse for start uden godkendt forventningsafstemning"), blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="placement_one_current_per_citizen",
                violation_error_message=_("Borgeren har allerede en planlagt eller aktiv praktik."),
            ),
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")), name="placement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0) & Q(hours_per_week__lte=37),
                name="placement_hours_at_most_37",
            ),
        ]
        indexes = [
            models.Index(fields=["workplace", "status", "start_on", "end_on"]),
            models.Index(fields=["municipality", "status"]),
        ]
        verbose_name = _("praktik")
        verbose_name_plural = _("praktikker")

    def __str__(self) -> str:
        return f"{self.workplace.name} {self.start_on:%d.%m.%Y}–{self.end_on:%d.%m.%Y}"

    @property
    def is_current(self) -> bool:
        return self.status in ACTIVE_STATUSES

    # -- state changes -------------------------------------------------------------

    def stale(self) -> StaleVersion:
        return StaleVersion(
            gettext(
                "Praktikken er ændret af en anden, siden du åbnede den. "
                "Genindlæs siden og prøv igen."
            )
        )

    def check_reschedule(self, *, start_on: date, weeks: int, reason: str) -> None:
        """Refuse a new period this placement may not get (before anything is counted)."""
        if not self.is_current:
            raise ValidationError(gettext("Kun en planlagt eller aktiv praktik kan ændres."))
        errors: dict[str, list[str]] = {}
        if start_on != self.start_on:
            if self.status != self.Status.PLANNED:
                errors["start_on"] = [
                    gettext("Startdatoen kan kun flyttes, før praktikken er startet.")
                ]
            elif problem := working_day_error(start_on):
                errors["start_on"] = [problem]
        if not 1 <= weeks <= 26:
            errors["weeks"] = [gettext("En praktik varer mellem 1 og 26 uger.")]
        if not reason.strip():
            errors["reason"] = [gettext("Skriv hvorfor praktikken ændres.")]
        if errors:
            raise ValidationError(errors)

    def reschedule(self, *, version: int, start_on: date, weeks: int, reason: str) -> None:
        """Move the start, shorten or extend (the conversations follow in the service)."""
        self.check_reschedule(start_on=start_on, weeks=weeks, reason=reason)
        self.claim(version)
        longer = weeks > self.weeks
        self.start_on, self.weeks = start_on, weeks
        self.end_on = schedule.end_date(start_on, weeks)
        self.extended = self.extended or longer
        self.save(update_fields=["start_on", "weeks", "end_on", "extended"])

    def activate(self, *, version: int, override_reason: str = "") -> None:
        """Start the internship; ``override_reason`` when it starts without all approvals."""
        if self.status != self.Status.PLANNED:
            raise ValidationError(gettext("Kun en planlagt praktik kan startes."))
        self.claim(version)
        self.status = self.Status.ACTIVE
        self.activation_override = override_reason.strip()
        self.save(update_fields=["status", "activation_override"])

    def end_early(self, *, version: int, reason: str, today: date) -> None:
        """Break the internship off; the conversations not held are cancelled."""
        if not self.is_current:
            raise ValidationError(gettext("Praktikken er allerede afsluttet."))
        if not reason.strip():
            raise ValidationError({"reason": [gettext("Skriv hvorfor praktikken afbrydes.")]})
        self.claim(version)
        self.status, self.ended_on = self.Status.ENDED_EARLY, today
        self.end_reason = reason.strip()
        self.save(update_fields=["status", "ended_on", "end_reason"])
        self.conversations.filter(status=Conversation.Status.PLANNED).update(
            status=Conversation.Status.CANCELLED
        )

    def complete(self, *, held_on: date) -> None:
        """The final conversation was held: the internship is completed."""
        self.status, self.ended_on = self.Status.COMPLETED, held_on
        self.save(update_fields=["status", "ended_on"])


class AgreementVersion(TenantModel):
    """One version of the three-party expectations agreement (forventningsafstemning)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField()
    goals = models.TextField(_("mål med praktikken"))
    tasks = models.TextField(_("arbejdsopgaver"))
    hours_and_place = models.TextField(_("arbejdstid og -sted"))
    support = models.TextField(_("støtte fra jobkontaktpersonen, og hvor ofte"))
    feedback = models.TextField(_("hvordan feedback gives"))
    contacts = models.TextField(_("kontaktoplysninger"))
    ending = models.TextField(_("hvad sker der, når praktikken slutter"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    CONTENT_FIELDS = (
        "goals",
        "tasks",
        "hours_and_place",
        "support",
        "feedback",
        "contacts",
        "ending",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "number"], name="agreementversion_unique")
        ]

    def __str__(self) -> str:
        return f"Forventningsafstemning v{self.number}"

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}


class Party(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    CONTACT_PERSON = "contact_person", _("Jobkontaktperson")
    JOBCENTER = "jobcenter", _("Jobcenter")


class AgreementApproval(TenantModel):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="approvals"
    )
    party = models.CharField(max_length=20, choices=Party.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Staff recorded an approval given on paper on the party's behalf: shown as such.
    on_paper = models.BooleanField(_("givet på papir"), default=False)
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="agreementapproval_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} godkendte v{self.version.number}"


# A booked conversation's length in minutes: the default, and the allowed range.
DEFAULT_DURATION, MIN_DURATION, MAX_DURATION = 60, 5, 480


class Conversation(TenantModel):
    """A planned conversation: start, midway, final, or a weekly feedback meeting."""

    class Kind(models.TextChoices):
        START = "start", _("Opstartssamtale")
        MIDWAY = "midway", _("Midtvejssamtale")
        FINAL = "final", _("Afslutningssamtale")
        WEEKLY_FEEDBACK = "weekly_feedback", _("Ugentligt feedbackmøde")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        HELD = "held", _("Afholdt")
        CANCELLED = "cancelled", _("Aflyst")
        NO_SHOW = "no_show", _("Udeblevet")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="conversations")
    kind = models.CharField(_("samtale"), max_length=20, choices=Kind.choices)
    week = models.PositiveSmallIntegerField(_("uge"))
    planned_on = models.DateField(_("dato"))
    # A time, length and place once the conversation is booked; the plan gives only the day.
    planned_at = models.TimeField(_("klokkeslæt"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("varighed i minutter"), default=DEFAULT_DURATION
    )
    location = models.CharField(_("sted"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    moved = models.BooleanField(default=False)
    held_on = models.DateField(_("afholdt den"), null=True, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    template = models.ForeignKey(
        FollowUpTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["planned_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "kind", "week"], name="conversation_one_per_kind_and_week"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=MIN_DURATION)
                & models.Q(duration_minutes__lte=MAX_DURATION),
                name="conversation_duration_5_to_480_minutes",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "planned_on"]),
            # The reminder worker looks across municipalities for one day's conversations.
            models.Index(fields=["planned_on", "kind"], name="conversation_day_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%d.%m.%Y}"

    @property
    def has_form(self) -> bool:
        return self.kind != self.Kind.WEEKLY_FEEDBACK


class WeeklyFeedback(TenantModel):
    """What the job contact person reports for one week of the internship."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="feedback")
    week = models.PositiveSmallIntegerField(_("uge"))
    tasks_done = models.TextField(_("hvad praktikanten har lavet"), blank=True)
    behaviour = models.TextField(_("adfærd på arbejdspladsen"), blank=True)
    professional = models.PositiveSmallIntegerField(
        _("faglige kompetencer (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    social = models.PositiveSmallIntegerField(
        _("sociale kompetencer (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    cv_help = models.BooleanField(_("hjælp til CV"), default=False)
    applications_helped = models.PositiveSmallIntegerField(_("ansøgninger hjulpet med"), default=0)
    network_contacts = models.PositiveSmallIntegerField(_("kontakter i netværket"), default=0)
    concerns = models.TextField(_("bekymringer"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # True when jobcenter staff typed it in for the job contact person.
    on_behalf = models.BooleanField(_("registreret af jobcentret"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "week"], name="weeklyfeedback_one_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"Feedback uge {self.week}"


class SupportEntry(TenantModel):
    """The job contact person's help made visible: CV, applications, network."""

    class Kind(models.TextChoices):
        CV = "cv", _("CV opdateret")
        APPLICATION = "application", _("Jobansøgning sendt")
        NETWORK = "network", _("Kontakt i netværket")

    class Answer(models.TextChoices):
        PENDING = "pending", _("Afventer svar")
        INTERVIEW = "interview", _("Til samtale")
        REJECTED = "rejected", _("Afslag")
        OFFER = "offer", _("Tilbud om job")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("dato"))
    company = models.CharField(_("virksomhed"), max_length=200, blank=True)
    position = models.CharField(_("stilling"), max_length=200, blank=True)
    answer = models.CharField(_("svar"), max_length=20, choices=Answer.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d.%m.%Y}"
