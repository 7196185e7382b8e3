"""Small builders for test data: explicit, no magic, valid by default."""

import itertools
from datetime import date
from decimal import Decimal

from jobbro.accounts.models import User
from jobbro.citizens.models import Citizen
from jobbro.companies.models import (
    Company,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    TrainingRecord,
    Workplace,
)
from jobbro.lib.cvr import make_valid_cvr
from jobbro.municipalities.models import Municipality

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery"


def municipality(code: int) -> Municipality:
    return Municipality.objects.get(code=code)


def user(role: str, municipality: Municipality | None, **fields) -> User:
    n = next(_counter)
    fields.setdefault("username", f"{role}{n}")
    fields.setdefault("first_name", role.title())
    fields.setdefault("last_name", f"Test{n}")
    fields.setdefault("email", f"{fields['username']}@example.org")
    person = User(role=role, municipality=municipality, **fields)
    person.set_password(PASSWORD)
    person.save()
    return person


def enrol_totp(person: User) -> str:
    """Give a user an authenticator app; returns its secret (pyotp computes the codes)."""
    import pyotp
    from allauth.mfa.models import Authenticator

    secret = pyotp.random_base32()
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": secret})
    return secret


def cvr() -> str:
    seed = 3_000_000 + next(_counter) * 17
    while (value := make_valid_cvr(seed)) is None:
        seed += 1
    return value


def company(*, municipality: Municipality | None = None, **fields) -> Company:
    fields.setdefault("cvr", cvr())
    fields.setdefault("name", f"Testfirma {next(_counter)} ApS")
    fields.setdefault("industry_code", "471120")
    fields.setdefault("industry_text", "Supermarkeder")
    fields.setdefault("postcode", "8000")
    item = Company.objects.create(**fields)
    if municipality is not None:
        CompanyRelation.objects.create(company=item, municipality=municipality)
    return item


def workplace(owner: Company | None = None, **fields) -> Workplace:
    fields.setdefault("p_number", str(1_100_000_000 + next(_counter)))
    fields.setdefault("name", "Hovedafdelingen")
    fields.setdefault("postcode", "8000")
    fields.setdefault("ordinary_employees", Decimal("12"))
    return Workplace.objects.create(company=owner or company(), **fields)


def contact_person_user(place: Workplace, **fields) -> User:
    person = user("contact_person", None, **fields)
    ContactPerson.objects.create(workplace=place, user=person, name=str(person))
    return person


def contact_person(place: Workplace | None = None, **fields) -> ContactPerson:
    fields.setdefault("name", f"Jobkontakt {next(_counter)}")
    return ContactPerson.objects.create(workplace=place or workplace(), **fields)


def agreement(municipality: Municipality, place: Workplace | None = None, **fields):
    fields.setdefault("start_date", date(2026, 1, 1))
    fields.setdefault("end_date", date(2026, 12, 31))
    fields.setdefault("status", CooperationAgreement.Status.ACTIVE)
    return CooperationAgreement.objects.create(
        municipality=municipality, workplace=place or workplace(), **fields
    )


def visit(municipality: Municipality, owner: Company, consultant: User, **fields):
    fields.setdefault("visited_on", date(2026, 6, 1))
    fields.setdefault("purpose", "Opfølgning")
    return CompanyVisit.objects.create(
        municipality=municipality, company=owner, consultant=consultant, **fields
    )


def training(municipality: Municipality, person: ContactPerson, **fields) -> TrainingRecord:
    fields.setdefault("course", "Jobkontaktpersonkursus")
    fields.setdefault("held_on", date(2026, 3, 1))
    fields.setdefault("completed", True)
    return TrainingRecord.objects.create(municipality=municipality, contact_person=person, **fields)


def exchange_meeting(municipality: Municipality, *attendees: ContactPerson, **fields):
    fields.setdefault("held_on", date(2026, 4, 1))
    fields.setdefault("topic", "Den gode feedback")
    item = ExperienceMeeting.objects.create(municipality=municipality, **fields)
    item.attendees.set(attendees)
    return item


def citizen(municipality: Municipality, **fields) -> Citizen:
    n = next(_counter)
    fields.setdefault("cpr", f"0101{80 + n % 20:02d}{1000 + n:04d}"[:10])
    fields.setdefault("first_name", "Karen")
    fields.setdefault("last_name", f"Jensen{n}")
    fields.setdefault("unemployed_since", date(2026, 1, 5))
    return Citizen.objects.create(municipality=municipality, **fields)


