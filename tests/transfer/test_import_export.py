"""Import is all-or-nothing per file with every bad row reported; export round-trips."""

import io

import pytest
from django.core.management import CommandError, call_command

from jobbro.accounts.models import AccessLog
from jobbro.citizens.models import Citizen
from jobbro.companies.models import Company, CompanyRelation, ContactPerson, Workplace
from jobbro.transfer.formats import read_rows, write_csv, write_xlsx
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import export_file, import_rows
from tests import factories

pytestmark = pytest.mark.django_db

CITIZENS_CSV = (
    "cpr;first_name;last_name;postcode;email;phone;unemployed_since;last_employer_cvr\n"
    "0101901234;Anna;Hansen;8000;anna@example.org;20304050;2026-01-05;\n"
    "3102851234;Bo;Berg;8000;;;2026-02-01;\n"  # 31 February: bad row in the middle
    "0202921111;Carl;Dahl;8200;carl@example.org;;05-03-2026;24256790\n"
)


def run(kind: str, data: bytes, filename: str, municipality, *, dry_run: bool):
    header, rows = read_rows(io.BytesIO(data), filename)
    return import_rows(
        kind=KINDS[kind],
        header=header,
        rows=rows,
        municipality=municipality,
        actor="test",
        dry_run=dry_run,
    )


def test_dry_run_reports_the_bad_row_with_number_column_and_reason(municipality_a):
    report = run("citizens", CITIZENS_CSV.encode(), "b.csv", municipality_a, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "cpr")]
    assert "gyldig fødselsdato (31.02.1985)" in report.errors[0].message
    assert Citizen.objects.count() == 0


def test_a_real_run_with_one_bad_row_saves_nothing(municipality_a):
    report = run("citizens", CITIZENS_CSV.encode(), "b.csv", municipality_a, dry_run=False)
    assert not report.ok
    assert Citizen.objects.count() == 0
    assert AccessLog.objects.count() == 0


def test_a_good_file_is_imported_and_logged(municipality_a):
    good = CITIZENS_CSV.replace("3102851234", "0302851234").encode()
    report = run("citizens", good, "g.csv", municipality_a, dry_run=False)
    assert (report.ok, report.created) == (True, 3)
    carl = Citizen.objects.get(first_name="Carl")
    assert (carl.municipality_id, str(carl.unemployed_since), carl.last_employer_cvr) == (
        751,
        "2026-03-05",
        "24256790",
    )
    assert AccessLog.objects.filter(action="create", citizen_id=carl.pk).exists()


def test_importing_again_reports_duplicates_and_doubles_nothing(municipality_a):
    good = CITIZENS_CSV.replace("3102851234", "0302851234").encode()
    run("citizens", good, "g.csv", municipality_a, dry_run=False)
    again = run("citizens", good, "g.csv", municipality_a, dry_run=False)
    assert (again.ok, again.created, len(again.existing)) == (True, 0, 3)
    assert Citizen.objects.count() == 3


def test_the_same_cpr_in_another_municipality_is_not_a_duplicate(municipality_a, municipality_b):
    good = CITIZENS_CSV.replace("3102851234", "0302851234").encode()
    run("citizens", good, "g.csv", municipality_a, dry_run=False)
    report = run("citizens", good, "g.csv", municipality_b, dry_run=False)
    assert report.created == 3


def test_a_cpr_twice_in_the_file_is_an_error(municipality_a):
    twice = "cpr;first_name;last_name\n0101901234;A;B\n0101901234;C;D\n"
    report = run("citizens", twice.encode(), "t.csv", municipality_a, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "cpr")]
    assert "række 2" in report.errors[0].message


def test_missing_and_unknown_columns_are_named(municipality_a):
    report = run("citizens", b"cpr;fornavn\n0101901234;A\n", "x.csv", municipality_a, dry_run=True)
    messages = " ".join(e.message for e in report.errors)
    assert "Kolonnen first_name mangler" in messages
    assert "Ukendt kolonne fornavn" in messages


def test_every_cell_error_is_reported(municipality_a):
    bad = (
        "cpr;first_name;last_name;postcode;email;unemployed_since;last_employer_cvr\n"
        "12345;;X;80;nope;yesterday;12345678\n"
    )
    report = run("citizens", bad.encode(), "x.csv", municipality_a, dry_run=True)
    assert {e.column for e in report.errors} == {
        "cpr",
        "first_name",
        "postcode",
        "email",
        "unemployed_since",
        "last_employer_cvr",
    }


COMPANIES_CSV = (
    "cvr;company_name;industry_code;industry_text;p_number;workplace_name;postcode;"
    "ordinary_employees;weekly_hours\n"
    "24256790;Bager Hansen ApS;107100;Bagerier;1012345678;Bager Hansen;8000;12,5;37\n"
    "24256790;Bager Hansen ApS;107100;Bagerier;1012345679;Bager Hansen Viby;8260;4;37\n"
    "61126228;Lager A/S;521000;Oplagring;1099999999;Lager A/S;8200;60;37\n"
)


