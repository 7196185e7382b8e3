"""Reading and writing CSV and XLSX: rows of text keyed by column name.

Row numbers are the spreadsheet's own (the header is row 1), so a report's
"række 7" is the row a person sees in Excel.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook, load_workbook

FORMATS = ("csv", "xlsx")


class FileFormatError(ValueError):
    """The file cannot be read at all (not one bad row: the whole file)."""


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FileFormatError(f"Filen skal være .csv eller .xlsx, ikke {suffix or 'uden endelse'}.")
    return suffix


def read_rows(stream: BinaryIO, filename: str) -> tuple[list[str], list[Row]]:
    if format_of(filename) == "xlsx":
        return _read_xlsx(stream)
    return _read_csv(stream)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel saves "CSV" as Windows-1252 unless told otherwise.
        return data.decode("cp1252")


def _read_csv(stream: BinaryIO) -> tuple[list[str], list[Row]]:
    text = _decode(stream.read())
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise FileFormatError("Filen er tom.") from None
    rows = [
        Row(number, dict(zip(header, (cell.strip() for cell in cells), strict=False)))
        for number, cells in enumerate(reader, start=2)
        if any(cell.strip() for cell in cells)
    ]
    return header, rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(stream: BinaryIO) -> tuple[list[str], list[Row]]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileFormatError(f"Filen kan ikke læses som et regneark ({exc}).") from None
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(name).lower() for name in next(lines)]
    except StopIteration:
        raise FileFormatError("Regnearket er tomt.") from None
    rows = []
    for number, cells in enumerate(lines, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if any(texts):
            rows.append(Row(number, dict(zip(header, texts, strict=False))))
    workbook.close()
    return header, rows


def _export_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(columns: list[str], rows: Iterable[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_export_text(row.get(column)) for column in columns])
    # A BOM so Danish Excel opens UTF-8 (æøå) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(columns: list[str], rows: Iterable[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(columns)
    for row in rows:
        # Text cells throughout: CPR and P-numbers keep their leading zeros.
        sheet.append([_export_text(row.get(column)) for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write(fmt: str, columns: list[str], rows: Iterable[dict]) -> bytes:
    return write_xlsx(columns, rows) if fmt == "xlsx" else write_csv(columns, rows)
