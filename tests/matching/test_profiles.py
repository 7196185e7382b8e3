"""Profiles built from the database feed the scoring with the right signals."""

from datetime import date
from decimal import Decimal

import pytest

from jobbro.citizens.models import WishWorkplace
from jobbro.matching.models import ContactAttempt
from jobbro.matching.profiles import (
    agreed_workplaces,
    average_hire_rate,
    citizen_profile,
    workplace_profiles,
)
from jobbro.matching.scoring import rank
from jobbro.placements.models import Placement
from tests import factories

TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.django_db


def _course(municipality, **citizen_fields):
    person = factories.citizen(municipality, **citizen_fields)
    return factories.course(citizen_obj=person, phase="matching")


def test_a_citizen_profile_takes_place_codes_wishes_and_declines(municipality_a):
    course = _course(
        municipality_a,
        postcode="8670",  # Låsby in Skanderborg, though the course is Aarhus's
        job_goals="Lagerarbejde og truckkørsel",
        competences="Kundeservice",
        occupation_codes="932920, 522300",
        wish_industry_codes="471120",
        last_employer_cvr=factories.cvr(),
    )
    wished = factories.workplace()
    WishWorkplace.objects.create(
        municipality=municipality_a,
        citizen=course.citizen,
        position=1,
        company_name=wished.company.name,
        cvr=wished.company.cvr,
    )
    declined, maybe = factories.workplace(), factories.workplace()
    factories.contact_attempt(course, declined, outcome=ContactAttempt.Outcome.DECLINED)
    factories.contact_attempt(course, maybe, outcome=ContactAttempt.Outcome.NOT_NOW)
    other_course = _course(municipality_a)
    factories.contact_attempt(other_course, maybe, outcome=ContactAttempt.Outcome.DECLINED)

    profile = citizen_profile(course)

    assert (profile.municipality, profile.region) == (746, 1082)
    assert profile.occupations == {"932920", "522300"}
    assert profile.goal_industries == {"471120"}
    assert {"lager", "truck", "kunde"} <= profile.stems
    assert profile.wish_cvrs == {wished.company.cvr}
    assert profile.last_employer_cvr == course.citizen.last_employer_cvr
    assert profile.declined_workplaces == {declined.pk}


def test_a_citizen_without_postcode_is_placed_in_the_courses_municipality(municipality_a):
    profile = citizen_profile(_course(municipality_a, postcode=""))
    assert (profile.municipality, profile.region) == (751, 1082)


def test_workplace_profiles_carry_capacity_agreement_content_and_trained_contacts(
    municipality_a, municipality_b
):
    place = factories.workplace(postcode="8000", ordinary_employees=Decimal("12"))
    factories.agreement(
        municipality_b,
        place,
        tasks="Lager og pakning",
        occupation_codes="932920",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    person = factories.contact_person(place, title="Lagerchef")
    factories.training(municipality_b, person)
    factories.workplace(ordinary_employees=Decimal("12"), other_schemes_count=2)  # full

    profiles = {p.id: p for p in workplace_profiles(today=TODAY)}

    mine = profiles[place.pk]
    assert (mine.municipality, mine.region, mine.industry_code) == (751, 1082, "471120")
    assert mine.free_places == 2
    assert mine.occupations == {"932920"}
    assert {"lager", "pakni"} <= mine.stems
    assert mine.trained_contact is True
    assert mine.active_agreement is False  # the viewing municipality's overlay decides
    assert agreed_workplaces(municipality_b.pk, TODAY) == {place.pk}
    assert agreed_workplaces(municipality_a.pk, TODAY) == frozenset()


def test_zero_capacity_last_employer_and_declined_are_never_ranked(municipality_a):
    full = factories.workplace(ordinary_employees=Decimal("4"), other_schemes_count=1)
    last = factories.workplace()
    declined = factories.workplace()
    fine = factories.workplace()
    course = _course(municipality_a, last_employer_cvr=last.company.cvr)
    factories.contact_attempt(course, declined, outcome=ContactAttempt.Outcome.DECLINED)

    ranked = rank(citizen_profile(course), workplace_profiles(today=TODAY), 0.0, limit=50)

    assert [s.workplace_id for s in ranked] == [fine.pk]
    assert {full.pk, last.pk, declined.pk}.isdisjoint({s.workplace_id for s in ranked})


def test_track_record_counts_finished_placements_and_job_outcomes(municipality_a):
    place = factories.workplace(ordinary_employees=Decimal("20"))
    hired = factories.placement(place=place)
    left = factories.placement(place=place)
    Placement.objects.filter(pk__in=[hired.pk, left.pk]).update(status="completed")
    hired.course.__class__.objects.filter(pk=hired.course_id).update(
        phase="closed", outcome="job_same_company", closed_on=TODAY
    )

    profile = next(p for p in workplace_profiles(today=TODAY) if p.id == place.pk)

    assert (profile.past_interns, profile.past_hired) == (2, 1)
    assert average_hire_rate() == 0.5


def test_the_profiles_take_a_fixed_number_of_queries(municipality_a, django_assert_max_num_queries):
    for _ in range(3):
        place = factories.workplace()
        factories.agreement(municipality_a, place)
        factories.contact_person(place)
    with django_assert_max_num_queries(6) as few:
        workplace_profiles(today=TODAY)
    for _ in range(10):
        place = factories.workplace()
        factories.agreement(municipality_a, place)
        factories.contact_person(place)
    with django_assert_max_num_queries(len(few.captured_queries)):
        workplace_profiles(today=TODAY)