def citizen_user(person: Citizen, **fields) -> User:
    account = user("citizen", None, **fields)
    person.user = account
    person.save(update_fields=["user"])
    return account


def course(
    municipality: Municipality | None = None,
    *,
    citizen_obj: Citizen | None = None,
    caseworker: User | None = None,
    **fields,
):
    """A course in phase 'referred' (or as given), with its first phase history row."""
    from jobbro.cases.models import Course, PhaseChange

    citizen_obj = citizen_obj or citizen(municipality)
    municipality = citizen_obj.municipality
    caseworker = caseworker or user("caseworker", municipality)
    fields.setdefault("visitation_on", date(2026, 11, 2))
    fields.setdefault("phase_started_on", fields["visitation_on"])
    item = Course.objects.create(
        municipality=municipality, citizen=citizen_obj, caseworker=caseworker, **fields
    )
    PhaseChange.objects.create(municipality=municipality, course=item, to_phase=item.phase)
    return item


def note(course_obj, author: User, **fields):
    from jobbro.cases.models import CourseEvent

    fields.setdefault("text", "Samtale om jobmål.")
    return CourseEvent.objects.create(
        municipality=course_obj.municipality,
        course=course_obj,
        kind="note",
        author=author,
        **fields,
    )


def homework(course_obj, **fields):
    from jobbro.cases.models import HomeworkItem

    fields.setdefault("description", "Opdater dit CV")
    fields.setdefault("due_on", date(2026, 12, 15))
    fields.setdefault("created_by", course_obj.caseworker)
    return HomeworkItem.objects.create(
        municipality=course_obj.municipality, course=course_obj, **fields
    )


def meeting(municipality: Municipality, **fields):
    from datetime import datetime

    from django.utils import timezone

    from jobbro.cases.models import InformationMeeting

    fields.setdefault("starts_at", timezone.make_aware(datetime(2026, 11, 20, 10, 0)))
    fields.setdefault("place", "Jobcentret, mødelokale 2")
    fields.setdefault("capacity", 10)
    return InformationMeeting.objects.create(municipality=municipality, **fields)


def placement(course_obj=None, *, place: Workplace | None = None, **fields):
    """A planned placement made through the service, so its conversations and agreement exist."""
    from decimal import Decimal

    from jobbro.placements.services import placement_create

    course_obj = course_obj or course(
        municipality(751),
        phase="matching",
        consultant=user("consultant", municipality(751)),
        consent_to_share=True,
    )
    place = place or workplace(ordinary_employees=Decimal("20"))
    person = fields.pop("contact_person", None) or contact_person(place)
    by = fields.pop("by", None) or course_obj.caseworker
    return placement_create(
        by=by,
        course=course_obj,
        workplace=place,
        contact_person=person,
        start_on=fields.pop("start_on", date(2026, 12, 7)),
        hours_per_week=fields.pop("hours_per_week", Decimal("30")),
        purpose=fields.pop("purpose", "skills"),
        tasks=fields.pop("tasks", "Lager og pakning"),
        today=fields.pop("today", date(2026, 11, 30)),
        **fields,
    )


def contact_attempt(course_obj, place: Workplace, **fields):
    from jobbro.matching.models import ContactAttempt

    fields.setdefault("contacted_on", date(2026, 11, 10))
    fields.setdefault("channel", ContactAttempt.Channel.PHONE)
    fields.setdefault("outcome", ContactAttempt.Outcome.NO_ANSWER)
    return ContactAttempt.objects.create(
        municipality=course_obj.municipality, course=course_obj, workplace=place, **fields
    )


def active_placement(course_obj=None, *, person_user: User | None = None, **fields):
    """A started placement; with ``person_user`` its job contact person can sign in."""
    from jobbro.placements.models import Placement

    if person_user is not None:
        fields["contact_person"] = person_user.contact_person
        fields.setdefault("place", person_user.contact_person.workplace)
    item = placement(course_obj, **fields)
    Placement.objects.filter(pk=item.pk).update(status=Placement.Status.ACTIVE)
    item.refresh_from_db()
    return item
