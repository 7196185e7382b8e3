"""Staff (re)send the portal sign-in link: citizens from the course page, job contact
persons from the company pages. Accounts are made on first send."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobbro.accounts.models import User
from jobbro.portal.models import SignInLink
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
ONE_YEAR = timedelta(days=365)


def _course(municipality, **citizen_fields):
    person = factories.citizen(municipality, **citizen_fields)
    return factories.course(citizen_obj=person)


def test_the_course_page_offers_the_button(caseworker, client_for, municipality_a):
    course = _course(municipality_a, email="karen@example.dk")
    html = client_for(caseworker).get(reverse("cases:course_detail", args=[course.pk]))
    assert reverse("portal:citizen_signin_resend", args=[course.pk]) in html.content.decode()


def test_sending_creates_the_citizen_account_and_mails_the_link(
    caseworker, client_for, municipality_a
):
    course = _course(municipality_a, email="karen@example.dk")
    response = client_for(caseworker).post(
        reverse("portal:citizen_signin_resend", args=[course.pk]), follow=True
    )
    assert "Et login-link er sendt til karen@example.dk." in response.content.decode()
    course.citizen.refresh_from_db()
    account = course.citizen.user
    assert account.role == "citizen" and account.email == "karen@example.dk"
    assert not account.has_usable_password()
    link = SignInLink.objects.get()
    assert link.user == account and link.sent_by == caseworker
    assert mail.outbox[-1].to == ["karen@example.dk"]


def test_resending_reuses_the_account(caseworker, client_for, municipality_a):
    course = _course(municipality_a, email="karen@example.dk")
    client = client_for(caseworker)
    url = reverse("portal:citizen_signin_resend", args=[course.pk])
    client.post(url)
    client.post(url)
    assert User.objects.filter(role="citizen").count() == 1
    assert SignInLink.objects.count() == 2


def test_a_citizen_without_email_gets_a_clear_message_and_nothing_is_made(
    caseworker, client_for, municipality_a
):
    course = _course(municipality_a)
    response = client_for(caseworker).post(
        reverse("portal:citizen_signin_resend", args=[course.pk]), follow=True
    )
    assert "Borgeren har ingen e-mailadresse" in response.content.decode()
    assert not User.objects.filter(role="citizen").exists()
    assert not SignInLink.objects.exists() and not mail.outbox


def test_another_municipalitys_course_is_404(caseworker, client_for, municipality_b):
    course = _course(municipality_b, email="x@example.dk")
    url = reverse("portal:citizen_signin_resend", args=[course.pk])
    assert client_for(caseworker).post(url).status_code == 404


def test_an_evaluator_may_not_send_links(evaluator, client_for, municipality_a):
    course = _course(municipality_a, email="x@example.dk")
    url = reverse("portal:citizen_signin_resend", args=[course.pk])
    assert client_for(evaluator).post(url).status_code == 403


def _related_person(municipality, **fields):
    """A job contact person the municipality works with: an active agreement with the
    workplace (companies.sharing)."""
    company = factories.company(municipality=municipality)
    workplace = factories.workplace(company)
    today = timezone.localdate()
    factories.agreement(
        municipality, workplace, start_date=today - timedelta(days=30), end_date=today + ONE_YEAR
    )
    return factories.contact_person(workplace, **fields)


def test_sending_to_a_job_contact_person_creates_the_account(
    consultant, client_for, municipality_a
):
    person = _related_person(municipality_a, name="Lise Lager", email="lise@firma.dk")
    html = client_for(consultant).get(reverse("companies:contact_person_detail", args=[person.pk]))
    url = reverse("portal:contact_person_signin_resend", args=[person.pk])
    assert url in html.content.decode()
    response = client_for(consultant).post(url, follow=True)
    assert "Et login-link er sendt til lise@firma.dk." in response.content.decode()
    person.refresh_from_db()
    assert person.user.role == "contact_person" and person.user.first_name == "Lise"
    assert mail.outbox[-1].to == ["lise@firma.dk"]


def test_a_job_contact_person_without_email_gets_a_clear_message(
    consultant, client_for, municipality_a
):
    person = _related_person(municipality_a)
    response = client_for(consultant).post(
        reverse("portal:contact_person_signin_resend", args=[person.pk]), follow=True
    )
    assert "Jobkontaktpersonen har ingen e-mailadresse" in response.content.decode()
    assert not User.objects.filter(role="contact_person").exists()


def test_a_company_without_a_relation_to_the_municipality_is_refused(
    consultant, client_for, municipality_b
):
    person = _related_person(municipality_b, email="lise@firma.dk")
    url = reverse("portal:contact_person_signin_resend", args=[person.pk])
    assert client_for(consultant).post(url).status_code == 403
    assert not mail.outbox
