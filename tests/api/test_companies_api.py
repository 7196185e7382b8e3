"""/api/v1/companies, /workplaces, /contact-persons: shared partners, edit rights by relation."""

import pytest

from jobbro.companies.models import Company, CompanyRelation, ContactPerson, Workplace
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_consultant_registers_a_company_and_works_with_it(consultant, api_for):
    cvr = factories.cvr()
    response = api_for(consultant).post(
        "/companies", {"cvr": cvr, "name": "Bageriet ApS", "industry_code": "107100"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["industry_text"] == "Fremstilling af brød, kager og friskt bagværk"
    company = Company.objects.get(cvr=cvr)
    assert CompanyRelation.objects.filter(company=company, municipality_id=751).exists()


def test_an_invalid_cvr_is_422_in_english(consultant, api_for):
    response = api_for(consultant).post(
        "/companies", {"cvr": "12345678", "name": "X", "industry_code": "107100"}
    )
    assert response.status_code == 422
    assert "modulus 11" in response.json()["error"]["fields"]["cvr"][0]


def test_a_known_cvr_is_refused_at_the_field(consultant, company_a, api_for):
    response = api_for(consultant).post(
        "/companies", {"cvr": company_a.cvr, "name": "X", "industry_code": "107100"}
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["cvr"]


def test_a_caseworker_reads_but_may_not_create(caseworker, company_a, api_for):
    client = api_for(caseworker)
    assert client.get("/companies", cvr=company_a.cvr).json()["count"] == 1
    response = client.post(
        "/companies", {"cvr": factories.cvr(), "name": "X", "industry_code": "107100"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["evaluator", "contact_person", "citizen"])
def test_roles_outside_the_jobcenter_get_403(personas, api_for, role):
    client = api_for(personas[role])
    for path in ("/companies", "/workplaces", "/contact-persons"):
        assert client.get(path).status_code == 403


def test_a_workplace_is_created_with_its_capacity(consultant, company_a, api_for):
    response = api_for(consultant).post(
        "/workplaces",
        {
            "company_id": company_a.pk,
            "p_number": "1234567890",
            "name": "Lageret",
            "postcode": "8000",
            "ordinary_employees": "20",
            "weekly_hours": "37",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["capacity"], body["capacity_used"]) == (4, 0)
    assert Workplace.objects.filter(p_number="1234567890", company=company_a).exists()


def test_a_workplace_for_a_company_we_do_not_work_with_is_403(consultant, api_for):
    stranger = factories.company()
    response = api_for(consultant).post(
        "/workplaces",
        {
            "company_id": stranger.pk,
            "p_number": "1234567890",
            "name": "Lageret",
            "postcode": "8000",
            "ordinary_employees": "5",
        },
    )
    assert response.status_code == 403


def test_workplace_field_errors_name_the_field(consultant, company_a, api_for):
    response = api_for(consultant).post(
        "/workplaces",
        {
            "company_id": company_a.pk,
            "p_number": "1234567890",
            "name": "Lageret",
            "postcode": "800",
            "ordinary_employees": "5",
            "weekly_hours": "40",
        },
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"postcode", "weekly_hours"}


def test_an_unknown_company_is_404(consultant, api_for):
    response = api_for(consultant).post(
        "/workplaces",
        {
            "company_id": 999999,
            "p_number": "1234567890",
            "name": "Lageret",
            "postcode": "8000",
            "ordinary_employees": "5",
        },
    )
    assert response.status_code == 404


def test_workplaces_are_listed_by_company_with_capacity_used(consultant, workplace_a, api_for):
    workplace_a.other_schemes_count = 2  # løntilskud and nytteindsats count too (§ 65)
    workplace_a.save()
    factories.workplace()
    body = api_for(consultant).get("/workplaces", company_id=workplace_a.company_id).json()
    assert body["count"] == 1
    assert (body["results"][0]["capacity"], body["results"][0]["capacity_used"]) == (4, 2)


def test_contact_persons_are_created_and_listed(consultant, workplace_a, api_for):
    client = api_for(consultant)
    response = client.post(
        "/contact-persons",
        {"workplace_id": workplace_a.pk, "name": "Sara Berg", "email": "sara@example.dk"},
    )
    assert response.status_code == 201, response.content
    assert ContactPerson.objects.get(pk=response.json()["id"]).workplace == workplace_a
    listed = client.get("/contact-persons", workplace_id=workplace_a.pk).json()
    assert [p["name"] for p in listed["results"]] == ["Sara Berg"]


def test_a_contact_person_at_a_company_we_do_not_work_with_is_403(
    municipality_b, workplace_a, api_for
):
    consultant_b = factories.user("consultant", municipality_b)
    response = api_for(consultant_b).post(
        "/contact-persons", {"workplace_id": workplace_a.pk, "name": "Sara Berg"}
    )
    assert response.status_code == 403


def test_a_bad_email_names_the_field(consultant, workplace_a, api_for):
    response = api_for(consultant).post(
        "/contact-persons", {"workplace_id": workplace_a.pk, "name": "S", "email": "nope"}
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["email"]
