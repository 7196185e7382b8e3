"""Tests for jobbro.lib.cpr."""

from datetime import date

import pytest

from jobbro.lib.cpr import (
    CprError,
    age_on,
    birth_date,
    format_cpr,
    is_female,
    mask_cpr,
    normalize_cpr,
)


@pytest.mark.parametrize("value", ["0101901234", "010190-1234", "010190 1234", " 010190-1234 "])
def test_normalize_accepts_common_notations(value: str) -> None:
    assert normalize_cpr(value) == "0101901234"


def test_number_failing_modulus_11_is_accepted() -> None:
    # Weights 4,3,2,7,6,5,4,3,2,1 on 0101901234:
    # 0+3+0+7+54+0+4+6+6+4 = 84, and 84 % 11 == 7, so mod 11 fails.
    # Such numbers are issued since 2007 and must be accepted.
    assert normalize_cpr("010190-1234") == "0101901234"


def test_31_february_is_refused() -> None:
    with pytest.raises(CprError) as excinfo:
        normalize_cpr("310285-1234")
    assert str(excinfo.value) == (
        "CPR-nummeret indeholder ikke en gyldig fødselsdato (31.02.1985)."
    )


@pytest.mark.parametrize("value", ["01019O-1234", "abcdefghij", "0101-901234", "010190--1234"])
def test_letters_and_misplaced_separators_are_refused(value: str) -> None:
    with pytest.raises(CprError, match=r"^CPR-nummeret må kun indeholde cifre \(DDMMÅÅ-XXXX\)\.$"):
        normalize_cpr(value)


def test_non_ascii_digits_are_refused() -> None:
    with pytest.raises(CprError, match="kun indeholde cifre"):
        normalize_cpr("010190123\u0664")  # Arabic-Indic four


def test_nine_digits_are_refused() -> None:
    with pytest.raises(CprError) as excinfo:
        normalize_cpr("010190-123")
    assert str(excinfo.value) == "CPR-nummeret skal have 10 cifre, ikke 9."


def test_eleven_digits_are_refused() -> None:
    with pytest.raises(CprError, match=r"^CPR-nummeret skal have 10 cifre, ikke 11\.$"):
        normalize_cpr("01019012345")


def test_empty_is_refused() -> None:
    with pytest.raises(CprError, match="mangler"):
        normalize_cpr("  ")


def test_cpr_error_is_value_error() -> None:
    assert issubclass(CprError, ValueError)


@pytest.mark.parametrize(
    ("cpr", "expected"),
    [
        # 7th digit 0-3: always 1900s
        ("010100-0000", date(1900, 1, 1)),
        ("311299-3999", date(1999, 12, 31)),
        # 7th digit 4 and 9: 2000s up to YY 36, else 1900s
        ("010136-4000", date(2036, 1, 1)),
        ("010137-4000", date(1937, 1, 1)),
        ("010100-9000", date(2000, 1, 1)),
        ("010137-9000", date(1937, 1, 1)),
        # 7th digit 5-8: 2000s up to YY 57, else 1800s
        ("010157-5000", date(2057, 1, 1)),
        ("010158-5000", date(1858, 1, 1)),
        ("010110-8000", date(2010, 1, 1)),
        ("010199-8000", date(1899, 1, 1)),
    ],
)
def test_century_from_seventh_digit(cpr: str, expected: date) -> None:
    assert birth_date(cpr) == expected


def test_29_february_in_leap_year_is_valid() -> None:
    assert birth_date("290288-1234") == date(1988, 2, 29)
    # 2000 is a leap year (divisible by 400).
    assert birth_date("290200-4000") == date(2000, 2, 29)


def test_29_february_in_common_year_is_invalid() -> None:
    with pytest.raises(CprError, match=r"\(29\.02\.1987\)"):
        normalize_cpr("290287-1234")


def test_29_february_depends_on_computed_century() -> None:
    # Same DDMMYY, but 7th digit 1 means 1900, which is not a leap year.
    with pytest.raises(CprError, match=r"\(29\.02\.1900\)"):
        normalize_cpr("290200-1000")


@pytest.mark.parametrize(("cpr", "female"), [("010190-1234", True), ("010190-1235", False)])
def test_is_female_from_last_digit(cpr: str, female: bool) -> None:
    assert is_female(cpr) is female


def test_mask_cpr() -> None:
    assert mask_cpr("0101901234") == "010190-XXXX"


def test_format_cpr() -> None:
    assert format_cpr("0101901234") == "010190-1234"
    assert format_cpr("010190 1234") == "010190-1234"


def test_functions_validate_their_input() -> None:
    with pytest.raises(CprError):
        mask_cpr("310285-1234")


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2025, 3, 14), 34),
        (date(2025, 3, 15), 35),
        (date(1990, 3, 15), 0),
    ],
)
def test_age_on(on: date, expected: int) -> None:
    assert age_on("150390-1234", on) == expected


def test_age_of_leap_day_child_increases_on_1_march() -> None:
    assert age_on("290288-1234", date(2025, 2, 28)) == 36
    assert age_on("290288-1234", date(2025, 3, 1)) == 37
    assert age_on("290288-1234", date(2024, 2, 29)) == 36


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError, match="før fødselsdatoen"):
        age_on("150390-1234", date(1990, 3, 14))