def test_companies_with_several_workplaces(municipality_a):
    report = run("companies", COMPANIES_CSV.encode(), "c.csv", municipality_a, dry_run=False)
    assert report.ok, report.errors
    assert Company.objects.count() == 2
    assert Workplace.objects.get(p_number="1012345678").ordinary_employees == 12.5
    assert Company.objects.get(cvr="24256790").workplaces.count() == 2
    assert CompanyRelation.objects.filter(municipality=municipality_a).count() == 2


def test_a_company_whose_rows_disagree_is_refused(municipality_a):
    data = COMPANIES_CSV.replace(
        "Bager Hansen ApS;107100;Bagerier;1012345679", "Anden ApS;107100;Bagerier;1012345679"
    )
    report = run("companies", data.encode(), "c.csv", municipality_a, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "company_name")]


def test_contact_persons_need_a_known_workplace(municipality_a):
    place = factories.workplace(p_number="1012345678")
    data = (
        "p_number;name;title;email;phone\n"
        f"{place.p_number};Jens Jensen;Værkfører;jens@example.org;20304050\n"
        "1000000001;Ukendt Person;;;\n"
    )
    report = run("contact_persons", data.encode(), "k.csv", municipality_a, dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(3, "p_number")]
    assert ContactPerson.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_reproduces_the_same_data(municipality_a, fmt):
    run("companies", COMPANIES_CSV.encode(), "c.csv", municipality_a, dry_run=False)
    people = (
        "p_number;name;title;email;phone\n"
        "1012345678;Jens Jensen;Værkfører;jens@example.org;20304050\n"
    )
    run("contact_persons", people.encode(), "k.csv", municipality_a, dry_run=False)
    good = CITIZENS_CSV.replace("3102851234", "0302851234").encode()
    run("citizens", good, "g.csv", municipality_a, dry_run=False)

    def snapshot():
        return (
            sorted(
                Citizen.objects.values_list(
                    "cpr",
                    "first_name",
                    "last_name",
                    "postcode",
                    "email",
                    "phone",
                    "unemployed_since",
                    "last_employer_cvr",
                )
            ),
            sorted(
                Workplace.objects.values_list(
                    "company__cvr",
                    "company__name",
                    "company__industry_code",
                    "p_number",
                    "name",
                    "postcode",
                    "ordinary_employees",
                    "weekly_hours",
                )
            ),
            sorted(
                ContactPerson.objects.values_list(
                    "workplace__p_number", "name", "title", "email", "phone"
                )
            ),
        )

    before = snapshot()
    files = {
        kind: export_file(kind=KINDS[kind], fmt=fmt, municipality=municipality_a, actor="t")
        for kind in ("companies", "contact_persons", "citizens")
    }
    Citizen.objects.all().delete()
    Company.objects.all().delete()
    for kind in ("companies", "contact_persons", "citizens"):
        report = run(kind, files[kind], f"x.{fmt}", municipality_a, dry_run=False)
        assert report.ok, report.errors
    assert snapshot() == before


def test_export_of_citizens_is_logged_per_citizen_and_only_own_municipality(
    municipality_a, municipality_b
):
    mine = factories.citizen(municipality_a)
    factories.citizen(municipality_b)
    data = export_file(kind=KINDS["citizens"], fmt="csv", municipality=municipality_a, actor="t")
    assert data.decode("utf-8-sig").count("\r\n") == 2  # header + one citizen
    assert list(AccessLog.objects.values_list("action", "citizen_id")) == [("export", mine.pk)]


def test_xlsx_keeps_leading_zeros_as_text(municipality_a):
    data = write_xlsx(["cpr"], [{"cpr": "0101901234"}])
    _header, rows = read_rows(io.BytesIO(data), "x.xlsx")
    assert rows[0].values["cpr"] == "0101901234"


def test_csv_from_danish_excel_in_windows_1252(municipality_a):
    data = "cpr;first_name;last_name\n0101901234;Søren;Ærø\n".encode("cp1252")
    report = run("citizens", data, "w.csv", municipality_a, dry_run=False)
    assert report.ok and Citizen.objects.get().last_name == "Ærø"


def test_write_csv_has_a_bom_for_excel():
    assert write_csv(["a"], []).startswith("\ufeff".encode())


def test_the_command_dry_run_prints_errors_and_fails(municipality_a, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_text(CITIZENS_CSV, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 fejl; intet er gemt"):
        call_command(
            "import", "citizens", str(path), "--dry-run", "--municipality", "751", stdout=out
        )
    assert (
        "Række 3, kolonne cpr: CPR-nummeret indeholder ikke en gyldig fødselsdato" in out.getvalue()
    )


def test_the_command_imports_a_good_file(municipality_a, tmp_path):
    path = tmp_path / "borgere.csv"
    path.write_text(CITIZENS_CSV.replace("3102851234", "0302851234"), encoding="utf-8")
    out = io.StringIO()
    call_command("import", "citizens", str(path), "--municipality", "751", stdout=out)
    assert "3 rækker læst, 3 oprettet, 0 fandtes allerede, 0 fejl." in out.getvalue()


def test_the_command_refuses_a_wrong_file_type(municipality_a, tmp_path):
    path = tmp_path / "borgere.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="skal være .csv eller .xlsx"):
        call_command("import", "citizens", str(path), "--municipality", "751")
