"""Reading and writing CSV and XLSX: rows of text keyed by column name.

Row numbers are the spreadsheet's own (the header is row 1), so a report's
"række 7" is the row a person sees in Excel.

Spreadsheets must not attack their reader: exported CSV cells that a spreadsheet
would run as a formula are neutralised (OWASP "CSV injection"), XLSX cells are
written as text, and an import is refused before it is unpacked when it is too big
(IMPORT_MAX_BYTES, IMPORT_MAX_UNPACKED_BYTES, IMPORT_MAX_ROWS). openpyxl parses the
XML with defusedxml (a system check makes sure it is installed and used).
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx")
# A cell starting with one of these is a formula (or becomes one) in Excel,
# LibreOffice and Google Sheets; a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MB = 1024 * 1024


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


def neutralise(text: str) -> str:
    """Export: a cell that a spreadsheet would run as a formula becomes text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """Import: undo ``neutralise``, so an exported file imports back unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def human_size(size: int) -> str:
    """'800 kB', '1,5 MB': sizes as a Dane reads them."""
    if size < MB:
        return f"{-(-size // 1024)} kB"
    return f"{size / MB:.1f}".replace(".0", "").replace(".", ",") + " MB"


def too_big_message(size: int | None = None) -> str:
    shown = f"fylder {human_size(size)}" if size else "er for stor"
    limit = human_size(settings.IMPORT_MAX_BYTES)
    return f"Filen {shown}; grænsen er {limit} (IMPORT_MAX_BYTES). Del den op."


def check_size(size: int) -> None:
    """Refuse an upload by its declared size, before a byte of it is read."""
    if size > settings.IMPORT_MAX_BYTES:
        raise FileFormatError(too_big_message(size))


def read_rows(stream: BinaryIO, filename: str) -> tuple[list[str], list[Row]]:
    if format_of(filename) == "xlsx":
        _check_unpacked_size(stream)
        return _read_xlsx(stream)
    return _read_csv(stream)


def _too_many_rows() -> FileFormatError:
    return FileFormatError(
        f"Filen har flere end {settings.IMPORT_MAX_ROWS} rækker, som er grænsen "
        "(IMPORT_MAX_ROWS). Del den op."
    )


def _limited(rows: Iterator) -> Iterator:
    for count, row in enumerate(rows, start=1):
        if count > settings.IMPORT_MAX_ROWS:
            raise _too_many_rows()
        yield row


def _check_unpacked_size(stream: BinaryIO) -> None:
    """An XLSX is a zip: add up what its parts claim to unpack to (zipfile never
    unpacks a part beyond its claim) and refuse a zip bomb before opening it."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileFormatError("Filen kan ikke læses som et regneark (ikke en XLSX-fil).") from None
    finally:
        stream.seek(0)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise FileFormatError(
            f"Regnearket fylder {human_size(unpacked)} udpakket; grænsen er "
            f"{human_size(settings.IMPORT_MAX_UNPACKED_BYTES)} (IMPORT_MAX_UNPACKED_BYTES). "
            "Del det op."
        )


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
        Row(number, dict(zip(header, (unneutralise(cell.strip()) for cell in cells), strict=False)))
        for number, cells in enumerate(_limited(reader), start=2)
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
    return unneutralise(str(value).strip())


def _read_xlsx(stream: BinaryIO) -> tuple[list[str], list[Row]]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl (and defusedxml) raise many kinds for a bad file
        raise FileFormatError(f"Filen kan ikke læses som et regneark ({exc}).") from None
    try:
        return _sheet_rows(workbook.worksheets[0])
    except FileFormatError:
        raise
    except Exception as exc:  # the sheets are parsed (by defusedxml) while iterating
        raise FileFormatError(f"Filen kan ikke læses som et regneark ({exc}).") from None
    finally:
        workbook.close()


def _sheet_rows(sheet) -> tuple[list[str], list[Row]]:
    lines = _limited(sheet.iter_rows(values_only=True))
    try:
        header = [_cell_text(name).lower() for name in next(lines)]
    except StopIteration:
        raise FileFormatError("Regnearket er tomt.") from None
    rows = []
    for number, cells in enumerate(lines, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if any(texts):
            rows.append(Row(number, dict(zip(header, texts, strict=False))))
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
        writer.writerow([neutralise(_export_text(row.get(column))) for column in columns])
    # A BOM so Danish Excel opens UTF-8 (æøå) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(columns: list[str], rows: Iterable[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(columns)
    for row in rows:
        # Text cells throughout: CPR and P-numbers keep their leading zeros, and a
        # company called "=HYPERLINK(…)" stays a name, never a formula.
        sheet.append([_text_cell(sheet, _export_text(row.get(column))) for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would make "=…" a formula
    return cell


def write(fmt: str, columns: list[str], rows: Iterable[dict]) -> bytes:
    return write_xlsx(columns, rows) if fmt == "xlsx" else write_csv(columns, rows)
