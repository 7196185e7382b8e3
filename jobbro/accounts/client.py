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
