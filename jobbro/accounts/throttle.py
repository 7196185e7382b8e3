"""Throttling of requests that send e-mail to an address someone typed: the portal's
sign-in link and the staff password reset. Counted per address and per client address
in the database (every process and machine counts together); only hashes are stored."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobbro.accounts.models import SignInRequest
from jobbro.lib.hashing import sha256_hex


def request_throttled(*, purpose: str, email: str, ip: str, per_email: int, per_ip: int) -> bool:
    """True when over a limit; otherwise the request is counted and False returned.

    Known and unknown addresses are counted alike, so a refusal reveals nothing.
    """
    email_hash, ip_hash = sha256_hex(email.strip().lower()), sha256_hex(ip or "unknown")
    since = timezone.now() - timedelta(minutes=settings.SIGNIN_RATE_WINDOW_MINUTES)
    recent = SignInRequest.objects.filter(purpose=purpose, at__gte=since)
    with transaction.atomic():
        if (
            recent.filter(email_hash=email_hash).count() >= per_email
            or recent.filter(ip_hash=ip_hash).count() >= per_ip
        ):
            return True
        SignInRequest.objects.create(purpose=purpose, email_hash=email_hash, ip_hash=ip_hash)
    return False
