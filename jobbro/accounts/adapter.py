"""django-allauth's hooks: nobody signs up, Danish messages, the client address behind
a trusted proxy, and staff may not remove their last second factor."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.client import client_ip
from jobbro.accounts.mfa import FACTOR_TYPES, is_enrolled, passed_at
from jobbro.accounts.sessions import SIGNED_IN_AT

PORTAL_BY_LINK = _("Jobkontaktpersoner og borgere logger ind med et link på e-mail.")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _(
            "Brugernavn eller adgangskode er forkert. Husk, at der skelnes mellem store og "
            "små bogstaver."
        ),
        "account_inactive": _("Brugeren er deaktiveret. Kontakt din administrator."),
        "too_many_login_attempts": _(
            "For mange mislykkede forsøg. Vent et kvarter, og prøv igen – eller bed din "
            "kommunale administrator om at låse kontoen op."
        ),
        "incorrect_code": _("Koden er forkert. Skriv den kode, appen viser lige nu."),
        "incorrect_password": _("Adgangskoden er forkert."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Users are created by their administrator (jobbro add-user, /drift/).
        return False

    def pre_login(self, request: HttpRequest, user, **kwargs):
        if not user.needs_second_factor:
            # Job contact persons and citizens sign in by emailed link (or MitID), never
            # with a password, so every password sign-in has a second factor after it.
            self.add_message(request, messages.INFO, message=PORTAL_BY_LINK)
            return redirect("portal:signin_request")
        return super().pre_login(request, user, **kwargs)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Minutes after proving who you are, you need not prove it again: enrolling the
        # first second factor right after the password, or seeing the recovery codes
        # right after passing (or enrolling) a second factor.
        request = self.request
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            timeout = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
            if time.time() - passed_at(request) < timeout:
                return False
            signed_in_at = request.session.get(SIGNED_IN_AT, 0)
            if time.time() - signed_in_at < timeout and not is_enrolled(user):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        # Staff addresses live on the user (allauth's EmailAddress table is not used).
        # Portal users sign in by link: no password or second factor to tell about.
        if not getattr(user, "needs_second_factor", False):
            return
        super().send_notification_mail(template_prefix, user, context, email or user.email)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("Koden er forkert. Skriv den kode, appen viser lige nu."),
        "cannot_delete_authenticator": _(
            "Du skal altid have en anden faktor. Tilføj en ny, før du fjerner denne."
        ),
    }

    def get_totp_label(self, user) -> str:
        return user.username

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if not user.needs_second_factor or authenticator.type not in FACTOR_TYPES:
            return True
        others = Authenticator.objects.filter(user=user, type__in=FACTOR_TYPES).exclude(
            pk=authenticator.pk
        )
        return others.exists()
