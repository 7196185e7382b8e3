"""Courses (forløb): phases, phase history, timeline events, homework, information
meetings and the municipality's waiting-time settings. All tenant data."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.models import Citizen
from jobbro.errors import Conflict, StaleVersion
from jobbro.lib import clock, waiting
from jobbro.municipalities.models import TenantModel, TenantQuerySet
from jobbro.versioning import Versioned


class Phase(models.TextChoices):
    # The codes are a public API contract: keep them as written.
    REFERRED = "referred", _("Visiteret")
    MATCHING = "matching", _("Matching")
    PREPARATION = "preparation", _("Klargøring")
    IN_PLACEMENT = "in_placement", _("I praktik")
    FOLLOW_UP = "follow_up", _("Opfølgning")
    CLOSED = "closed", _("Afsluttet")


OPEN_PHASES = [p for p in Phase.values if p != Phase.CLOSED]

NEXT_ACTION_LABELS = {
    waiting.FIRST_COMPANY_CONTACT: _("Første virksomhedskontakt"),
    waiting.FOLLOW_UP_CONTACT: _("Opfølgende kontakt"),
    waiting.PLACEMENT_START: _("Praktikstart"),
}


class Outcome(models.TextChoices):
    JOB_SAME_COMPANY = "job_same_company", _("Ordinært job i praktikvirksomheden")
    JOB_OTHER_COMPANY = "job_other_company", _("Ordinært job i en anden virksomhed")
    EDUCATION = "education", _("Uddannelse")
    OTHER_PROGRAMME = "other_programme", _("Anden indsats")
    STILL_UNEMPLOYED = "still_unemployed", _("Fortsat ledig")


JOB_OUTCOMES = {Outcome.JOB_SAME_COMPANY, Outcome.JOB_OTHER_COMPANY}


class MunicipalitySettings(TenantModel):
    """The waiting-time limits of one jobcenter; provisioned with the defaults when the
    municipality is set up (cases.services.course_defaults_provision)."""

    first_contact_days = models.PositiveSmallIntegerField(
        _("dage fra visitation til første virksomhedskontakt"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("dage uden opfølgende kontakt"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    match_to_start_days = models.PositiveSmallIntegerField(
        _("dage fra match til praktikstart"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    reminders_enabled = models.BooleanField(
        _("send påmindelser på e-mail"),
        default=True,
        help_text=_(
            "Jobkontaktpersoner og borgere får påmindelser om samtaler og manglende "
            "feedback; sagsbehandlere og konsulenter en daglig oversigt over overskredne frister."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="municipalitysettings_one")
        ]
        verbose_name = _("indstillinger")
        verbose_name_plural = _("indstillinger")

    @classmethod
    def of(cls, municipality_id: int) -> "MunicipalitySettings":
        return cls.objects.get(municipality_id=municipality_id)

    @property
    def limits(self) -> waiting.Limits:
        return waiting.Limits(
            first_contact_days=self.first_contact_days,
            follow_up_days=self.follow_up_days,
            match_to_start_days=self.match_to_start_days,
        )


class AddDays(Func):
    """date + n days, returning a date on both PostgreSQL and SQLite."""

    output_field = models.DateField()

    def __init__(self, expression, days: int) -> None:
        self.days = int(days)
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + {self.days})", params  # PostgreSQL: date + integer is a date

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '+{self.days} days')", params


class CourseQuerySet(TenantQuerySet):
    def open(self) -> "CourseQuerySet":
        return self.exclude(phase=Phase.CLOSED)

    def of_staff(self, user_id: int) -> "CourseQuerySet":
        """Courses where the person is caseworker or consultant (both roles in one list)."""
        return self.filter(Q(caseworker_id=user_id) | Q(consultant_id=user_id))

    def with_due(self, limits: waiting.Limits) -> "CourseQuerySet":
        """Annotate next_action and due_on: jobbro.lib.waiting.next_due in SQL."""
        follow_up_base = Greatest(
            Coalesce("last_contact_on", "phase_started_on"), F("phase_started_on")
        )
        due_on = Case(
            When(phase=Phase.CLOSED, then=Value(None, output_field=models.DateField())),
            When(
                phase=Phase.PREPARATION,
                then=AddDays(F("phase_started_on"), limits.match_to_start_days),
            ),
            When(
                phase__in=[Phase.IN_PLACEMENT, Phase.FOLLOW_UP],
                then=AddDays(follow_up_base, limits.follow_up_days),
            ),
            When(
                first_company_contact_on__isnull=True,
                then=AddDays(F("visitation_on"), limits.first_contact_days),
            ),
            default=AddDays(
                Coalesce("last_contact_on", "first_company_contact_on"), limits.follow_up_days
            ),
            output_field=models.DateField(),
        )
        next_action = Case(
            When(phase=Phase.CLOSED, then=Value("")),
            When(phase=Phase.PREPARATION, then=Value(waiting.PLACEMENT_START)),
            When(
                phase__in=[Phase.IN_PLACEMENT, Phase.FOLLOW_UP],
                then=Value(waiting.FOLLOW_UP_CONTACT),
            ),
            When(first_company_contact_on__isnull=True, then=Value(waiting.FIRST_COMPANY_CONTACT)),
            default=Value(waiting.FOLLOW_UP_CONTACT),
            output_field=models.CharField(),
        )
        return self.annotate(due_on=due_on, next_action=next_action)

    def overdue(self, today: date) -> "CourseQuerySet":
        """Needs with_due(); a due date of today is still on time."""
        return self.filter(due_on__lt=today)

    def worklist_order(self) -> "CourseQuerySet":
        # Overdue first, then by due date: an earlier due date is exactly that order.
        return self.order_by(F("due_on").asc(nulls_last=True), "id")


STALE_MESSAGE = "Forløbet er ændret af en anden, siden du åbnede det. Genindlæs siden og prøv igen."


class CourseChanged(StaleVersion):
    """Someone saved the course after this user opened it (HTTP 409 stale_version)."""

    def __init__(self) -> None:
        super().__init__(gettext(STALE_MESSAGE), code="stale")


JOB_AND_EDUCATION = JOB_OUTCOMES | {Outcome.EDUCATION}

VISITATION_FIELDS = (
    "visitation_on",
    "motivation_notes",
    "voluntary",
    "consent_to_share",
    "info_meeting_attended",
    "info_meeting_on",
)

CLOSE_FIELDS = [
    "phase",
    "phase_started_on",
    "closed_on",
    "outcome",
    "outcome_hours_per_week",
    "outcome_start_on",
    "outcome_programme",
    "upskilling",
    "close_reason",
]


def outcome_errors(
    outcome: str, hours: Decimal | None, start_on: date | None, programme: str, reason: str
) -> dict[str, str]:
    """What is missing to close a course with this outcome (Danish, by field)."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = gettext("Vælg forløbets resultat, før det afsluttes.")
    if outcome in JOB_OUTCOMES:
        if hours is None or not (Decimal("1") <= hours <= Decimal("60")):
            errors["outcome_hours_per_week"] = gettext("Skriv antal timer pr. uge i jobbet (1–60).")
        if start_on is None:
            errors["outcome_start_on"] = gettext("Skriv hvornår jobbet begynder.")
    if outcome == Outcome.EDUCATION and start_on is None:
        errors["outcome_start_on"] = gettext("Skriv hvornår uddannelsen begynder.")
    if outcome == Outcome.OTHER_PROGRAMME and not programme.strip():
        errors["outcome_programme"] = gettext("Skriv hvilken anden indsats borgeren overgår til.")
    if not reason.strip():
        errors["close_reason"] = gettext("Skriv en begrundelse for afslutningen.")
    return errors


