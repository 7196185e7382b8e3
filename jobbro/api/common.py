"""Small helpers the resource modules share: today's date, English input checks for
Danish identifiers, optimistic-locking versions, and service field names → API names."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Path

from jobbro.accounts.models import User
from jobbro.lib import clock
from jobbro.lib.cpr import CprError, normalize_cpr
from jobbro.lib.cvr import CvrError, normalize_cvr, normalize_p_number

# Ids are 64-bit (BigAutoField): a bigger number is refused as input (422) instead of
# overflowing the database driver.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(le=MAX_ID)]
PathId = Annotated[int, Path(le=MAX_ID)]

# The lib's messages are Danish for the web; the API words them in English by rule.
CPR_MESSAGES = {
    "missing": "The CPR number is missing.",
    "not_digits": "A CPR number has only digits (DDMMYY-XXXX).",
    "length": "A CPR number has 10 digits.",
    "birth_date": "The CPR number does not start with a valid birth date (DDMMYY).",
}


class ApiRequest(HttpRequest):
    """A request that passed the token check: ``auth`` is the token's user."""

    auth: User


def today() -> date:
    return clock.today()


def english_cpr(value: str) -> str:
    """The CPR number as 10 digits, or ValueError with an English message (for pydantic)."""
    try:
        return normalize_cpr(value)
    except CprError as exc:
        raise ValueError(CPR_MESSAGES.get(exc.code, "Not a valid CPR number.")) from None


def english_cvr(value: str) -> str:
    try:
        return normalize_cvr(value)
    except CvrError:
        raise ValueError("Not a valid CVR number (8 digits, modulus 11).") from None


def english_p_number(value: str) -> str:
    try:
        return normalize_p_number(value)
    except CvrError:
        raise ValueError("Not a valid P-number (10 digits).") from None


def version_of(request: HttpRequest, body_version: int | None, current: int) -> int:
    """The version the client started from: the body's ``version``, else an ``If-Match``
    header, else the current one (no locking asked for)."""
    if body_version is not None:
        return body_version
    header = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    if header.isdigit():
        return int(header)
    return current


@contextmanager
def api_fields(names: dict[str, str]) -> Iterator[None]:
    """Report a service's field errors under the API's field names (e.g. start_on →
    start_date), keeping the error's class (Conflict stays a conflict)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed = {names.get(field, field): errors for field, errors in exc.error_dict.items()}
        new = type(exc).__new__(type(exc))
        ValidationError.__init__(new, renamed)
        raise new from None
