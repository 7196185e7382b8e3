"""The door for companies: shared partners readable by staff, editable by related
municipalities' consultants, managers and admins; tenant agreements and visits; nothing
for job contact persons, citizens and evaluators."""

import pytest
from django.urls import reverse

from jobbro.access import RULES, company_editable_by, scope
from jobbro.accounts.roles import STAFF_ROLES, Role
from jobbro.companies.models import Company, CompanyVisit, ContactPerson, Workplace
from tests import factories

pytestmark = pytest.mark.django_db

COMPANY_ACTIONS = [
    a
    for a in RULES
    if a.split(".")[0]
    in {"company", "agreement", "visit", "contactperson", "meeting", "companysettings", "capacity"}
]


def test_no_company_action_is_open_to_roles_outside_the_jobcenter():
    for action in COMPANY_ACTIONS:
        assert RULES[action] <= STAFF_ROLES, action


def test_caseworkers_read_but_do_not_edit():
    assert Role.CASEWORKER in RULES["company.view"]
    for action in (
        "company.create",
        "company.edit",
        "agreement.edit",
        "visit.edit",
        "contactperson.edit",
        "exchange_meeting.edit",
    ):
        assert Role.CASEWORKER not in RULES[action], action


def test_only_managers_override_capacity():
    assert RULES["capacity.override"] == {Role.MANAGER}


def test_shared_partners_are_visible_to_all_staff(outsider, contact_person_user, citizen_user):
    company = factories.company(municipality=factories.municipality(751))
    factories.contact_person(factories.workplace(company))
    for model in (Company, Workplace, ContactPerson):
        assert scope(outsider, model.objects.all()).exists(), model
    for user in (contact_person_user, citizen_user):
        assert not scope(user, Company.objects.all()).exists()


def test_visits_are_tenant_data(consultant, outsider):
    company = factories.company()
    factories.visit(
        outsider.municipality, company, factories.user("consultant", outsider.municipality)
    )
    assert not scope(consultant, CompanyVisit.objects.all()).exists()
    assert scope(outsider, CompanyVisit.objects.all()).exists()


def test_company_editable_only_with_a_relation_and_an_editor_role(
    consultant, manager, admin_user, caseworker, outsider
):
    ours = factories.company(municipality=consultant.municipality)
    theirs = factories.company(municipality=outsider.municipality)
    for user in (consultant, manager, admin_user):
        assert company_editable_by(user, ours)
        assert not company_editable_by(user, theirs)
    assert not company_editable_by(caseworker, ours)


def every_company_url(company, workplace, person, agreement, visit, meeting) -> list[str]:
    ids = {
        "company": company.pk,
        "workplace": workplace.pk,
        "person": person.pk,
        "agreement": agreement.pk,
        "visit": visit.pk,
        "meeting": meeting.pk,
    }
    names = [
        ("company_list", None),
        ("company_create", None),
        ("agreement_expiring", None),
        ("not_visited", None),
        ("followup_settings", None),
        ("meeting_list", None),
        ("meeting_create", None),
        ("company_detail", "company"),
        ("company_edit", "company"),
        ("company_relate", "company"),
        ("workplace_create", "company"),
        ("agreement_create", "company"),
        ("visit_create", "company"),
        ("contact_person_create", "company"),
        ("workplace_detail", "workplace"),
        ("workplace_edit", "workplace"),
        ("agreement_detail", "agreement"),
        ("agreement_edit", "agreement"),
        ("visit_detail", "visit"),
        ("contact_person_detail", "person"),
        ("contact_person_edit", "person"),
        ("training_create", "person"),
        ("meeting_detail", "meeting"),
    ]
    return [
        reverse(f"companies:{name}", args=[ids[kind]] if kind else None) for name, kind in names
    ]


@pytest.mark.parametrize("role", ["contact_person", "citizen", "evaluator"])
def test_roles_outside_the_jobcenter_are_refused_every_company_view(
    role, personas, consultant, client_for
):
    m = consultant.municipality
    company = factories.company(municipality=m)
    # The job contact person's own company and workplace: still refused.
    workplace = personas["contact_person"].contact_person.workplace
    workplace.company.relations.create(municipality=m)
    person = personas["contact_person"].contact_person
    urls = every_company_url(
        company,
        workplace,
        person,
        factories.agreement(m, workplace),
        factories.visit(m, company, consultant),
        factories.exchange_meeting(m, person),
    )
    client = client_for(personas[role])
    for url in urls:
        # GET-only views answer a POST with 405 and vice versa; the allowed method is 403.
        statuses = {client.get(url).status_code, client.post(url, {}).status_code}
        assert 403 in statuses and statuses <= {403, 405}, url


def test_another_municipalitys_agreements_visits_and_meetings_are_404(
    consultant, municipality_b, client_for
):
    company = factories.company(municipality=municipality_b)
    place = factories.workplace(company)
    b_consultant = factories.user("consultant", municipality_b)
    person = factories.contact_person(place)
    factories.training(municipality_b, person, course="Skanderborgs kursus")
    client = client_for(consultant)
    for name, obj in [
        ("agreement_detail", factories.agreement(municipality_b, place)),
        ("agreement_edit", factories.agreement(municipality_b, place)),
        ("visit_detail", factories.visit(municipality_b, company, b_consultant)),
        ("meeting_detail", factories.exchange_meeting(municipality_b, person)),
    ]:
        assert client.get(reverse(f"companies:{name}", args=[obj.pk])).status_code == 404, name
    # The shared contact person is readable, but B's training records and meetings are not shown.
    html = client.get(reverse("companies:contact_person_detail", args=[person.pk])).content
    assert "Skanderborgs kursus" not in html.decode()
    tabs = client.get(reverse("companies:company_detail", args=[company.pk]), {"fane": "besoeg"})
    assert list(tabs.context["page"]) == []
