"""Which accounts django-axes has locked after failed sign-ins (AXES_LOCKOUT_PARAMETERS is
["username"]: failures of one username from any address add up)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone


def _locked() -> QuerySet:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )


def locked_usernames() -> QuerySet:
    return _locked().values("username")


def is_locked(username: str) -> bool:
    return _locked().filter(username=username).exists()
