"""The client's address for throttling and lockout (jobbro.lib.addresses has the rule)."""

from django.conf import settings
from django.http import HttpRequest

from jobbro.lib.addresses import client_address


def client_ip(request: HttpRequest) -> str:
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.FORWARDED_ALLOW_IPS,
    )


def signin_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The username a sign-in attempt is for (AXES_USERNAME_CALLABLE): allauth passes
    ``username`` to authenticate(), its form posts ``login``."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    if request is not None and request.method == "POST":
        return request.POST.get("login") or None
    return None
