from django.core.exceptions import ValidationError

from jobbro.lib.cpr import CprError, normalize_cpr


def validate_cpr(value: str) -> None:
    try:
        normalize_cpr(value)
    except CprError as exc:
        raise ValidationError(str(exc), code="invalid_cpr") from None
