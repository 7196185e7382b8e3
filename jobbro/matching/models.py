"""Contact attempts: each time the consultant (or the citizen) contacts a company for a
course, so that "until the right one is found" is visible and counted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.municipalities.models import TenantModel, TenantQuerySet


class ContactAttemptQuerySet(TenantQuerySet):
    def declined(self) -> "ContactAttemptQuerySet":
        return self.filter(outcome=ContactAttempt.Outcome.DECLINED)


class ContactAttempt(TenantModel):
    """Kontaktforsøg: one contact with a workplace about one course."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Telefon")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Besøg")
        OTHER = "other", _("Andet")

    class Outcome(models.TextChoices):
        INTERESTED = "interested", _("Interesseret")
        NOT_NOW = "not_now", _("Ikke nu")
        NO_ANSWER = "no_answer", _("Intet svar")
        DECLINED = "declined", _("Afslået")
        AGREED = "agreed", _("Aftalt")

    course = models.ForeignKey(
        "cases.Course", on_delete=models.CASCADE, related_name="contact_attempts"
    )
    workplace = models.ForeignKey(
        "companies.Workplace",
        verbose_name=_("arbejdssted"),
        on_delete=models.PROTECT,
        related_name="contact_attempts",
    )
    contacted_on = models.DateField(_("dato"))
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("resultat"), max_length=12, choices=Outcome.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Staff or the citizen (from the portal); kept when the account is removed.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-contacted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=["phone", "email", "visit", "other"]),
                name="contactattempt_channel_known",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    outcome__in=["interested", "not_now", "no_answer", "declined", "agreed"]
                ),
                name="contactattempt_outcome_known",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "course", "workplace"]),
            models.Index(fields=["workplace", "outcome"]),
        ]
        verbose_name = _("kontaktforsøg")
        verbose_name_plural = _("kontaktforsøg")

    def __str__(self) -> str:
        return f"{self.workplace_id} {self.contacted_on:%d.%m.%Y} {self.get_outcome_display()}"
