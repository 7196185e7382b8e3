"""How long a sign-in lasts (ASVS V3.3).

Staff and evaluators: at most SESSION_COOKIE_AGE from sign-in (8 hours at most) and
SESSION_IDLE_MINUTES without a request (30 by default). Job contact persons and
citizens: at most PORTAL_SESSION_HOURS (12 at most) from sign-in.

The sign-in time is kept in the session; the cookie's expiry is set to the same absolute
moment, so neither the browser nor the server can stretch it. "Last seen" is written at
most once a minute, so a busy user does not turn every page into a session write.
"""

import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from jobbro.accounts.models import User

SIGNED_IN_AT = "jobbro_signed_in_at"
SEEN_AT = "jobbro_seen_at"
SEEN_RESOLUTION = 60


def limits(user) -> tuple[int | None, int]:
    """(idle seconds or None, longest seconds) for this user's sessions."""
    if user.needs_second_factor:
        return settings.SESSION_IDLE_MINUTES * 60, settings.SESSION_COOKIE_AGE
    return None, settings.PORTAL_SESSION_HOURS * 3600


@receiver(user_logged_in, dispatch_uid="jobbro.accounts.sessions.start")
def start(sender, request: HttpRequest, user, **kwargs) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    _idle, longest = limits(user)
    request.session.set_expiry(datetime.fromtimestamp(now + longest, tz=UTC))


def expired_reason(session, user, now: float) -> str | None:
    idle, longest = limits(user)
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None or now - signed_in_at > longest:
        return _("Du er logget ud, fordi du har været logget ind i %(hours)s timer.") % {
            "hours": longest // 3600
        }
    if idle is not None and now - session.get(SEEN_AT, 0) > idle:
        return _("Du er logget ud efter %(minutes)s minutter uden aktivitet.") % {
            "minutes": idle // 60
        }
    return None


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = time.time()
            reason = expired_reason(request.session, user, now)
            if reason is not None:
                return self._signed_out(request, reason)
            if now - request.session.get(SEEN_AT, 0) > SEEN_RESOLUTION:
                request.session[SEEN_AT] = now
        return self.get_response(request)

    def _signed_out(self, request: HttpRequest, reason: str) -> HttpResponse:
        portal = not (isinstance(request.user, User) and request.user.needs_second_factor)
        logout(request)
        messages.info(request, reason)
        login_url = "portal:signin_request" if portal else None
        response: HttpResponse = redirect_to_login(request.get_full_path(), login_url)
        if request.headers.get("HX-Request"):
            # htmx would swap the login page into a fragment; send the browser there.
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
