"""How citizens prove who they are: a pluggable identity provider.

Jobbro ships one provider, the emailed one-time link. A real deployment would use
MitID through NemLog-in (OpenID Connect): write a class with the same two members,
point CITIZEN_IDENTITY_PROVIDER at it, and route its callback. docs/identity.md says how.
"""

from functools import cache
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class IdentityProvider(Protocol):
    label: str

    def start_url(self) -> str:
        """Where the citizen's "Log ind" button leads."""
        ...


class EmailLinkProvider:
    label = _("Log ind med et link på e-mail")

    def start_url(self) -> str:
        return reverse("portal:signin_request")


@cache
def citizen_identity_provider() -> IdentityProvider:
    return import_string(settings.CITIZEN_IDENTITY_PROVIDER)()
