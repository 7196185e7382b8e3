"""Shared partner data: who may change what another municipality relies on, and every
change by municipality A recorded and visible to municipality B."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobbro.companies.models import CompanyRelation, SharedChange, Workplace
from jobbro.companies.services import company_update, contact_person_save, workplace_save
from jobbro.transfer.kinds import KINDS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(municipality_a, municipality_b, consultant):
    """A company both work with; Aarhus (A) has a planned placement at the workplace with
    the job contact person, so A may change everything; Skanderborg (B) reads."""
    company = factories.company(municipality=municipality_b)
    CompanyRelation.objects.create(company=company, municipality=municipality_a)
    workplace = factories.workplace(company, ordinary_employees=Decimal("20"))
    person = factories.contact_person(workplace, email="kp@firma.dk")
    factories.placement(place=workplace, contact_person=person)
    return {"company": company, "workplace": workplace, "person": person}


def test_capacity_inputs_are_locked_for_a_related_municipality_without_work_there(
    consultant, municipality_a, municipality_b, client_for
):
    company = factories.company(municipality=municipality_b)
    CompanyRelation.objects.create(company=company, municipality=municipality_a)
    workplace = factories.workplace(company, ordinary_employees=Decimal("20"))
    workplace.ordinary_employees = Decimal("200")
    with pytest.raises(ValidationError) as refused:
        workplace_save(user=consultant, workplace=workplace)
    assert "ordinary_employees" in refused.value.message_dict
    assert "§ 65" in refused.value.message_dict["ordinary_employees"][0]
    page = client_for(consultant).get(reverse("companies:workplace_edit", args=[workplace.pk]))
    html = page.content.decode()
    assert "disabled" in html.split('name="ordinary_employees"')[1][:300]
    # The name is ordinary detail: allowed, and recorded.
    workplace.refresh_from_db()
    workplace.name = "Lageret"
    workplace_save(user=consultant, workplace=workplace)
    assert SharedChange.objects.filter(field="name", municipality=municipality_a).exists()


def test_an_agreement_with_the_workplace_unlocks_the_capacity_inputs(
    consultant, municipality_a, municipality_b
):
    company = factories.company(municipality=municipality_b)
    CompanyRelation.objects.create(company=company, municipality=municipality_a)
    workplace = factories.workplace(company)
    today = date.today()
    factories.agreement(
        municipality_a,
        workplace,
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=300),
    )
    workplace.ordinary_employees = Decimal("30")
    workplace_save(user=consultant, workplace=workplace)
    change = SharedChange.objects.get(field="ordinary_employees")
    assert (change.old_value, change.new_value) == ("12.0", "30")


def test_identifiers_are_fixed_once_another_municipality_works_with_the_company(
    consultant, municipality_a, municipality_b
):
    ours = factories.company(municipality=municipality_a)
    ours_workplace = factories.workplace(ours)
    ours_workplace.p_number = "1234567890"
    workplace_save(user=consultant, workplace=ours_workplace)  # only us: a typo may be fixed

    CompanyRelation.objects.create(company=ours, municipality=municipality_b)
    ours_workplace.p_number = "1234567891"
    with pytest.raises(ValidationError) as refused:
        workplace_save(user=consultant, workplace=ours_workplace)
    assert "p_number" in refused.value.message_dict
    ours.cvr = factories.cvr()
    with pytest.raises(ValidationError):
        company_update(user=consultant, company=ours)


def test_creating_and_relating_are_recorded(consultant, client_for, outsider):
    response = client_for(consultant).post(
        reverse("companies:company_create"),
        {
            "cvr": factories.cvr(),
            "name": "Nyt Firma ApS",
            "industry_code": "471120",
            "industry_text": "Supermarkeder",
            "arbejdssted-p_number": "1999999999",
            "arbejdssted-name": "Butikken",
            "arbejdssted-postcode": "8000",
            "arbejdssted-ordinary_employees": "10",
            "arbejdssted-weekly_hours": "37",
            "arbejdssted-other_schemes_count": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    kinds = set(SharedChange.objects.values_list("object_type", "action"))
    assert kinds == {("company", "created"), ("company", "related"), ("workplace", "created")}
    company = SharedChange.objects.first().company
    client_for(factories.user("consultant", outsider.municipality)).post(
        reverse("companies:company_relate", args=[company.pk])
    )
    assert SharedChange.objects.filter(action="related", municipality_id=746).exists()


def test_imported_contact_persons_are_recorded_with_their_municipality(municipality_a, manager):
    company = factories.company(municipality=municipality_a)
    workplace = factories.workplace(company)
    KINDS["contact_persons"].save(
        [{"p_number": workplace.p_number, "name": "Import Person", "email": "ip@firma.dk"}],
        municipality_a,
        user=manager,
    )
    change = SharedChange.objects.get(object_type="contactperson")
    assert change.action == "created" and change.municipality_id == 751
    assert change.username == manager.username
    assert workplace.contact_persons.get().created_by_municipality_id == 751


def test_the_changes_tab_is_paginated_with_a_fixed_number_of_queries(
    shared, outsider, client_for, django_assert_max_num_queries
):
    company = shared["company"]
    url = reverse("companies:company_detail", args=[company.pk]) + "?fane=aendringer"
    client = client_for(outsider)
    with django_assert_max_num_queries(12):
        client.get(url)
    for n in range(40):
        SharedChange.objects.create(
            company=company,
            object_type="company",
            object_id=company.pk,
            object_label=company.name,
            action="changed",
            field="phone",
            new_value=str(n),
            username="x",
        )
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count("<tr>") <= 26


# -- every change by A is recorded and visible to B (property-style) ---------------------

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=1, max_size=30).map(
    lambda text: text.strip() or "x"
)
digits = lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)  # noqa: E731
emails = st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.dk", fullmatch=True)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))

CHANGES = {
    "company": {
        "name": words,
        "industry_text": words,
        "address": words,
        "postcode": digits(4),
        "city": words,
        "phone": digits(8),
        "email": emails,
    },
    "workplace": {
        "name": words,
        "address": words,
        "postcode": digits(4),
        "city": words,
        "ordinary_employees": st.decimals(min_value=0, max_value=500, places=1),
        "weekly_hours": st.integers(min_value=1, max_value=37).map(Decimal),
        "other_schemes_count": st.integers(min_value=0, max_value=9),
        "employees_stated_on": days,
        "worker_rep_statement_on": days,
    },
    "person": {
        "name": words,
        "title": words,
        "email": emails,
        "phone": digits(8),
        "is_active": st.booleans(),
    },
}


@st.composite
def a_change(draw):
    kind = draw(st.sampled_from(sorted(CHANGES)))
    fields = draw(st.sets(st.sampled_from(sorted(CHANGES[kind])), min_size=1, max_size=4))
    return kind, {name: draw(CHANGES[kind][name]) for name in sorted(fields)}


SAVE = {
    "company": lambda user, obj: company_update(user=user, company=obj),
    "workplace": lambda user, obj: workplace_save(user=user, workplace=obj),
    "person": lambda user, obj: contact_person_save(user=user, contact_person=obj),
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=a_change())
def test_every_change_by_a_is_recorded_and_visible_to_b(shared, consultant, outsider, change):
    kind, values = change
    obj = type(shared[kind]).objects.get(pk=shared[kind].pk)
    before = {name: getattr(obj, name) for name in values}
    for name, value in values.items():
        setattr(obj, name, value)
    SAVE[kind](consultant, obj)
    obj.refresh_from_db()
    changed = {name for name in values if getattr(obj, name) != before[name]}
    latest = SharedChange.objects.filter(object_id=obj.pk, object_type=obj._meta.model_name)[
        : len(changed)
    ]
    assert {row.field for row in latest} == changed
    assert all(row.municipality_id == 751 and row.user_id == consultant.pk for row in latest)

    from tests.conftest import login

    client = login(outsider)
    url = reverse("companies:company_detail", args=[shared["company"].pk])
    html = client.get(url + "?fane=aendringer").content.decode()
    for row in latest:
        assert escape(row.new_value or "–") in html, row
        assert escape(row.field_label) in html
    assert not Workplace.objects.filter(pk=shared["workplace"].pk, company=None).exists()
