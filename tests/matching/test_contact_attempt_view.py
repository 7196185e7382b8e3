"""Recording a contact attempt from a suggestion row (htmx, or a plain POST)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.matching.models import ContactAttempt
from tests import factories

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(course, place) -> str:
    return reverse("matching:contact_attempt_create", args=[course.pk, place.pk])


def _data(place, **fields) -> dict:
    data = {
        "contacted_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "outcome": "declined",
        "note": "",
        **fields,
    }
    return {f"w{place.pk}-{key}": value for key, value in data.items()}


def test_htmx_returns_the_row_with_the_attempt(consultant, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace()

    response = client_for(consultant).post(_url(course, place), _data(place), **HTMX)

    assert response.status_code == 200
    assert f'id="contact-{place.pk}"' in response.content.decode()
    assert "Afslået" in response.content.decode()
    assert ContactAttempt.objects.get().outcome == "declined"


def test_bad_input_is_shown_at_the_field_and_nothing_saved(consultant, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace()

    response = client_for(consultant).post(
        _url(course, place), _data(place, contacted_on="2999-01-01"), **HTMX
    )

    assert "form-error" in response.content.decode()
    assert "fremtiden" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_a_plain_post_goes_back_to_the_suggestions(consultant, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace()
    response = client_for(consultant).post(_url(course, place), _data(place, outcome="agreed"))
    assert response.status_code == 302
    assert response.url == reverse("matching:course_suggestions", args=[course.pk])


def test_another_municipalitys_course_is_not_found(consultant, municipality_b, client_for):
    course = factories.course(municipality_b, phase="matching")
    place = factories.workplace()
    response = client_for(consultant).post(_url(course, place), _data(place), **HTMX)
    assert response.status_code == 404
    assert not ContactAttempt.objects.exists()


@pytest.mark.parametrize("role", ["admin", "evaluator", "contact_person", "citizen"])
def test_other_roles_are_refused(role, personas, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace()
    response = client_for(personas[role]).post(_url(course, place), _data(place), **HTMX)
    assert response.status_code == 403


def test_the_course_page_counts_contacted_workplaces(consultant, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    first, second = factories.workplace(), factories.workplace()
    for place in (first, second, second):
        factories.contact_attempt(course, place)
    response = client_for(consultant).get(reverse("cases:course_detail", args=[course.pk]))
    assert "2 virksomheder kontaktet" in response.content.decode()
    assert reverse("matching:course_suggestions", args=[course.pk]) in response.content.decode()


def test_missing_choices_name_the_field(consultant, municipality_a, client_for):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace()
    response = client_for(consultant).post(
        _url(course, place), _data(place, channel="", outcome=""), **HTMX
    )
    html = response.content.decode()
    assert "Vælg kanal." in html and "Vælg resultat." in html
    assert " open>" in html or " open " in html  # the folded form stays open with its errors
    assert not ContactAttempt.objects.exists()
