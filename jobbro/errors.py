"""Domain errors shared by services, views and the API."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The input is valid but breaks a rule about the current state (HTTP 409):
    capacity, one active placement, a stale version."""

    code = "conflict"


class StaleVersion(Conflict):
    code = "stale_version"
