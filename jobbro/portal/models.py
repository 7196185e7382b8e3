"""One-time sign-in links for job contact persons and citizens. Only hashes of tokens
are stored; the requests that rate-limit them are accounts.SignInRequest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.lib import clock
from jobbro.lib.hashing import sha256_hex
from jobbro.municipalities.models import TenantModel


def digest(value: str) -> str:
    return sha256_hex(value)


class SignInLinkQuerySet(models.QuerySet):
    def usable(self) -> "SignInLinkQuerySet":
        return self.filter(used_at__isnull=True, expires_at__gt=clock.now())


class SignInLink(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signin_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Who asked for it: the person themself, or a staff member resending it.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignInLinkQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for user {self.user_id}, expires {self.expires_at:%Y-%m-%d %H:%M}"


class WeeklyFeedbackDraft(TenantModel):
    """What a job contact person has typed for one week, saved on every change so a
    lost connection on a phone loses nothing. Submitting turns it into WeeklyFeedback."""

    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.CASCADE, related_name="feedback_drafts"
    )
    contact_person = models.ForeignKey(
        "companies.ContactPerson", on_delete=models.CASCADE, related_name="feedback_drafts"
    )
    week = models.PositiveSmallIntegerField()
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact_person", "placement", "week"], name="feedbackdraft_one"
            )
        ]

    def __str__(self) -> str:
        return f"Kladde uge {self.week}"


DEFAULT_ROLE_TEXT = """Som jobkontaktperson er du praktikantens faste holdepunkt på arbejdspladsen.
Du holder et kort feedbackmøde med praktikanten hver uge og giver feedback i Jobbro.
Du vejleder i arbejdsopgaverne og viser, hvordan arbejdspladsen fungerer.
Du giver social og faglig sparring, så praktikanten bliver en del af fællesskabet.
Du hjælper med at opdatere CV'et med det, praktikanten lærer.
Du hjælper med jobansøgninger – også til stillinger hos andre virksomheder.
Du bruger dit eget netværk til at finde jobmuligheder for praktikanten."""

DEFAULT_TRAINING_TEXT = """Et kort kursus for nye jobkontaktpersoner om rollen og feedbackmøder.
Vi holder erfaringsudvekslingsmøder for jobkontaktpersoner et par gange om året.
Kontakt virksomhedskonsulenten, hvis du har spørgsmål undervejs i praktikken."""


class PortalInformation(TenantModel):
    """The municipality's information material for job contact persons: their role
    and the training offers. Shown in the portal of the municipality that sent the
    intern; an admin edits it, and it starts from the practice sheet's text."""

    role_text = models.TextField(_("jobkontaktpersonens rolle"), default=DEFAULT_ROLE_TEXT)
    training_text = models.TextField(_("tilbud om opkvalificering"), default=DEFAULT_TRAINING_TEXT)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality"], name="portalinfo_one")]
        verbose_name = _("informationsmateriale til jobkontaktpersoner")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def for_municipality(cls, municipality_id: int) -> "PortalInformation":
        """The saved text, or the defaults (unsaved) until an admin edits it."""
        found = cls.objects.filter(municipality_id=municipality_id).first()
        return found or cls(municipality_id=municipality_id)