class Course(Versioned, TenantModel):
    """Forløb: one citizen's way through the programme.

    Its state changes are methods here, each checking the course's own rules and
    claiming the next version (optimistic locking, jobbro.versioning); the services
    around them hold the transaction, the access log and the work across models.
    """

    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="courses")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sagsbehandler"),
        on_delete=models.PROTECT,
        related_name="casework_courses",
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("virksomhedskonsulent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultant_courses",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default="referred")
    phase_started_on = models.DateField(_("i fasen siden"), default=date.today)

    # Visitation
    visitation_on = models.DateField(_("visitationsdato"), default=date.today)
    motivation_notes = models.TextField(_("motivation"), blank=True)
    voluntary = models.BooleanField(_("frivillig deltagelse"), default=True)
    consent_to_share = models.BooleanField(
        _("samtykke til at dele oplysninger med virksomheden"), default=False
    )
    info_meeting_attended = models.BooleanField(_("deltaget i informationsmøde"), default=False)
    info_meeting_on = models.DateField(_("dato for informationsmøde"), null=True, blank=True)

    # Kept by course_contact_record so the waiting-time guard is one SQL expression.
    first_company_contact_on = models.DateField(null=True, blank=True)
    last_contact_on = models.DateField(null=True, blank=True)

    # Outcome (set when closing)
    outcome = models.CharField(_("resultat"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_hours_per_week = models.DecimalField(
        _("timer pr. uge"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    outcome_start_on = models.DateField(_("startdato"), null=True, blank=True)
    outcome_programme = models.CharField(_("hvilken indsats"), max_length=200, blank=True)
    upskilling = models.TextField(_("anbefalet opkvalificering"), blank=True)
    close_reason = models.TextField(_("begrundelse"), blank=True)
    closed_on = models.DateField(_("afsluttet den"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    # Annotated by CourseQuerySet.with_due, and by the worklist for its rows.
    due_on: date | None
    next_action: str
    days_overdue: int
    next_action_label: str

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=~Q(phase="closed"),
                name="course_one_open_per_citizen",
                violation_error_message=_("Borgeren har allerede et åbent forløb."),
            ),
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="course_phase_known"),
            models.CheckConstraint(
                condition=~Q(phase="closed") | ~Q(outcome=""),
                name="course_closed_has_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "phase"]),
            models.Index(fields=["municipality", "caseworker", "phase"]),
            models.Index(fields=["municipality", "consultant", "phase"]),
        ]
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")

    def __str__(self) -> str:
        return f"{self.citizen} ({self.get_phase_display()})"

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    def due(self, limits: waiting.Limits) -> waiting.Due | None:
        return waiting.next_due(
            phase=self.phase,
            visitation_on=self.visitation_on,
            phase_started_on=self.phase_started_on,
            first_company_contact_on=self.first_company_contact_on,
            last_contact_on=self.last_contact_on,
            limits=limits,
        )

    # -- state changes -------------------------------------------------------------

    claim_also = {"updated_at": timezone.now}

    def stale(self) -> StaleVersion:
        return CourseChanged()

    def _record_phase(
        self, by: Any, to_phase: str, reason: str, details: dict[str, Any] | None = None
    ) -> None:
        PhaseChange.objects.create(
            municipality_id=self.municipality_id,
            course=self,
            from_phase=self.phase,
            to_phase=to_phase,
            by=by,
            reason=reason,
            details=details or {},
        )

    def update_visitation(self, fields: dict[str, Any], *, version: int) -> None:
        for name in VISITATION_FIELDS:
            if name in fields:
                setattr(self, name, fields[name])
        if self.phase == Phase.REFERRED:
            self.phase_started_on = self.visitation_on
        self.full_clean()
        self.claim(version)
        self.save(update_fields=[*VISITATION_FIELDS, "phase_started_on", "version"])

    def transition(
        self, to_phase: str, *, version: int, by: Any, reason: str = "", today: date
    ) -> None:
        """Enter another phase along TRANSITIONS (cases/transitions.py), if its guard allows."""
        from jobbro.cases.transitions import guard

        if to_phase not in Phase.values:
            raise ValidationError({"to_phase": gettext("Vælg en fase fra listen.")})
        if problem := guard(self, to_phase):
            # A valid phase the course may not enter now: a rule conflict (HTTP 409).
            raise Conflict({"to_phase": problem})
        self.claim(version)
        self._record_phase(by, to_phase, reason)
        self.phase, self.phase_started_on = to_phase, today
        self.save(update_fields=["phase", "phase_started_on", "version"])

    def close(
        self,
        *,
        version: int,
        by: Any,
        outcome: str,
        reason: str,
        upskilling: str = "",
        hours_per_week: Decimal | None = None,
        start_on: date | None = None,
        programme: str = "",
        today: date,
    ) -> None:
        """Close with an outcome; the outcome is kept in the phase history too."""
        if self.is_closed:
            raise ValidationError(gettext("Forløbet er allerede afsluttet."))
        if errors := outcome_errors(outcome, hours_per_week, start_on, programme, reason):
            raise ValidationError(errors)
        self.claim(version)
        job = outcome in JOB_OUTCOMES
        details = {
            "outcome": outcome,
            "hours_per_week": str(hours_per_week) if job else None,
            "start_on": start_on.isoformat() if start_on else None,
            "programme": programme if outcome == Outcome.OTHER_PROGRAMME else "",
            "upskilling": upskilling,
        }
        self._record_phase(by, Phase.CLOSED, reason, details)
        self.phase, self.phase_started_on, self.closed_on = Phase.CLOSED, today, today
        self.outcome = outcome
        self.outcome_hours_per_week = hours_per_week if job else None
        self.outcome_start_on = start_on if outcome in JOB_AND_EDUCATION else None
        self.outcome_programme = programme if outcome == Outcome.OTHER_PROGRAMME else ""
        self.upskilling, self.close_reason = upskilling, reason
        self.save(update_fields=[*CLOSE_FIELDS, "version"])

    def reopen(self, *, version: int, by: Any, reason: str, today: date) -> None:
        """Back to the phase it was closed from, with a reason; the outcome is cleared."""
        if not self.is_closed:
            raise ValidationError(gettext("Forløbet er ikke afsluttet."))
        if not reason.strip():
            raise ValidationError({"reason": gettext("Skriv hvorfor forløbet genåbnes.")})
        if Course.objects.filter(citizen_id=self.citizen_id).open().exists():
            raise ValidationError(gettext("Borgeren har allerede et åbent forløb."))
        last_close = self.phase_changes.filter(to_phase=Phase.CLOSED).order_by("-at", "-id").first()
        back_to = (last_close.from_phase if last_close else "") or Phase.REFERRED
        self.claim(version)
        self._record_phase(by, back_to, reason)
        self.phase, self.phase_started_on, self.closed_on = back_to, today, None
        self.outcome, self.outcome_hours_per_week, self.outcome_start_on = "", None, None
        self.outcome_programme = self.close_reason = ""
        try:
            with transaction.atomic():
                self.save(update_fields=[*CLOSE_FIELDS, "version"])
        except IntegrityError:
            raise ValidationError(gettext("Borgeren har allerede et åbent forløb.")) from None


class PhaseChange(TenantModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("begrundelse"), blank=True)
    # The outcome at closing, so a later reopening does not lose it.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["course", "at"])]


class CourseEvent(TenantModel):
    """One entry on the course timeline that is not a phase change.

    Notes, contacts and reassignments are written here. Later features (conversations,
    contact attempts) add kinds and write through ``course_contact_record`` so the
    waiting-time guard sees their contacts.
    """

    class Kind(models.TextChoices):
        NOTE = "note", _("Journalnotat")
        COMPANY_CONTACT = "company_contact", _("Kontakt med virksomhed")
        FOLLOW_UP_CONTACT = "follow_up_contact", _("Opfølgende kontakt")
        ASSIGNMENT = "assignment", _("Tildeling")
        INFO_MEETING = "info_meeting", _("Informationsmøde")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    occurred_on = models.DateField(_("dato"), default=date.today)
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("retter notat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )

    class Meta:
        ordering = ["-occurred_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["course", "kind", "occurred_on"])]

    # Journal notes may be edited for 24 hours; after that they are corrected by a new
    # note that points to them, so the journal shows what was known when.
    EDIT_WINDOW = timedelta(hours=24)

    def can_be_edited(self, *, now: datetime | None = None) -> bool:
        now = now or clock.now()
        return self.kind == self.Kind.NOTE and now - self.created_at <= self.EDIT_WINDOW


class HomeworkTemplate(TenantModel):
    class Kind(models.TextChoices):
        GENERAL = "general", _("Almindelig opgave")
        WISH_WORKPLACES = "wish_workplaces", _("Ønskearbejdspladser")

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default="general")
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("skabelon for hjemmearbejde")
        verbose_name_plural = _("skabeloner for hjemmearbejde")

    def __str__(self) -> str:
        return self.title


DEFAULT_HOMEWORK_TEMPLATES = [
    (
        "Find tre ønskearbejdspladser",
        "Find tre virksomheder, du gerne vil arbejde hos, og skriv hvorfor.",
        HomeworkTemplate.Kind.WISH_WORKPLACES,
    ),
    (
        "Kontakt en virksomhed om en jobåbning",
        "Ring eller skriv til en virksomhed om en ledig stilling eller praktik, og fortæl "
        "hvordan det gik.",
        HomeworkTemplate.Kind.GENERAL,
    ),
    (
        "Opdater dit CV",
        "Opdater dit CV med din seneste erfaring og dine kompetencer.",
        HomeworkTemplate.Kind.GENERAL,
    ),
]


class HomeworkItem(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        DONE = "done", _("Udført")
        NOT_DONE = "not_done", _("Ikke udført")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="homework")
    template = models.ForeignKey(
        HomeworkTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=HomeworkTemplate.Kind.choices, default="general")
    description = models.TextField(_("beskrivelse"))
    due_on = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    answer = models.TextField(_("borgerens svar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["course", "status"])]
        verbose_name = _("hjemmearbejde")
        verbose_name_plural = _("hjemmearbejde")

    def __str__(self) -> str:
        return self.description[:60]


class InformationMeeting(TenantModel):
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = models.CharField(_("sted"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("antal pladser"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["municipality", "starts_at"])]
        verbose_name = _("informationsmøde")
        verbose_name_plural = _("informationsmøder")

    def __str__(self) -> str:
        return f"{clock.local(self.starts_at):%d.%m.%Y %H:%M}, {self.place}"


class MeetingInvitation(TenantModel):
    meeting = models.ForeignKey(
        InformationMeeting, on_delete=models.CASCADE, related_name="invitations"
    )
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField(_("deltog"), null=True, blank=True)
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["citizen__last_name", "citizen__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "citizen"], name="invitation_unique")
        ]
