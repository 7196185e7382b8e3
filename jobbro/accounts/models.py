"""Users with one role each, and the access log of personal data."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.roles import PASSWORD_ROLES, STAFF_ROLES, Role
from jobbro.municipalities.models import Municipality


class UserQuerySet(models.QuerySet):
    def for_municipality(self, municipality_id: int) -> "UserQuerySet":
        return self.filter(municipality_id=municipality_id)

    def staff(self) -> "UserQuerySet":
        return self.filter(role__in=STAFF_ROLES)


class JobbroUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Medarbejdere hører til én kommune. Tom for evaluatorer og eksterne."),
    )
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    # Raised to end every session of the user at once (log out everywhere, a changed
    # second factor): it is part of the hash each request's session is checked against.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = JobbroUserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=sorted(STAFF_ROLES)) | Q(municipality__isnull=False),
                name="user_staff_has_municipality",
                violation_error_message=_("Medarbejdere skal høre til en kommune."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=[code for code, _label in Role.choices]),
                name="user_role_known",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "role"])]
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_jobcenter_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def needs_second_factor(self) -> bool:
        """Everybody who signs in with a password; portal users sign in by link."""
        return self.role in PASSWORD_ROLES

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django checks every request's session against this hash. Its own hash covers
        # the password (a new password ends other sessions); ours adds the epoch.
        return salted_hmac(
            "jobbro.accounts.User.session",
            f"{self.password}|{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class AccessLogQuerySet(models.QuerySet):
    def about_citizen(self, citizen_id: int) -> "AccessLogQuerySet":
        return self.filter(citizen_id=citizen_id)


class AccessLog(models.Model):
    """Every use of personal data by a user (Datatilsynet's guidance on logging)."""

    class Action(models.TextChoices):
        READ = "read", _("Opslag")
        SEARCH = "search", _("Søgning")
        CREATE = "create", _("Oprettelse")
        UPDATE = "update", _("Ændring")
        EXPORT = "export", _("Udtræk")
        DELETE = "delete", _("Sletning")

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices)
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=40, blank=True)
    # The citizen whose data was touched, so a citizen can see the log about them.
    citizen_id = models.BigIntegerField(null=True, blank=True)
    purpose = models.CharField(_("formål"), max_length=200, blank=True)
    criteria = models.JSONField(_("søgekriterier"), default=dict, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "citizen_id", "at"]),
            models.Index(fields=["at"]),
        ]
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"
