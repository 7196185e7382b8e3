"""Workflows on users: what commands, views and the API call."""

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from jobbro.accounts.models import User
from jobbro.accounts.roles import STAFF_ROLES, Role
from jobbro.municipalities.models import Municipality


def role_from_code(code: str) -> Role:
    try:
        return Role(code)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValidationError(f"Unknown role {code!r}; use one of: {known}.") from None


def municipality_from_code(code: int | str | None) -> Municipality | None:
    if code in (None, ""):
        return None
    try:
        return Municipality.objects.get(code=int(code))
    except (ValueError, Municipality.DoesNotExist):
        raise ValidationError(
            f"No municipality has code {code!r}; use the official number, "
            "e.g. 751 for Aarhus Kommune or 101 for Københavns Kommune."
        ) from None


@transaction.atomic
def user_create(
    *,
    username: str,
    role: Role,
    municipality: Municipality | None = None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    superuser: bool = False,
) -> User:
    if role in STAFF_ROLES and municipality is None:
        raise ValidationError(
            f"The role {role.value!r} belongs to a jobcenter; give --municipality CODE."
        )
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"The username {username!r} is taken; choose another.")
    user = User(
        username=username,
        role=role,
        municipality=municipality if role != Role.EVALUATOR else None,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=superuser,
        is_superuser=superuser,
        password=make_password(None),
    )
    if password:
        # The same rules as every other place a password is set (length, common, similar).
        validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


def user_sessions_end(*, user: User, keep: HttpRequest | None = None) -> None:
    """End every session of the user ("log ud alle steder"), except ``keep``'s.

    Raising the epoch changes the hash each session is checked against, so every
    session signed in before is refused at its next request; the one kept gets the new
    hash (and a new session key).
    """
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    if keep is not None and getattr(keep.user, "pk", None) == user.pk:
        update_session_auth_hash(keep, user)
