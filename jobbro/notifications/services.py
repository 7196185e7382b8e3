"""Claim a due reminder so that exactly one worker sends it, then send it."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from jobbro.notifications import due as due_module
from jobbro.notifications.due import Due
from jobbro.notifications.models import Reminder
from jobbro.placements.models import Conversation
from jobbro.placements.templatetags.conversations import when

log = logging.getLogger(__name__)

SUBJECTS: dict[str, str] = {
    Reminder.Kind.FEEDBACK_MISSING: "Husk den ugentlige feedback",
    Reminder.Kind.OVERDUE_DIGEST: "Jobbro: forløb og samtaler, der venter på dig",
}


@dataclass
class PassResult:
    due: int = 0
    sent: int = 0
    failed: int = 0
    taken: int = 0  # claimed by another worker first

    def __str__(self) -> str:
        return (
            f"due {self.due}, sent {self.sent}, failed {self.failed}, "
            f"taken by another worker {self.taken}"
        )


def claim(item: Due, now: datetime) -> Reminder | None:
    """The reminder's row, now ours to send; None when another worker has it."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                municipality_id=item.municipality_id,
                kind=item.kind,
                subject=item.subject,
                recipient=item.recipient,
                day=item.day,
                user_id=item.user_id,
                contact_person_id=item.contact_person_id,
                citizen_id=item.citizen_id,
                claimed_at=now,
            )
    except IntegrityError:
        pass
    # It exists: failed, or stuck with a dead worker. One conditional UPDATE decides.
    again = Reminder.objects.filter(
        kind=item.kind,
        subject=item.subject,
        recipient=item.recipient,
        day=item.day,
        attempts__lt=due_module.MAX_ATTEMPTS,
        claimed_at__lt=now - due_module.RETRY_AFTER,
    ).filter(Q(status=Reminder.Status.FAILED) | Q(status=Reminder.Status.SENDING))
    if again.update(
        status=Reminder.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, error=""
    ):
        return Reminder.objects.get(
            kind=item.kind, subject=item.subject, recipient=item.recipient, day=item.day
        )
    return None


def link_for(item: Due) -> str:
    """Where the mail leads: the page behind login that the reminder is about."""
    context = item.context
    if item.kind == Reminder.Kind.FEEDBACK_MISSING:
        path = reverse("portal:feedback", args=[context["placement_id"]])
        return f"{settings.SITE_URL}{path}?uge={context['week']}"
    if item.kind == Reminder.Kind.CONVERSATION_SOON and context["reader"] == "contact_person":
        return settings.SITE_URL + reverse("portal:intern_detail", args=[context["placement_id"]])
    return settings.SITE_URL + reverse("home")


def render(item: Due) -> tuple[str, str]:
    """(subject, body) in Danish: the recipients' language is not known to Jobbro."""
    context = {**item.context, "link": link_for(item)}
    subject = SUBJECTS.get(item.kind, "")
    if item.kind == Reminder.Kind.CONVERSATION_SOON:
        # An unsaved instance gives the kind's name and "mandag 7. december kl. 10.00–11.00".
        context["conversation"] = Conversation(
            kind=context["kind"],
            planned_on=context["planned_on"],
            planned_at=context["planned_at"],
            duration_minutes=context["duration_minutes"],
        )
    with translation.override("da"):
        body = render_to_string(f"notifications/{item.kind}.txt", context)
        if item.kind == Reminder.Kind.CONVERSATION_SOON:
            conversation = context["conversation"]
            kind = conversation.get_kind_display().lower()
            subject = f"Påmindelse: {kind} {when(conversation)}"
    return subject, body


def deliver(item: Due, reminder: Reminder, now: datetime) -> bool:
    try:
        subject, body = render(item)
        send_mail(subject, body, None, [item.recipient], fail_silently=False)
    except Exception as exc:  # recorded on the row and retried later, never lost silently
        log.warning("reminder %s to %s failed: %s", item.kind, item.recipient, exc)
        Reminder.objects.filter(pk=reminder.pk).update(
            status=Reminder.Status.FAILED, error=str(exc)[:1000]
        )
        return False
    Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.SENT, sent_at=now)
    return True


def run_pass(today: date, now: datetime) -> PassResult:
    """Find what is due, claim each one, send what we claimed."""
    result = PassResult()
    for item in due_module.due_on(today, now):
        result.due += 1
        reminder = claim(item, now)
        if reminder is None:
            result.taken += 1
        elif deliver(item, reminder, now):
            result.sent += 1
        else:
            result.failed += 1
    return result
