"""The cross-municipality takeover of a job contact person (security issue, point 1).

The chain, tried on the demo with aarhus.konsulent against a company only Skanderborg
works with: the edit page is 403; "Tilføj til vores virksomheder" gives Aarhus a
relation; Aarhus changes the contact person's e-mail to its own address; "Send link"
mails a portal link there; the link signs in as Skanderborg's job contact person.
Each step after the first must now fail, and the rightful changes must be recorded
and announced.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobbro.companies.models import CompanyRelation, ContactPerson, SharedChange
from jobbro.companies.services import contact_person_save
from jobbro.portal.models import SignInLink
from jobbro.portal.services import contact_person_signin_send, signin_link_request
from tests import factories

pytestmark = pytest.mark.django_db

ATTACKER = "angriber@aarhus-kontrol.dk"


@pytest.fixture
def skanderborg_setup(municipality_b):
    """A company only Skanderborg works with; its job contact person has a Skanderborg
    intern and a portal account."""
    company = factories.company(municipality=municipality_b, name="Skanderborg Smedie ApS")
    workplace = factories.workplace(company)
    person_user = factories.contact_person_user(workplace, email="lise@smedie.dk")
    person = person_user.contact_person
    person.email = "lise@smedie.dk"
    person.save()
    course = factories.course(
        municipality_b,
        phase="matching",
        consultant=factories.user("consultant", municipality_b),
        consent_to_share=True,
    )
    placement = factories.active_placement(course, person_user=person_user)
    return {"company": company, "person": person, "placement": placement, "course": course}


def _edit_data(person: ContactPerson, **changes) -> dict:
    data = {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "workplace": person.workplace_id,
        "is_active": "on" if person.is_active else "",
    }
    return {**data, **changes}


def test_the_five_step_chain_fails_step_by_step(skanderborg_setup, consultant, client_for):
    person, company = skanderborg_setup["person"], skanderborg_setup["company"]
    aarhus = client_for(consultant)
    edit_url = reverse("companies:contact_person_edit", args=[person.pk])

    # 1. The edit page answers 403 without a relation (as before).
    assert aarhus.get(edit_url).status_code == 403

    # 2. Relating is still Aarhus' own say-so, but it is recorded for Skanderborg to see.
    aarhus.post(reverse("companies:company_relate", args=[company.pk]))
    assert CompanyRelation.objects.filter(company=company, municipality=consultant.municipality)
    assert SharedChange.objects.get(company=company, action="related").municipality_id == 751

    # 3. The relation does not hand over the e-mail: the field is locked on the form and
    #    a crafted POST changes nothing.
    page = aarhus.get(edit_url).content.decode()
    assert 'name="email"' in page and "disabled" in page.split('name="email"')[1][:200]
    aarhus.post(edit_url, _edit_data(person, email=ATTACKER, phone="99999999"))
    person.refresh_from_db()
    assert person.email == "lise@smedie.dk" and person.phone == ""
    assert person.user.email == "lise@smedie.dk"
    with pytest.raises(ValidationError) as refused:
        person.email = ATTACKER
        contact_person_save(user=consultant, contact_person=person)
    assert "email" in refused.value.message_dict
    person.refresh_from_db()

    # 4. "Send link" is not offered to Aarhus, and a crafted POST is refused.
    detail = aarhus.get(reverse("companies:contact_person_detail", args=[person.pk]))
    send_url = reverse("portal:contact_person_signin_resend", args=[person.pk])
    assert send_url not in detail.content.decode()
    assert aarhus.post(send_url).status_code == 403
    with pytest.raises(PermissionDenied):
        contact_person_signin_send(by=consultant, person=person)

    # 5. No link ever reaches the attacker's address, not even by asking for one.
    signin_link_request(email=ATTACKER, ip="10.0.0.1")
    assert not SignInLink.objects.exists()
    assert all(ATTACKER not in message.to for message in mail.outbox)


def test_the_municipality_with_the_placement_changes_the_email_recorded_and_announced(
    skanderborg_setup, municipality_b, client_for, django_capture_on_commit_callbacks
):
    person = skanderborg_setup["person"]
    skanderborg = factories.user("consultant", municipality_b, first_name="Sofie")
    old_link = SignInLink.objects.create(
        user=person.user,
        token_hash="x" * 64,
        expires_at=timezone.now() + timedelta(minutes=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(skanderborg).post(
            reverse("companies:contact_person_edit", args=[person.pk]),
            _edit_data(person, email="lise.ny@smedie.dk", phone="87654321"),
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "lise.ny@smedie.dk"
    # The portal identity follows the record, and a link sent to the old address dies.
    assert person.user.email == "lise.ny@smedie.dk"
    old_link.refresh_from_db()
    assert old_link.expires_at <= timezone.now()
    changes = {c.field: c for c in SharedChange.objects.filter(object_id=person.pk)}
    assert changes["email"].old_value == "lise@smedie.dk"
    assert changes["email"].new_value == "lise.ny@smedie.dk"
    assert changes["email"].municipality_id == municipality_b.pk
    assert changes["email"].user == skanderborg
    assert changes["phone"].new_value == "87654321"
    (notice,) = mail.outbox
    assert notice.to == ["lise@smedie.dk"]
    assert "Skanderborg Kommune" in notice.body and "E-mail" in notice.body.replace(
        "e-mail", "E-mail"
    )
    # The notice names no intern or citizen.
    assert skanderborg_setup["course"].citizen.last_name not in notice.body


def test_a_planned_placement_lets_another_municipality_change_it_and_the_first_sees_it(
    skanderborg_setup, consultant, outsider, client_for, django_capture_on_commit_callbacks
):
    person, company = skanderborg_setup["person"], skanderborg_setup["company"]
    factories.placement(contact_person=person, place=person.workplace, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        person.phone = "12121212"
        contact_person_save(user=consultant, contact_person=person)
    assert mail.outbox[-1].to == ["lise@smedie.dk"]
    page = client_for(outsider).get(
        reverse("companies:company_detail", args=[company.pk]) + "?fane=aendringer"
    )
    html = page.content.decode()
    assert "12121212" in html and "Aarhus Kommune" in html and consultant.username in html


def test_the_registering_municipality_corrects_a_new_persons_email_until_others_rely_on_them(
    consultant, client_for, municipality_a, municipality_b
):
    company = factories.company(municipality=municipality_a)
    workplace = factories.workplace(company)
    response = client_for(consultant).post(
        reverse("companies:contact_person_create", args=[company.pk]),
        {
            "name": "Ny Person",
            "email": "forkert@firma.dk",
            "workplace": workplace.pk,
            "is_active": "on",
        },
    )
    person = ContactPerson.objects.get(name="Ny Person")
    assert response.status_code == 302 and person.created_by_municipality_id == 751
    person.email = "rigtig@firma.dk"
    contact_person_save(user=consultant, contact_person=person)

    CompanyRelation.objects.create(company=company, municipality=municipality_b)
    course_b = factories.course(
        municipality_b,
        phase="matching",
        consultant=factories.user("consultant", municipality_b),
        consent_to_share=True,
    )
    factories.placement(course_b, place=workplace, contact_person=person)
    person.email = "tredje@firma.dk"
    with pytest.raises(ValidationError):
        contact_person_save(user=consultant, contact_person=person)


def test_a_related_municipality_may_still_keep_ordinary_details_up_to_date(
    skanderborg_setup, consultant, client_for
):
    person, company = skanderborg_setup["person"], skanderborg_setup["company"]
    CompanyRelation.objects.create(company=company, municipality=consultant.municipality)
    response = client_for(consultant).post(
        reverse("companies:contact_person_edit", args=[person.pk]),
        _edit_data(person, title="Værkfører"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.title == "Værkfører" and person.email == "lise@smedie.dk"
    assert SharedChange.objects.get(field="title").municipality_id == 751
