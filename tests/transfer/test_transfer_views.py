"""The import/export page: managers and admins only, their own jobcenter's data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobbro.citizens.models import Citizen
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = b"cpr;first_name;last_name\n0101901234;Anna;Hansen\n0202921111;Carl;Dahl\n"
BAD = b"cpr;first_name;last_name\n0101901234;Anna;Hansen\n12;Carl;Dahl\n0303931111;Dea;Eg\n"


def upload(client, data: bytes, action: str, name: str = "borgere.csv"):
    return client.post(
        reverse("transfer:import"),
        {"kind": "citizens", "file": SimpleUploadedFile(name, data), "action": action},
    )


def test_check_then_import(manager, client_for):
    client = client_for(manager)
    checked = upload(client, GOOD, "check").content.decode()
    assert "Filen er i orden" in checked and Citizen.objects.count() == 0
    imported = upload(client, GOOD, "import").content.decode()
    assert "Importen er gennemført" in imported
    assert set(Citizen.objects.values_list("municipality_id", flat=True)) == {751}


def test_a_bad_row_is_shown_and_nothing_saved(manager, client_for):
    html = upload(client_for(manager), BAD, "import").content.decode()
    assert "1 fejl – intet er gemt" in html
    assert "<td>3</td><td><code>cpr</code></td>" in html
    assert Citizen.objects.count() == 0


def test_a_wrong_file_type_is_named_at_the_field(manager, client_for):
    html = upload(client_for(manager), GOOD, "check", name="borgere.pdf").content.decode()
    assert "Filen skal være .csv eller .xlsx." in html


@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "evaluator", "contact_person", "citizen"]
)
def test_other_roles_are_refused(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get(reverse("transfer:import")).status_code == 403
    assert client.get(reverse("transfer:export", args=["citizens", "csv"])).status_code == 403


def test_export_contains_only_own_municipality(manager, municipality_b, client_for):
    factories.citizen(manager.municipality, first_name="Aarhusianer")
    factories.citizen(municipality_b, first_name="Skanderborgenser")
    response = client_for(manager).get(reverse("transfer:export", args=["citizens", "xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="jobbro-citizens-751.xlsx"'
    response = client_for(manager).get(reverse("transfer:export", args=["citizens", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert "Aarhusianer" in text and "Skanderborgenser" not in text


def test_unknown_kind_or_format_is_404(manager, client_for):
    client = client_for(manager)
    assert client.get(reverse("transfer:export", args=["secrets", "csv"])).status_code == 404
    assert client.get(reverse("transfer:export", args=["citizens", "pdf"])).status_code == 404
