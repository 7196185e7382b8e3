"""Column rules for import files: each parser turns a cell's text into a value or
raises ValueError with a Danish message naming the rule."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from jobbro.lib.cpr import CprError, normalize_cpr
from jobbro.lib.cvr import CvrError, normalize_cvr, normalize_p_number

Parser = Callable[[str], object]


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False
    help: str = ""


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(f"Højst {max_length} tegn (her {len(value)}).")
        return value

    return parse


def cpr(value: str) -> str:
    try:
        return normalize_cpr(value)
    except CprError as exc:
        raise ValueError(str(exc)) from None


def cvr(value: str) -> str:
    try:
        return normalize_cvr(value)
    except CvrError as exc:
        raise ValueError(str(exc)) from None


def p_number(value: str) -> str:
    try:
        return normalize_p_number(value)
    except CvrError as exc:
        raise ValueError(str(exc)) from None


def postcode(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError("Postnummeret skal have 4 cifre.")
    return value


def db07(value: str) -> str:
    if not re.fullmatch(r"\d{6}", value):
        raise ValueError("Branchekoden skal være en DB07-kode på 6 cifre.")
    return value


def email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        raise ValueError("Ugyldig e-mailadresse.") from None
    return value.lower()


def phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\+?\d{8,15}", digits):
        raise ValueError("Telefonnummeret skal have 8 cifre (evt. med landekode).")
    return digits


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


def a_date(value: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("Datoen skal skrives ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ.")


def decimal_between(low: Decimal, high: Decimal) -> Parser:
    def parse(value: str) -> Decimal:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise ValueError("Skal være et tal.") from None
        if not (low <= number <= high):
            raise ValueError(f"Skal være mellem {low} og {high}.")
        return number

    return parse
