"""One-time sign-in links for job contact persons and citizens, and the request log
that rate-limits them. Only hashes of tokens, addresses and IPs are stored."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class SignInLinkQuerySet(models.QuerySet):
    def usable(self) -> "SignInLinkQuerySet":
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SignInLink(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signin_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Who asked for it: the person themself, or a staff member resending it.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignInLinkQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for user {self.user_id}, expires {self.expires_at:%Y-%m-%d %H:%M}"


class SignInRequest(models.Model):
    """Every request for a link, known address or not, so limits give nothing away."""

    email_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["email_hash", "at"]),
            models.Index(fields=["ip_hash", "at"]),
        ]

    def __str__(self) -> str:
        return f"Sign-in request at {self.at:%Y-%m-%d %H:%M}"
