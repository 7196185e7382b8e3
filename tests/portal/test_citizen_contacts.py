"""The citizen's "Jeg har kontaktet en virksomhed": recorded in the portal, counted on the
course like the consultant's attempts, and only ever about the citizen's own course."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobbro.cases.models import CourseEvent
from jobbro.citizens.models import WishWorkplace
from jobbro.matching import services
from jobbro.matching.models import ContactAttempt
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("portal:contacts")
TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def today(clock):
    clock.set(TODAY)
    return TODAY


@pytest.fixture
def course(citizen_user):
    return factories.course(citizen_obj=citizen_user.citizen, phase="matching")


@pytest.fixture
def client(citizen_user, client_for):
    return client_for(citizen_user)


def _data(place, **fields) -> dict:
    return {
        "workplace": place.pk,
        "contacted_on": "2026-11-30",
        "channel": "phone",
        "outcome": "interested",
        "note": "",
        **fields,
    }


def test_the_form_offers_wishes_suggestions_and_what_was_contacted(client, course):
    wished = factories.workplace(factories.company(name="Drømmebageriet ApS"), name="Bageriet")
    WishWorkplace.objects.create(
        municipality_id=course.municipality_id,
        citizen=course.citizen,
        position=1,
        company_name="Drømmebageriet",
        cvr=wished.company.cvr,
    )
    suggested = factories.workplace(name="Lageret Nord")
    contacted = factories.workplace(name="Butikken")
    ContactAttempt.objects.create(
        municipality_id=course.municipality_id,
        course=course,
        workplace=contacted,
        contacted_on=date(2026, 11, 20),
        channel="email",
        outcome="no_answer",
    )

    response = client.get(URL)

    assert response.status_code == 200
    choices = response.context["form"].workplace_choices
    assert [w.pk for w in choices.wishes] == [wished.pk]
    assert suggested.pk in [w.pk for w in choices.suggested]
    assert wished.pk not in [w.pk for w in choices.suggested]  # each workplace once
    assert [w.pk for w in choices.contacted] == [contacted.pk]
    html = response.content.decode()
    assert 'optgroup label="Dine ønskearbejdspladser"' in html
    assert 'optgroup label="Forslag fra jobcentret"' in html
    assert "Bageriet, 8000" in html


def test_search_finds_a_workplace_by_name_or_cvr(client, course):
    place = factories.workplace(factories.company(name="Tømrerfirmaet Hansen"), name="Værkstedet")
    by_name = client.get(URL, {"q": "tømrer"}).context["form"].workplace_choices.found
    by_cvr = client.get(URL, {"q": place.company.cvr}).context["form"].workplace_choices.found
    assert [w.pk for w in by_name] == [place.pk] == [w.pk for w in by_cvr]

    assert client.get(URL, {"q": "tømrer"}).context["form"].initial["workplace"] == place.pk
    response = client.get(URL, {"q": "Findes ikke"})
    assert "Vi fandt ingen virksomhed" in response.content.decode()


def test_a_citizen_records_a_contact_that_the_jobcenter_counts(
    client, course, citizen_user, consultant, client_for
):
    place = factories.workplace(name="Lageret Syd")

    response = client.post(URL, _data(place, note="Jeg ringer igen på mandag"))

    assert response.status_code == 302
    attempt = ContactAttempt.objects.get()
    assert (attempt.course, attempt.workplace, attempt.by) == (course, place, citizen_user)
    assert attempt.municipality_id == course.municipality_id
    course.refresh_from_db()
    assert course.first_company_contact_on == date(2026, 11, 30)
    event = CourseEvent.objects.get(course=course, kind=CourseEvent.Kind.COMPANY_CONTACT)
    assert "Lageret Syd" in event.text and event.author == citizen_user
    page = client.get(URL).content.decode()
    assert "Din kontakt til Lageret Syd er gemt" in page
    assert "Jeg ringer igen på mandag" in page and "Skrevet af dig" in page
    # The consultant's timeline says the citizen wrote it.
    staff_page = client_for(consultant).get(reverse("cases:course_detail", args=[course.pk]))
    assert f"{citizen_user} (borger)" in staff_page.content.decode()


def test_a_declined_contact_leaves_the_jobcenters_suggestions(client, course):
    place = factories.workplace(name="Siger nej")
    assert place.pk in [
        s.workplace_id for s in services.course_suggestions(course=course, today=TODAY)
    ]
    client.post(URL, _data(place, outcome="declined"))
    assert place.pk not in [
        s.workplace_id for s in services.course_suggestions(course=course, today=TODAY)
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("workplace", "", "Vælg den virksomhed, du har kontaktet."),
        ("workplace", "999999", "Vælg en virksomhed fra listen."),
        ("contacted_on", "2026-12-24", "Datoen kan ikke ligge i fremtiden."),
        ("contacted_on", "i går", "Skriv datoen som en gyldig dato"),
        ("channel", "", "Vælg hvordan du kontaktede virksomheden."),
        ("outcome", "fax", "Vælg hvad virksomheden svarede fra listen."),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(client, course, field, value, message):
    place = factories.workplace()
    response = client.post(URL, _data(place, **{field: value}))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ContactAttempt.objects.exists()
    assert not CourseEvent.objects.filter(kind=CourseEvent.Kind.COMPANY_CONTACT).exists()


def test_the_jobcenters_attempts_show_without_their_notes(client, course, consultant):
    place = factories.workplace(name="Kantinen")
    ContactAttempt.objects.create(
        municipality_id=course.municipality_id,
        course=course,
        workplace=place,
        contacted_on=date(2026, 11, 25),
        channel="visit",
        outcome="not_now",
        note="Intern vurdering",
        by=consultant,
    )
    html = client.get(URL).content.decode()
    assert "Kantinen" in html and "Ikke nu" in html and "Registreret af jobcentret" in html
    assert "Intern vurdering" not in html


def test_a_closed_course_shows_the_contacts_but_takes_no_new_ones(client, course):
    course.phase, course.outcome, course.closed_on = "closed", "education", date(2026, 11, 1)
    course.save(update_fields=["phase", "outcome", "closed_on"])
    place = factories.workplace()

    response = client.post(URL, _data(place))

    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Dit forløb er afsluttet" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_the_open_course_is_the_one_used_when_an_older_one_is_closed(client, citizen_user):
    factories.course(
        citizen_obj=citizen_user.citizen,
        phase="closed",
        outcome="education",
        closed_on=date(2025, 6, 1),
    )
    current = factories.course(citizen_obj=citizen_user.citizen, phase="matching")
    client.post(URL, _data(factories.workplace()))
    assert ContactAttempt.objects.get().course == current


def test_the_plan_links_to_the_contacts_with_a_count(client, course):
    ContactAttempt.objects.create(
        municipality_id=course.municipality_id,
        course=course,
        workplace=factories.workplace(),
        contacted_on=date(2026, 11, 25),
        channel="phone",
        outcome="no_answer",
    )
    html = client.get(reverse("home")).content.decode()
    assert "Der er registreret 1 kontakt til en virksomhed" in html
    assert URL in html and "Jeg har kontaktet en virksomhed" in html


def test_a_citizen_only_ever_sees_and_writes_their_own_course(
    client, course, municipality_b, client_for
):
    other = factories.course(municipality_b, phase="matching")
    other_user = factories.citizen_user(other.citizen, username="anden.borger")
    ContactAttempt.objects.create(
        municipality_id=other.municipality_id,
        course=other,
        workplace=factories.workplace(name="Andens virksomhed"),
        contacted_on=date(2026, 11, 25),
        channel="phone",
        outcome="declined",
    )

    assert list(client.get(URL).context["page"]) == []
    client.post(URL, _data(factories.workplace()))
    assert ContactAttempt.objects.filter(course=course).count() == 1
    assert [a.course for a in client_for(other_user).get(URL).context["page"]] == [other]


@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "manager", "admin", "evaluator", "contact_person"]
)
def test_other_roles_are_refused(personas, client_for, role):
    assert client_for(personas[role]).get(URL).status_code == 403
    assert client_for(personas[role]).post(URL, {}).status_code == 403


def test_signed_out_goes_to_the_portal_sign_in_and_comes_back():
    response = Client().get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('portal:signin_request')}?next={URL}"


def test_a_citizen_without_a_course_sees_the_empty_state(client):
    assert "Din plan er ikke klar endnu" in client.get(URL).content.decode()


def test_the_page_runs_the_same_queries_for_1_and_25_contacts(
    client, course, django_assert_num_queries
):
    place = factories.workplace()

    def attempts(n):
        ContactAttempt.objects.bulk_create(
            ContactAttempt(
                municipality_id=course.municipality_id,
                course=course,
                workplace=place if i % 2 else factories.workplace(),
                contacted_on=date(2026, 11, 1),
                channel="phone",
                outcome="no_answer",
            )
            for i in range(n)
        )

    attempts(1)
    client.get(URL)  # warm the matching index and the session
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    attempts(24)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(one)
