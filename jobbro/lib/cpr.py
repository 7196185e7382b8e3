"""Danish CPR numbers (personnummer): normalising, validating, formatting."""

from __future__ import annotations

import re
from datetime import date

# Only ASCII digits: str.isdigit() would also accept e.g. '²' or Arabic-Indic digits.
_DIGITS = re.compile(r"[0-9]+")


class CprError(ValueError):
    """Invalid CPR number; the message is Danish and can be shown to users.

    ``code`` says which rule failed (missing, not_digits, length, birth_date), so
    callers that speak another language (the API) can word it themselves.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


def _strip_separator(value: str) -> str:
    # The CPR office writes DDMMYY-SSSS; people also type a space or nothing.
    # Only a single separator right after the six date digits is accepted.
    value = value.strip()
    if len(value) > 6 and value[6] in "- ":
        return value[:6] + value[7:]
    return value


def _century(year_2: int, seventh_digit: int) -> int:
    # CPR office table (CPR-kontoret, "Personnummeret i CPR"): the 7th digit
    # together with YY decides the birth century.
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_2 <= 36 else 1900
    # 7th digit 5-8
    return 2000 if year_2 <= 57 else 1800


def _birth_date_or_none(digits: str) -> date | None:
    day, month, year_2 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    year = _century(year_2, int(digits[6])) + year_2
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shown_date(digits: str) -> str:
    year = _century(int(digits[4:6]), int(digits[6])) + int(digits[4:6])
    return f"{digits[0:2]}.{digits[2:4]}.{year}"


def normalize_cpr(value: str) -> str:
    """Return the CPR number as 10 digits or raise CprError.

    No modulus 11 check: since 2007 the CPR office issues numbers that fail it.
    """
    compact = _strip_separator(value)
    if not compact:
        raise CprError("CPR-nummeret mangler.", "missing")
    if not _DIGITS.fullmatch(compact):
        raise CprError("CPR-nummeret må kun indeholde cifre (DDMMÅÅ-XXXX).", "not_digits")
    if len(compact) != 10:
        raise CprError(f"CPR-nummeret skal have 10 cifre, ikke {len(compact)}.", "length")
    if _birth_date_or_none(compact) is None:
        raise CprError(
            f"CPR-nummeret indeholder ikke en gyldig fødselsdato ({_shown_date(compact)}).",
            "birth_date",
        )
    return compact


def birth_date(cpr: str) -> date:
    """Birth date encoded in the CPR number (century from the 7th digit)."""
    digits = normalize_cpr(cpr)
    result = _birth_date_or_none(digits)
    assert result is not None  # normalize_cpr has already validated the date
    return result


def is_female(cpr: str) -> bool:
    """Legal gender from the CPR number: even last digit means female."""
    return int(normalize_cpr(cpr)[9]) % 2 == 0


def mask_cpr(cpr: str) -> str:
    """'DDMMYY-XXXX': the birth date only, for lists and logs (data minimisation)."""
    return normalize_cpr(cpr)[:6] + "-XXXX"


def format_cpr(cpr: str) -> str:
    """'DDMMYY-SSSS', the CPR office's own notation."""
    digits = normalize_cpr(cpr)
    return f"{digits[:6]}-{digits[6:]}"


def age_on(cpr: str, on: date) -> int:
    """Age in whole years on the given date.

    Someone born 29 February becomes a year older on 1 March in common years.
    """
    born = birth_date(cpr)
    if on < born:
        raise ValueError(f"Datoen {on:%d.%m.%Y} ligger før fødselsdatoen {born:%d.%m.%Y}.")
    had_birthday = (on.month, on.day) >= (born.month, born.day)
    return on.year - born.year - (0 if had_birthday else 1)
