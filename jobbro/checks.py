"""System checks that refuse a production start with unsafe settings."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@register(Tags.security, deploy=False)
def check_production_settings(app_configs, **kwargs) -> list:
    errors: list[CheckMessage] = []
    public_hosts = set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS
    if settings.DEBUG and public_hosts:
        errors.append(
            Error(
                "DEBUG is on while ALLOWED_HOSTS names public hosts.",
                hint="Set DEBUG=false in production; debug pages leak personal data.",
                id="jobbro.E001",
            )
        )
    if not settings.DEBUG and len(settings.SECRET_KEY) < 40:
        errors.append(
            Error(
                "SECRET_KEY is shorter than 40 characters.",
                hint="Generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="jobbro.E002",
            )
        )
    if "*" in settings.ALLOWED_HOSTS and not settings.DEBUG:
        errors.append(
            Error(
                "ALLOWED_HOSTS contains '*'.",
                hint="List the host names Jobbro is served under.",
                id="jobbro.E003",
            )
        )
    if public_hosts and not settings.DEBUG and not settings.HTTPS:
        errors.append(
            Warning(
                "Jobbro is served to public hosts without HTTPS=true.",
                hint="Terminate TLS in front of Jobbro and set HTTPS=true for secure cookies.",
                id="jobbro.W001",
            )
        )
    return errors
