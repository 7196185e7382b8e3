"""One row per reminder: the worker claims it by inserting it, then sends it.

The natural key (kind, subject, recipient, day) is unique, so two workers that find
the same reminder due cannot both insert it: the second gets an IntegrityError and
moves on. A row stuck in 'sending' (its worker died) or 'failed' is claimed again by
one conditional UPDATE, which also only one worker can win.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.municipalities.models import TenantModel


class Reminder(TenantModel):
    class Kind(models.TextChoices):
        FEEDBACK_MISSING = "feedback_missing", _("Ugentlig feedback mangler")
        CONVERSATION_SOON = "conversation_soon", _("Samtale næste arbejdsdag")
        OVERDUE_DIGEST = "overdue_digest", _("Daglig oversigt over overskredne frister")

    class Status(models.TextChoices):
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Fejlet")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What it is about, e.g. "conversation:12" or "user:7" (no personal data).
    subject = models.CharField(max_length=60)
    recipient = models.EmailField()
    # Whose address it is: a staff user (digest), a job contact person or a citizen.
    # Emptied if that person is deleted; the address above stays as the record.
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_person = models.ForeignKey(
        "companies.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day it concerns: the conversation's day, the feedback week's last day, the digest's day.
    day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "recipient", "day"], name="reminder_once"
            )
        ]
        indexes = [models.Index(fields=["municipality", "status", "day"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} → {self.recipient} ({self.day})"
