"""Courses (forløb): phases, phase history, timeline events, homework, information
meetings and the municipality's waiting-time settings. All tenant data."""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.models import Citizen
from jobbro.lib import waiting
from jobbro.municipalities.models import TenantModel, TenantQuerySet


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
    """The waiting-time limits of one jobcenter; created with the defaults on first use."""

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
    def for_municipality(cls, municipality_id: int) -> "MunicipalitySettings":
        found, _created = cls.objects.get_or_create(municipality_id=municipality_id)
        return found

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


class Course(TenantModel):
    """Forløb: one citizen's way through the programme."""

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
    # Optimistic locking: every edit says which version it started from.
    version = models.PositiveIntegerField(default=1)

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

    def can_be_edited(self, *, now=None) -> bool:
        now = now or timezone.now()
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
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}, {self.place}"


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
