"""What the reminder worker has sent in the municipality, newest first."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobbro.access import get_for_user, require, scope
from jobbro.cases.models import MunicipalitySettings
from jobbro.notifications.due import MAX_ATTEMPTS
from jobbro.notifications.models import Reminder
from jobbro.web import AuthedRequest

PAGE_SIZE = 50


@require_GET
@require("reminder.list")
def reminder_list(request: AuthedRequest) -> HttpResponse:
    reminders = scope(request.user, Reminder.objects.all())
    counts = dict(reminders.values_list("status").annotate(n=Count("id")).order_by())
    status = request.GET.get("status", "")
    shown = reminders.filter(status=status) if status in Reminder.Status.values else reminders
    page = Paginator(shown.order_by("-claimed_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    settings = get_for_user(request.user, MunicipalitySettings, "reminder.list", log=None)
    return render(
        request,
        "notifications/reminder_list.html",
        {
            "page": page,
            "status": status if status in Reminder.Status.values else "",
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in Reminder.Status.choices
            ],
            "query": f"status={status}" if status in Reminder.Status.values else "",
            "enabled": settings.reminders_enabled,
            "max_attempts": MAX_ATTEMPTS,
        },
    )
