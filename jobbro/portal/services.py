"""Sign-in by an emailed one-time link (job contact persons, and citizens until MitID).

The link is single use, expires after SIGNIN_LINK_MINUTES, and requesting one gives
the same answer whether the address is known or not (no account enumeration).
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.portal.models import SignInLink, SignInRequest, digest

PORTAL_ROLES = (Role.CONTACT_PERSON, Role.CITIZEN)


class SignInRefused(Exception):
    """The link cannot be used; the message says why, in Danish."""


@dataclass(frozen=True)
class RequestOutcome:
    rate_limited: bool


def _link_url(token: str) -> str:
    return settings.SITE_URL + reverse("portal:signin_confirm", args=[token])


@transaction.atomic
def signin_link_send(*, user: User, sent_by: User | None = None) -> SignInLink:
    """Create a link for a portal user and email it to the address on file."""
    if user.role not in PORTAL_ROLES or not user.is_active or not user.email:
        raise ValueError("Sign-in links are for active job contact persons and citizens.")
    token = secrets.token_urlsafe(32)
    minutes = settings.SIGNIN_LINK_MINUTES
    link = SignInLink.objects.create(
        user=user,
        token_hash=digest(token),
        expires_at=timezone.now() + timedelta(minutes=minutes),
        sent_by=sent_by,
    )
    context = {"user": user, "url": _link_url(token), "minutes": minutes}
    # Sent after commit: a rolled-back link must never reach anybody's inbox.
    transaction.on_commit(
        lambda: send_mail(
            _("Dit link til Jobbro"),
            render_to_string("portal/email/signin_link.txt", context),
            None,
            [user.email],
        )
    )
    return link


def _too_many(field: str, value: str, limit: int, window: timedelta) -> bool:
    since = timezone.now() - window
    return SignInRequest.objects.filter(**{field: value, "at__gte": since}).count() >= limit


def signin_link_request(*, email: str, ip: str) -> RequestOutcome:
    """A person asks for a link. Known or not, the caller answers the same."""
    email_hash, ip_hash = digest(email.strip().lower()), digest(ip or "unknown")
    window = timedelta(minutes=settings.SIGNIN_RATE_WINDOW_MINUTES)
    if _too_many("email_hash", email_hash, settings.SIGNIN_RATE_PER_EMAIL, window) or _too_many(
        "ip_hash", ip_hash, settings.SIGNIN_RATE_PER_IP, window
    ):
        return RequestOutcome(rate_limited=True)
    SignInRequest.objects.create(email_hash=email_hash, ip_hash=ip_hash)
    users = User.objects.filter(email__iexact=email.strip(), role__in=PORTAL_ROLES, is_active=True)
    for user in users:
        signin_link_send(user=user)
    return RequestOutcome(rate_limited=False)


def signin_link_use(*, token: str) -> User:
    """Spend a link: exactly once, before it expires. Raises SignInRefused otherwise."""
    token_hash = digest(token)
    now = timezone.now()
    # One conditional UPDATE: two clicks racing each other cannot both sign in.
    spent = SignInLink.objects.filter(
        token_hash=token_hash, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    link = SignInLink.objects.select_related("user").filter(token_hash=token_hash).first()
    if link is None:
        raise SignInRefused(
            _("Linket er ugyldigt. Kopiér hele linket fra e-mailen, eller bed om et nyt.")
        )
    if not spent:
        if link.used_at is not None:
            raise SignInRefused(
                _("Linket er allerede brugt. Et link virker kun én gang – bed om et nyt.")
            )
        raise SignInRefused(
            _("Linket er udløbet. Bed om et nyt link; det virker i %(minutes)s minutter.")
            % {"minutes": settings.SIGNIN_LINK_MINUTES}
        )
    if not link.user.is_active:
        raise SignInRefused(_("Din adgang er lukket. Kontakt jobcentret."))
    return link.user
