"""contact_attempt_record: the attempt, and a company contact for the waiting-time guard."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jobbro.cases.models import CourseEvent
from jobbro.matching.models import ContactAttempt
from jobbro.matching.services import contact_attempt_record
from tests import factories

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.django_db


def _record(course, consultant, **fields):
    fields.setdefault("contacted_on", date(2026, 11, 25))
    fields.setdefault("channel", "phone")
    fields.setdefault("outcome", "interested")
    return contact_attempt_record(
        by=consultant, course=course, workplace=fields.pop("workplace"), today=TODAY, **fields
    )


def test_it_records_the_attempt_and_a_company_contact(consultant, municipality_a):
    course = factories.course(municipality_a, phase="matching")
    place = factories.workplace(name="Lageret")

    attempt = _record(course, consultant, workplace=place, note="Ring igen i januar")

    assert attempt.municipality_id == municipality_a.pk
    assert attempt.by == consultant
    course.refresh_from_db()
    assert course.first_company_contact_on == date(2026, 11, 25)
    event = CourseEvent.objects.get(course=course, kind=CourseEvent.Kind.COMPANY_CONTACT)
    assert "Lageret" in event.text and "interesseret" in event.text


def test_a_citizen_may_record_their_own_attempt(municipality_a):
    person = factories.citizen(municipality_a)
    account = factories.citizen_user(person)
    course = factories.course(citizen_obj=person, phase="matching")
    attempt = _record(course, account, workplace=factories.workplace(), channel="email")
    assert attempt.by == account


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"contacted_on": date(2026, 12, 1)}, "contacted_on", "fremtiden"),
        ({"outcome": "maybe"}, "outcome", "gyldigt valg"),
        ({"channel": "fax"}, "channel", "gyldigt valg"),
    ],
)
def test_it_rejects_bad_input_and_saves_nothing(consultant, municipality_a, fields, field, message):
    course = factories.course(municipality_a, phase="matching")
    with pytest.raises(ValidationError) as error:
        _record(course, consultant, workplace=factories.workplace(), **fields)
    assert message in " ".join(error.value.message_dict[field])
    assert not ContactAttempt.objects.exists()
    assert not CourseEvent.objects.filter(kind=CourseEvent.Kind.COMPANY_CONTACT).exists()


def test_a_closed_course_takes_no_attempts(consultant, municipality_a):
    course = factories.course(
        municipality_a, phase="closed", outcome="still_unemployed", closed_on=TODAY
    )
    with pytest.raises(ValidationError):
        _record(course, consultant, workplace=factories.workplace())
    assert not ContactAttempt.objects.exists()
