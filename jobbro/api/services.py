from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobbro.accounts.models import User
from jobbro.api.models import ApiToken, hash_token, new_token


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str = "",
    expires_at: datetime | None = None,
    read_only: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    if not user.is_active:
        raise ValidationError(f"The user {user.username!r} is deactivated.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("The expiry date must be in the future.")
    plain = new_token()
    token = ApiToken.objects.create(
        user=user,
        municipality_id=user.municipality_id,
        name=name or "API",
        prefix=plain[:10],
        token_hash=hash_token(plain),
        expires_at=expires_at,
        read_only=read_only,
    )
    return token, plain


def token_authenticate(plain: str) -> tuple[User, ApiToken] | None:
    """The token's user as they are now: their current role and municipality decide
    (the access door reads them from the user), never what they were when it was made."""
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__municipality")
        .filter(token_hash=hash_token(plain))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.municipality_id != token.user.municipality_id:
        # The user moved: the copy kept for the admin's listing moves with them.
        token.municipality_id = token.user.municipality_id
        ApiToken.objects.filter(pk=token.pk).update(municipality_id=token.municipality_id)
    token.touch()
    return token.user, token
