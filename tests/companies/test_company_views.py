"""Company list and search, creating a company with its first workplace, editing, relating."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.companies.models import Company, CompanyRelation, Workplace
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("companies:company_list")
CREATE = reverse("companies:company_create")


def form_data(**overrides) -> dict:
    data = {
        "cvr": "24256790",
        "name": "Bageriet Korn ApS",
        "industry_code": "107100",
        "industry_text": "Fremstilling af brød",
        "address": "Søndergade 1",
        "postcode": "8000",
        "city": "Aarhus C",
        "phone": "",
        "email": "",
        "arbejdssted-p_number": "1012345678",
        "arbejdssted-name": "Bageriet Korn, Søndergade",
        "arbejdssted-address": "Søndergade 1",
        "arbejdssted-postcode": "8000",
        "arbejdssted-city": "Aarhus C",
        "arbejdssted-ordinary_employees": "12",
        "arbejdssted-employees_stated_on": "2026-08-01",
        "arbejdssted-other_schemes_count": "0",
    }
    data.update(overrides)
    return data


# --- create ---------------------------------------------------------------------------


def test_it_creates_company_workplace_and_relation_in_one_form(consultant, client_for):
    response = client_for(consultant).post(CREATE, form_data())
    company = Company.objects.get(cvr="24256790")
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:company_detail", args=[company.pk])
    assert company.workplaces.get().p_number == "1012345678"
    assert CompanyRelation.objects.get(company=company).municipality_id == 751


def test_it_accepts_a_cvr_with_spaces_and_dk_prefix(consultant, client_for):
    client_for(consultant).post(CREATE, form_data(cvr="DK 24 25 67 90"))
    assert Company.objects.filter(cvr="24256790").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cvr", "24256791", "modulus 11"),
        ("cvr", "2425679", "CVR-nummeret skal have 8 cifre."),
        ("cvr", "242567901", "CVR-nummeret skal have 8 cifre."),
        ("cvr", "2425679x", "CVR-nummeret må kun indeholde cifre."),
        ("arbejdssted-p_number", "101234567", "P-nummeret skal have 10 cifre."),
        ("arbejdssted-ordinary_employees", "-1", "Antal ansatte kan ikke være negativt."),
        ("arbejdssted-ordinary_employees", "100001", "Antal ansatte kan højst være 100.000"),
    ],
)
def test_it_rejects_bad_input_at_the_field_and_saves_nothing(
    consultant, client_for, field, value, message
):
    response = client_for(consultant).post(CREATE, form_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "form-error" in html
    assert not Company.objects.exists()
    assert not Workplace.objects.exists()


def test_a_duplicate_cvr_offers_the_existing_company(consultant, client_for):
    existing = factories.company(cvr="24256790", name="Den Gamle Bager A/S")
    response = client_for(consultant).post(CREATE, form_data())
    html = response.content.decode()
    assert "CVR-nummeret er allerede oprettet som Den Gamle Bager A/S" in html
    assert reverse("companies:company_detail", args=[existing.pk]) in html
    assert Company.objects.count() == 1
    assert not Workplace.objects.exists()


def test_a_duplicate_p_number_saves_nothing(consultant, client_for):
    factories.workplace(factories.company(name="Andet Firma A/S"), p_number="1012345678")
    response = client_for(consultant).post(CREATE, form_data())
    assert "P-nummeret er allerede oprettet som Hovedafdelingen hos Andet Firma A/S" in (
        response.content.decode()
    )
    assert not Company.objects.filter(cvr="24256790").exists()


@pytest.mark.parametrize("role", ["caseworker", "evaluator", "contact_person", "citizen"])
def test_only_company_editors_may_create(role, personas, client_for):
    assert client_for(personas[role]).post(CREATE, form_data()).status_code == 403
    assert not Company.objects.filter(cvr="24256790").exists()


# --- edit rights ----------------------------------------------------------------------


def edit_data(company: Company, **overrides) -> dict:
    data = {
        "cvr": company.cvr,
        "name": "Nyt Navn ApS",
        "industry_code": company.industry_code,
        "industry_text": company.industry_text,
        "postcode": "8000",
    }
    data.update(overrides)
    return data


def test_a_consultant_of_a_related_municipality_may_edit(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    url = reverse("companies:company_edit", args=[company.pk])
    assert client_for(consultant).post(url, edit_data(company)).status_code == 302
    company.refresh_from_db()
    assert company.name == "Nyt Navn ApS"


def test_a_consultant_of_an_unrelated_municipality_may_read_but_not_edit(
    municipality_a, municipality_b, client_for
):
    other_consultant = factories.user("consultant", municipality_b)
    company = factories.company(municipality=municipality_a)
    place = factories.workplace(company)
    person = factories.contact_person(place)
    client = client_for(other_consultant)
    assert client.get(reverse("companies:company_detail", args=[company.pk])).status_code == 200
    for name, pk in [
        ("companies:company_edit", company.pk),
        ("companies:workplace_create", company.pk),
        ("companies:agreement_create", company.pk),
        ("companies:visit_create", company.pk),
        ("companies:contact_person_create", company.pk),
        ("companies:workplace_edit", place.pk),
        ("companies:contact_person_edit", person.pk),
        ("companies:training_create", person.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 403, name
    client.post(reverse("companies:company_edit", args=[company.pk]), edit_data(company))
    company.refresh_from_db()
    assert company.name != "Nyt Navn ApS"


def test_a_caseworker_is_read_only(caseworker, client_for):
    company = factories.company(municipality=caseworker.municipality)
    client = client_for(caseworker)
    assert client.get(reverse("companies:company_detail", args=[company.pk])).status_code == 200
    response = client.post(reverse("companies:company_edit", args=[company.pk]), edit_data(company))
    assert response.status_code == 403


def test_another_municipality_may_add_the_company_and_then_edit(municipality_b, client_for):
    other_consultant = factories.user("consultant", municipality_b)
    company = factories.company(municipality=factories.municipality(751))
    client = client_for(other_consultant)
    detail = client.get(reverse("companies:company_detail", args=[company.pk])).content.decode()
    assert "Tilføj til vores virksomheder" in detail
    client.post(reverse("companies:company_relate", args=[company.pk]))
    assert set(company.relations.values_list("municipality_id", flat=True)) == {751, 746}
    url = reverse("companies:company_edit", args=[company.pk])
    assert client.post(url, edit_data(company)).status_code == 302


def test_relating_twice_keeps_one_relation(consultant, client_for):
    company = factories.company(municipality=consultant.municipality)
    client_for(consultant).post(reverse("companies:company_relate", args=[company.pk]))
    assert company.relations.count() == 1


def test_a_caseworker_may_not_add_a_relation(caseworker, client_for):
    company = factories.company()
    response = client_for(caseworker).post(reverse("companies:company_relate", args=[company.pk]))
    assert response.status_code == 403
    assert not company.relations.exists()


# --- list and search ------------------------------------------------------------------


def names(response) -> list[str]:
    return [c.name for c in response.context["page"]]


def test_staff_find_companies_registered_by_another_municipality(outsider, client_for):
    factories.company(municipality=factories.municipality(751), name="Aarhus Værft A/S")
    response = client_for(outsider).get(LIST, {"q": "værft"})
    assert names(response) == ["Aarhus Værft A/S"]


def test_it_searches_by_cvr_industry_and_municipality(consultant, municipality_b, client_for):
    a = factories.company(municipality=consultant.municipality, name="A-firma", cvr="24256790")
    factories.company(
        municipality=municipality_b,
        name="B-firma",
        industry_code="561010",
        industry_text="Restauranter",
    )
    client = client_for(consultant)
    assert names(client.get(LIST, {"q": "2425 6790"})) == [a.name]
    assert names(client.get(LIST, {"industry": "5610"})) == ["B-firma"]
    assert names(client.get(LIST, {"industry": "restaur"})) == ["B-firma"]
    assert names(client.get(LIST, {"municipality": "746"})) == ["B-firma"]


def test_it_filters_on_free_capacity_active_agreement_and_trained_contact(consultant, client_for):
    m = consultant.municipality
    full = factories.company(municipality=m, name="Fuld")
    factories.workplace(full, ordinary_employees=Decimal(4), other_schemes_count=1)
    roomy = factories.company(municipality=m, name="Plads")
    roomy_place = factories.workplace(roomy, ordinary_employees=Decimal(20))
    factories.agreement(m, roomy_place, start_date=date(2020, 1, 1), end_date=date(2099, 1, 1))
    factories.training(m, factories.contact_person(roomy_place))
    # Another municipality's agreement does not make it "active" for us.
    factories.agreement(
        factories.municipality(746),
        factories.workplace(full),
        start_date=date(2020, 1, 1),
        end_date=date(2099, 1, 1),
    )
    client = client_for(consultant)
    assert names(client.get(LIST, {"free_capacity": "on"})) == ["Fuld", "Plads"]
    assert names(client.get(LIST, {"active_agreement": "on"})) == ["Plads"]
    assert names(client.get(LIST, {"trained_contact": "on"})) == ["Plads"]
    html = client.get(LIST).content.decode()
    assert "1 / 1" in html and "0 / 4" in html


def test_list_paginates_and_keeps_query_count_flat(
    consultant, client_for, django_assert_max_num_queries
):
    for n in range(30):
        company = factories.company(municipality=consultant.municipality, name=f"Firma {n:02d}")
        factories.workplace(company)
        factories.workplace(company)
    client = client_for(consultant)
    with django_assert_max_num_queries(10):
        first = client.get(LIST)
    second = client.get(LIST + "?side=2")
    assert first.context["page"].paginator.count == 30
    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5


def test_detail_tabs_show_capacity_and_keep_query_count_flat(
    consultant, client_for, django_assert_max_num_queries
):
    company = factories.company(municipality=consultant.municipality)
    for _ in range(10):
        place = factories.workplace(company, ordinary_employees=Decimal(60))
        factories.contact_person(place)
        factories.agreement(consultant.municipality, place)
        factories.visit(consultant.municipality, company, consultant)
    client = client_for(consultant)
    url = reverse("companies:company_detail", args=[company.pk])
    for tab in ("arbejdssteder", "aftaler", "besoeg", "jobkontaktpersoner"):
        with django_assert_max_num_queries(14):
            response = client.get(url, {"fane": tab})
        assert response.status_code == 200
    assert "0 / 11" in client.get(url).content.decode()
