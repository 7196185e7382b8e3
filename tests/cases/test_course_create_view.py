"""'Ny borger / nyt forløb': citizen and course in one form, CPR rules at the field."""

import pytest
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course
from jobbro.citizens.models import Citizen

pytestmark = pytest.mark.django_db
URL = reverse("cases:course_create")


def post(client, user, /, **overrides):
    data = {
        "cpr": "010190-1235",
        "first_name": "Mette",
        "last_name": "Hansen",
        "postcode": "8000",
        "city": "Aarhus C",
        "visitation_on": "2026-11-28",
        "caseworker": user.pk,
        "voluntary": "1",
    }
    first = client.get(URL)  # creates the municipality's target groups, as a user would
    data["target_group"] = first.context["form"].initial["target_group"]
    return client.post(URL, data | overrides)


def test_it_creates_citizen_and_course_in_one_step(caseworker, client_for):
    client = client_for(caseworker)
    response = post(client, caseworker)
    course = Course.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:course_detail", args=[course.pk])
    assert (course.caseworker, course.phase, course.citizen.cpr) == (
        caseworker,
        "referred",
        "0101901235",
    )
    assert course.citizen.target_group.name == "Dagpengemodtager"
    assert AccessLog.objects.filter(action="create", citizen_id=course.citizen_id).exists()


def test_the_caseworker_defaults_to_the_current_user(caseworker, client_for):
    form = client_for(caseworker).get(URL).context["form"]
    assert form.initial["caseworker"] == caseworker.pk


def test_it_accepts_a_valid_cpr_that_fails_modulus_11(caseworker, client_for):
    # 010190-1234: weighted sum 1*4+... is not divisible by 11; issued since 2007.
    response = post(client_for(caseworker), caseworker, cpr="0101901234")
    assert response.status_code == 302
    assert Citizen.objects.get().cpr == "0101901234"


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("3102901234", "gyldig fødselsdato (31.02.1990)"),
        ("0113901234", "gyldig fødselsdato"),
        ("01019O1234", "kun indeholde cifre"),
        ("010190123", "10 cifre, ikke 9"),
    ],
)
def test_it_rejects_invalid_cpr_at_the_field_and_saves_nothing(
    caseworker, client_for, cpr, message
):
    response = post(client_for(caseworker), caseworker, cpr=cpr)
    assert response.status_code == 200
    errors = response.context["form"].errors["cpr"]
    assert message in errors[0]
    html = response.content.decode()
    assert 'class="form-group form-error"' in html
    assert not Citizen.objects.exists() and not Course.objects.exists()


def test_the_same_cpr_twice_in_a_municipality_is_refused(caseworker, client_for):
    client = client_for(caseworker)
    post(client, caseworker)
    response = post(client, caseworker, first_name="Anden")
    assert "findes allerede" in response.context["form"].errors["cpr"][0]
    assert Citizen.objects.count() == 1


def test_a_caseworker_of_another_municipality_cannot_be_chosen(caseworker, outsider, client_for):
    response = post(client_for(caseworker), caseworker, **{"caseworker": outsider.pk})
    assert "caseworker" in response.context["form"].errors
    assert not Citizen.objects.exists()
