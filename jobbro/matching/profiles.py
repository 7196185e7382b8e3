"""Profiles for the scoring functions, built from the database in a few bulk queries.

Citizen side: one course (3 queries) or many waiting courses at once (4 queries).
Workplace side: every workplace in 6 queries, whatever their number, so the index
build does not grow in queries with the country. The "active agreement" signal is the
viewing municipality's own, so it is not in the national profiles: it is an overlay
(``agreed_workplaces``), see docs/performance.md.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from jobbro.cases.models import JOB_OUTCOMES, Course, Phase
from jobbro.citizens.models import WishWorkplace
from jobbro.companies.models import ContactPerson, CooperationAgreement, Workplace
from jobbro.matching.models import ContactAttempt
from jobbro.matching.scoring import CitizenProfile, Position, WorkplaceProfile, stems
from jobbro.municipalities.data import postcode_positions
from jobbro.municipalities.models import Municipality, PostalArea
from jobbro.placements.models import Placement

# Free places are counted over the next 8 weeks: the length of an ordinary internship.
CAPACITY_WINDOW = timedelta(weeks=8)
# Placements that have run their course count for the track record.
FINISHED = (Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY)
WAITING_PHASES = (Phase.REFERRED, Phase.MATCHING)


@dataclass(frozen=True)
class Place:
    municipality: int
    region: int
    position: Position | None = None


def codes(text: str) -> frozenset[str]:
    """'471120, 561010' → {'471120', '561010'}; validators keep them 6 digits."""
    return frozenset(code.strip() for code in text.split(",") if code.strip())


def postcode_places(postcodes: set[str] | None = None) -> dict[str, Place]:
    """Postal code → municipality, region and position. A code spanning municipalities
    takes the lowest municipality number: deterministic, and the region is nearly always
    shared."""
    areas = PostalArea.objects.order_by("postcode", "-municipality_id")
    if postcodes is not None:
        areas = areas.filter(postcode__in=postcodes)
    positions = postcode_positions()
    return {
        postcode: Place(municipality, region, positions.get(postcode))
        for postcode, municipality, region in areas.values_list(
            "postcode", "municipality_id", "municipality__region_code"
        )
    }


# -- citizens ----------------------------------------------------------------------


def _citizen_profile(
    course: Course,
    place: Place,
    wishes: frozenset[str],
    declined: frozenset[int],
) -> CitizenProfile:
    citizen = course.citizen
    return CitizenProfile(
        municipality=place.municipality,
        region=place.region,
        position=place.position,
        goal_industries=codes(citizen.wish_industry_codes),
        occupations=codes(citizen.occupation_codes),
        stems=stems(f"{citizen.job_goals} {citizen.competences}"),
        wish_cvrs=wishes,
        last_employer_cvr=citizen.last_employer_cvr,
        declined_workplaces=declined,
    )


def _fallback_places(municipality_ids: set[int]) -> dict[int, Place]:
    if not municipality_ids:
        return {}
    rows = Municipality.objects.filter(code__in=municipality_ids).values_list("code", "region_code")
    return {code: Place(code, region) for code, region in rows}


def citizen_profiles(courses: list[Course], *, workplace_id: int | None = None) -> dict:
    """CitizenProfile per course id, for courses fetched with select_related('citizen').

    Declined workplaces are those with a contact attempt of outcome 'declined' for the
    course (only ``workplace_id``'s, when given, as that is all the caller scores)."""
    if not courses:
        return {}
    citizen_ids = {c.citizen_id for c in courses}
    places = postcode_places({c.citizen.postcode for c in courses if c.citizen.postcode})
    fallback = _fallback_places(
        {c.municipality_id for c in courses if c.citizen.postcode not in places}
    )
    wishes: dict[int, set[str]] = defaultdict(set)
    for citizen_id, cvr in (
        WishWorkplace.objects.filter(
            citizen_id__in=citizen_ids, municipality_id__in={c.municipality_id for c in courses}
        )
        .exclude(cvr="")
        .values_list("citizen_id", "cvr")
    ):
        wishes[citizen_id].add(cvr)
    declined: dict[int, set[int]] = defaultdict(set)
    attempts = ContactAttempt.objects.declined().filter(course__in=[c.pk for c in courses])
    if workplace_id is not None:
        attempts = attempts.filter(workplace_id=workplace_id)
    for course_id, place_id in attempts.values_list("course_id", "workplace_id"):
        declined[course_id].add(place_id)
    return {
        c.pk: _citizen_profile(
            c,
            places.get(c.citizen.postcode) or fallback[c.municipality_id],
            frozenset(wishes[c.citizen_id]),
            frozenset(declined[c.pk]),
        )
        for c in courses
    }


def citizen_profile(course: Course) -> CitizenProfile:
    return citizen_profiles([course])[course.pk]


def waiting_courses(municipality_id: int):
    """Courses of one municipality waiting for a match: referred or matching."""
    return (
        Course.objects.for_municipality(municipality_id)
        .filter(phase__in=WAITING_PHASES)
        .select_related("citizen")
        .order_by("id")
    )


# -- workplaces --------------------------------------------------------------------


def _agreement_content(today: date, ids: set[int] | None) -> tuple[dict, dict]:
    """Occupations and task stems from the active agreements of every municipality:
    what a workplace offers interns is a fact about the workplace, not a tenant's view."""
    occupations: dict[int, set[str]] = defaultdict(set)
    words: dict[int, set[str]] = defaultdict(set)
    agreements = CooperationAgreement.objects.active_on(today)
    if ids is not None:
        agreements = agreements.filter(workplace_id__in=ids)
    for place_id, tasks, occupation_codes, text in agreements.values_list(
        "workplace_id", "tasks", "occupation_codes", "occupations_text"
    ):
        occupations[place_id] |= codes(occupation_codes)
        words[place_id] |= stems(f"{tasks} {text}")
    return occupations, words


def _contact_people(ids: set[int] | None) -> tuple[set[int], dict]:
    """Workplaces with a trained active job contact person, and their titles' stems."""
    trained: set[int] = set()
    words: dict[int, set[str]] = defaultdict(set)
    people = ContactPerson.objects.with_trained().filter(is_active=True)
    if ids is not None:
        people = people.filter(workplace_id__in=ids)
    for place_id, title, is_trained in people.values_list("workplace_id", "title", "is_trained"):
        if is_trained:
            trained.add(place_id)
        words[place_id] |= stems(title)
    return trained, words


def _finished_placements():
    return Placement.objects.filter(status__in=FINISHED)


HIRED = Count("id", filter=Q(course__phase=Phase.CLOSED, course__outcome__in=JOB_OUTCOMES))


def _track_records(ids: set[int] | None) -> dict[int, tuple[int, int]]:
    """Past interns and how many of their courses closed with an ordinary job.

    Counted over every municipality's placements: a number per workplace, no person."""
    rows = _finished_placements()
    if ids is not None:
        rows = rows.filter(workplace_id__in=ids)
    return {
        row["workplace_id"]: (row["interns"], row["hired"])
        for row in rows.values("workplace_id").annotate(interns=Count("id"), hired=HIRED)
    }


def average_hire_rate() -> float:
    """Share of all finished placements whose course closed with a job, in the database."""
    totals = _finished_placements().aggregate(interns=Count("id"), hired=HIRED)
    return totals["hired"] / totals["interns"] if totals["interns"] else 0.0


def workplace_profiles(*, today: date, ids: set[int] | None = None) -> list[WorkplaceProfile]:
    """Every workplace (or those in ``ids``), with free places over the next 8 weeks.

    ``active_agreement`` is left False: it belongs to the viewing municipality."""
    workplaces = Workplace.objects.with_capacity(today, today + CAPACITY_WINDOW).order_by("id")
    if ids is not None:
        workplaces = workplaces.filter(pk__in=ids)
    rows = list(
        workplaces.values_list(
            "id", "company__cvr", "company__industry_code", "postcode", "capacity_free"
        )
    )
    places = postcode_places({row[3] for row in rows} if ids is not None else None)
    occupations, task_words = _agreement_content(today, ids)
    trained, title_words = _contact_people(ids)
    records = _track_records(ids)
    unknown = Place(0, 0)
    profiles = []
    for place_id, cvr, industry, postcode, free in rows:
        place = places.get(postcode, unknown)
        interns, hired = records.get(place_id, (0, 0))
        profiles.append(
            WorkplaceProfile(
                id=place_id,
                cvr=cvr,
                municipality=place.municipality,
                region=place.region,
                position=place.position,
                industry_code=industry,
                free_places=free,
                trained_contact=place_id in trained,
                occupations=frozenset(occupations[place_id]),
                stems=frozenset(task_words[place_id] | title_words[place_id]),
                past_interns=interns,
                past_hired=hired,
            )
        )
    return profiles


def agreed_workplaces(municipality_id: int, today: date) -> frozenset[int]:
    """Workplaces with an active cooperation agreement with this municipality."""
    return frozenset(
        CooperationAgreement.objects.for_municipality(municipality_id)
        .active_on(today)
        .values_list("workplace_id", flat=True)
    )
