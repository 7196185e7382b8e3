from django.core.exceptions import ValidationError
from django.db import transaction

from jobbro.accounts.models import User
from jobbro.api.models import ApiToken, hash_token, new_token


@transaction.atomic
def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    if not user.is_active:
        raise ValidationError(f"The user {user.username!r} is deactivated.")
    plain = new_token()
    token = ApiToken.objects.create(
        user=user,
        municipality_id=user.municipality_id,
        name=name or "API",
        prefix=plain[:10],
        token_hash=hash_token(plain),
    )
    return token, plain


def token_authenticate(plain: str) -> User | None:
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__municipality")
        .filter(token_hash=hash_token(plain))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    token.touch()
    return token.user
