"""Danish CVR numbers (companies) and P-numbers (production units/workplaces)."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")

# Weights of the CVR modulus 11 check (Erhvervsstyrelsen): the weighted sum of
# all 8 digits must be divisible by 11.
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


class CvrError(ValueError):
    """Invalid CVR or P-number; the message is Danish and can be shown to users."""


def _compact(value: str) -> str:
    # People paste '12 34 56 78' or tabs from spreadsheets; all whitespace goes.
    return "".join(value.split())


def _weighted_sum(digits: str) -> int:
    # Also used on the 7-digit prefix in make_valid_cvr, hence the slice.
    return sum(int(d) * w for d, w in zip(digits, _CVR_WEIGHTS[: len(digits)], strict=True))


def normalize_cvr(value: str) -> str:
    """Return the CVR number as 8 digits or raise CvrError.

    Accepts spaces and a leading 'DK' (the EU VAT notation, e.g. 'DK 24256790').
    """
    compact = _compact(value)
    if compact[:2].upper() == "DK":
        compact = compact[2:]
    if not compact:
        raise CvrError("CVR-nummeret mangler.")
    if not _DIGITS.fullmatch(compact):
        raise CvrError("CVR-nummeret må kun indeholde cifre.")
    if len(compact) != 8:
        raise CvrError("CVR-nummeret skal have 8 cifre.")
    if compact[0] == "0":
        raise CvrError("CVR-nummeret kan ikke begynde med 0.")
    if _weighted_sum(compact) % 11 != 0:
        raise CvrError("CVR-nummeret er ugyldigt (modulus 11-kontrollen fejler).")
    return compact


def is_valid_cvr(value: str) -> bool:
    """True if normalize_cvr would accept the value."""
    try:
        normalize_cvr(value)
    except CvrError:
        return False
    return True


def normalize_p_number(value: str) -> str:
    """Return the P-number as 10 digits or raise CvrError.

    P-numbers carry no public checksum, so only the format is checked.
    """
    compact = _compact(value)
    if not compact:
        raise CvrError("P-nummeret mangler.")
    if not _DIGITS.fullmatch(compact):
        raise CvrError("P-nummeret må kun indeholde cifre.")
    if len(compact) != 10:
        raise CvrError("P-nummeret skal have 10 cifre.")
    return compact


def make_valid_cvr(seed_digits: int) -> str | None:
    """The valid CVR number starting with the given 7 digits, or None.

    The 8th digit has weight 1, so it must equal (-sum of the first 7) mod 11.
    When that is 10 no single digit works and None is returned: this happens
    for roughly 1 in 11 prefixes, so callers (demo data) must try another seed.
    """
    if not 1_000_000 <= seed_digits <= 9_999_999:
        raise ValueError("seed_digits skal være et 7-cifret tal (1000000-9999999).")
    prefix = str(seed_digits)
    check = -_weighted_sum(prefix) % 11
    if check == 10:
        return None
    return f"{prefix}{check}"
