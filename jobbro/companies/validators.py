from django.core.exceptions import ValidationError

from jobbro.lib.cvr import CvrError, normalize_cvr, normalize_p_number


def validate_cvr(value: str) -> None:
    try:
        normalize_cvr(value)
    except CvrError as exc:
        raise ValidationError(str(exc), code="invalid_cvr") from None


def validate_p_number(value: str) -> None:
    try:
        normalize_p_number(value)
    except CvrError as exc:
        raise ValidationError(str(exc), code="invalid_p_number") from None
