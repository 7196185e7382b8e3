"""The second factor (ASVS V2.7/V2.8): who needs one, and the gate that holds them to it.

django-allauth's MFA does the cryptography and the sign-in stage: a user with an
authenticator (authenticator app, passkey/security key, recovery codes) is asked for it
after the password. This module adds what allauth leaves to the project:

* Everybody who signs in with a password (staff, evaluators, the operations admin of
  /drift/) must have a second factor: the first sign-in leads to the enrolment page and
  nowhere else until it is done.
* A session counts as signed in only when it passed a second factor: allauth's stage
  during sign-in, or enrolling one in this session. Any other way into a session (a bug,
  a future sign-in path) is signed out at the gate, not let through.
* The seam for single sign-on (a later issue): users who sign in through their
  municipality's identity provider get their second factor there. Its sign-in handler
  calls ``second_factor_passed(request, user, method="sso")`` once the provider says
  the sign-in used more than one factor (e.g. the OIDC ``amr`` claim holds "mfa"), and
  those users need no authenticator here.
* Changing a second factor ends the user's other sessions (``user_sessions_end``).
"""

import time
from collections.abc import Callable

from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_KEY = "jobbro_second_factor"
# Types that are a second factor on their own (recovery codes only stand in for them).
FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

# Every demo staff user's authenticator-app key, published so the demo is easy to try
# (add it to any authenticator app). It is demo-only by construction: seed-demo writes it
# only to the users it creates, only into an empty database, and `jobbro serve` refuses
# to serve public hosts while any user still has it (demo_key_in_use).
DEMO_TOTP_SECRET = "JOBBRODEMOTOTPKEYJOBBRODEMOTOTPK"


def demo_key_in_use() -> bool:
    """Does any user sign in with the published demo authenticator key?"""
    return Authenticator.objects.filter(
        type=Authenticator.Type.TOTP, data__secret=DEMO_TOTP_SECRET
    ).exists()


def second_factor_passed(request: HttpRequest, user, *, method: str) -> None:
    """Record in the session that this user passed a second factor, and how."""
    request.session[SESSION_KEY] = {"user": str(user.pk), "method": method, "at": time.time()}


def has_passed(request: HttpRequest) -> bool:
    record = request.session.get(SESSION_KEY)
    return isinstance(record, dict) and record.get("user") == str(request.user.pk)


def passed_at(request: HttpRequest) -> float:
    """When this session last passed a second factor (0 if never)."""
    return request.session[SESSION_KEY].get("at", 0) if has_passed(request) else 0


def is_enrolled(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=FACTOR_TYPES).exists()


# Paths a signed-in user without a passed second factor may still open: the second-factor
# pages themselves, sign-in and sign-out, and the language switch.
_OPEN_PREFIXES = ("mfa_index", "account_login", "account_logout", "set_language")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open is None:
            self._open = tuple(reverse(name) for name in _OPEN_PREFIXES)
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.needs_second_factor and not has_passed(request):
            if is_enrolled(user):
                # Signed in past the second factor: not by any door of ours. Start over.
                logout(request)
                messages.warning(request, _("Log ind igen med din anden faktor."))
                return redirect("account_login")
            if not request.path_info.startswith(self.open_paths()):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


@receiver(mfa_signals.authenticator_used, dispatch_uid="jobbro.mfa.used")
def _used(sender, request: HttpRequest, user, authenticator, **kwargs) -> None:
    second_factor_passed(request, user, method=str(authenticator.type))


@receiver(mfa_signals.authenticator_added, dispatch_uid="jobbro.mfa.added")
def _added(sender, request: HttpRequest, user, authenticator, **kwargs) -> None:
    from jobbro.accounts.services import user_sessions_end

    second_factor_passed(request, user, method=str(authenticator.type))
    user_sessions_end(user=user, keep=request)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="jobbro.mfa.removed")
@receiver(mfa_signals.authenticator_reset, dispatch_uid="jobbro.mfa.reset")
def _changed(sender, request: HttpRequest, user, authenticator, **kwargs) -> None:
    from jobbro.accounts.services import user_sessions_end

    user_sessions_end(user=user, keep=request)
