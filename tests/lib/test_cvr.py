"""Tests for jobbro.lib.cvr."""

import pytest

from jobbro.lib.cvr import (
    CvrError,
    is_valid_cvr,
    make_valid_cvr,
    normalize_cvr,
    normalize_p_number,
)


def test_known_valid_cvr_numbers() -> None:
    # 24256790, weights 2,7,6,5,4,3,2,1:
    # 2*2 + 4*7 + 2*6 + 5*5 + 6*4 + 7*3 + 9*2 + 0*1 = 4+28+12+25+24+21+18+0 = 132 = 12*11
    assert normalize_cvr("24256790") == "24256790"
    # 61126228: 6*2 + 1*7 + 1*6 + 2*5 + 6*4 + 2*3 + 2*2 + 8*1 = 12+7+6+10+24+6+4+8 = 77 = 7*11
    assert normalize_cvr("61126228") == "61126228"


@pytest.mark.parametrize("value", ["DK24256790", "dk 24256790", "DK 24 25 67 90", " 24256790 "])
def test_leading_dk_and_spaces_are_accepted(value: str) -> None:
    assert normalize_cvr(value) == "24256790"


def test_invalid_checksum() -> None:
    # 24256791: weighted sum 133, 133 % 11 == 1.
    with pytest.raises(CvrError) as excinfo:
        normalize_cvr("24256791")
    assert str(excinfo.value) == "CVR-nummeret er ugyldigt (modulus 11-kontrollen fejler)."


@pytest.mark.parametrize("value", ["2425679", "242567900", "DK2425679"])
def test_wrong_length(value: str) -> None:
    with pytest.raises(CvrError) as excinfo:
        normalize_cvr(value)
    assert str(excinfo.value) == "CVR-nummeret skal have 8 cifre."


@pytest.mark.parametrize("value", ["2425679O", "ABCDEFGH", "24-256790", "SE24256790"])
def test_letters_and_other_characters(value: str) -> None:
    with pytest.raises(CvrError, match="kun indeholde cifre"):
        normalize_cvr(value)


def test_leading_zero_is_refused() -> None:
    # 01234567 would otherwise be a valid 8-digit string; CVR never starts with 0.
    with pytest.raises(CvrError, match="begynde med 0"):
        normalize_cvr("01234567")


def test_empty_is_refused() -> None:
    with pytest.raises(CvrError, match="mangler"):
        normalize_cvr(" DK ")


def test_is_valid_cvr() -> None:
    assert is_valid_cvr("DK24256790") is True
    assert is_valid_cvr("24256791") is False
    assert is_valid_cvr("abc") is False


def test_cvr_error_is_value_error() -> None:
    assert issubclass(CvrError, ValueError)


def test_p_number() -> None:
    assert normalize_p_number("10 0123 4567") == "1001234567"


@pytest.mark.parametrize("value", ["123456789", "12345678901"])
def test_p_number_wrong_length(value: str) -> None:
    with pytest.raises(CvrError) as excinfo:
        normalize_p_number(value)
    assert str(excinfo.value) == "P-nummeret skal have 10 cifre."


def test_p_number_letters() -> None:
    with pytest.raises(CvrError, match="P-nummeret må kun indeholde cifre"):
        normalize_p_number("10012345A7")


def test_make_valid_cvr_known_prefix() -> None:
    # 2425679 -> sum of first 7 = 132, so the check digit is 0 (see above).
    assert make_valid_cvr(2425679) == "24256790"
    assert make_valid_cvr(6112622) == "61126228"


def test_make_valid_cvr_check_digit_and_no_solution() -> None:
    # 1000001: 1*2 + 1*2 = 4; check digit must be -4 % 11 = 7 -> 10000017.
    assert make_valid_cvr(1000001) == "10000017"
    # 1000000: 1*2 = 2; check digit must be -2 % 11 = 9 -> 10000009.
    assert make_valid_cvr(1000000) == "10000009"
    # 1000005: 1*2 + 5*2 = 12; -12 % 11 = 10, not a digit -> no valid CVR.
    assert make_valid_cvr(1000005) is None


def test_make_valid_cvr_results_are_valid() -> None:
    results = [make_valid_cvr(seed) for seed in range(1_000_000, 1_001_000)]
    valid = [r for r in results if r is not None]
    assert all(is_valid_cvr(r) for r in valid)
    # Roughly 1 in 11 prefixes has no valid check digit.
    assert 70 <= results.count(None) <= 110


@pytest.mark.parametrize("seed", [999_999, 10_000_000, 0, -1])
def test_make_valid_cvr_refuses_other_than_7_digits(seed: int) -> None:
    with pytest.raises(ValueError, match="7-cifret"):
        make_valid_cvr(seed)
