"""Matching workflows: recording contact attempts, and the ranked lists people see."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from jobbro.accounts.models import User
from jobbro.cases.models import Course, CourseEvent
from jobbro.cases.services import course_contact_record
from jobbro.citizens.models import WishWorkplace
from jobbro.companies.models import Workplace
from jobbro.matching import cache
from jobbro.matching.models import ContactAttempt
from jobbro.matching.profiles import (
    CAPACITY_WINDOW,
    average_hire_rate,
    citizen_profile,
    citizen_profiles,
    workplace_profiles,
)
from jobbro.matching.scoring import Suggestion, score_pair

SUGGESTION_LIMIT = 100
# The citizen's portal offers the best few suggestions and a search of the register.
CITIZEN_SUGGESTIONS = 10
SEARCH_LIMIT = 20


@transaction.atomic
def contact_attempt_record(
    *,
    by: User,
    course: Course,
    workplace: Workplace,
    contacted_on: date,
    channel: str,
    outcome: str,
    note: str = "",
    today: date,
) -> ContactAttempt:
    """One contact with a workplace for a course; it is also a company contact on the
    course, so the waiting-time guard counts it (course_contact_record)."""
    if contacted_on and contacted_on > today:
        raise ValidationError({"contacted_on": _("Datoen kan ikke ligge i fremtiden.")})
    attempt = ContactAttempt(
        municipality_id=course.municipality_id,
        course=course,
        workplace=workplace,
        contacted_on=contacted_on,
        channel=channel,
        outcome=outcome,
        note=note,
        by=by,
    )
    attempt.full_clean()
    attempt.save()
    text = _("Kontakt til %(workplace)s (%(channel)s): %(outcome)s") % {
        "workplace": workplace.name,
        "channel": attempt.get_channel_display().lower(),
        "outcome": attempt.get_outcome_display().lower(),
    }
    if note:
        text = f"{text}. {note}"
    course_contact_record(
        by=by,
        course=course,
        kind=CourseEvent.Kind.COMPANY_CONTACT,
        occurred_on=contacted_on,
        text=text,
        today=today,
    )
    return attempt


def course_suggestions(*, course: Course, today: date) -> list[Suggestion]:
    """Workplaces for one course, best first (at most SUGGESTION_LIMIT)."""
    index = cache.workplace_index(today)
    agreed = cache.agreements(course.municipality_id, today)
    return index.rank(citizen_profile(course), limit=SUGGESTION_LIMIT, agreed=agreed)


@dataclass(frozen=True)
class SuggestionRow:
    suggestion: Suggestion
    workplace: Workplace  # with capacity_used / capacity_allowed annotated
    attempts: list[ContactAttempt]


def suggestion_rows(
    *, course: Course, suggestions: list[Suggestion], today: date
) -> list[SuggestionRow]:
    """What a page of suggestions shows: the workplaces with their capacity and this
    course's attempts with each, in two queries whatever the page size."""
    ids = [s.workplace_id for s in suggestions]
    places = (
        Workplace.objects.select_related("company")
        .with_capacity(today, today + CAPACITY_WINDOW)
        .in_bulk(ids)
    )
    attempts: dict[int, list[ContactAttempt]] = defaultdict(list)
    for attempt in ContactAttempt.objects.filter(course=course, workplace_id__in=ids):
        attempts[attempt.workplace_id].append(attempt)
    # A workplace removed since the cached index was built is simply left out.
    return [
        SuggestionRow(s, places[s.workplace_id], attempts[s.workplace_id])
        for s in suggestions
        if s.workplace_id in places
    ]


@dataclass(frozen=True)
class CitizenMatch:
    course: Course
    suggestion: Suggestion


def workplace_candidates(
    *, workplace: Workplace, municipality_id: int, courses: Iterable[Course], today: date
) -> list[CitizenMatch]:
    """Waiting courses ranked for one workplace with the same score_pair, best first,
    ties by course id. Excluded pairs (last employer, declined, no free place) drop out."""
    profile = workplace_profiles(today=today, ids={workplace.pk})[0]
    if workplace.pk in cache.agreements(municipality_id, today):
        profile = replace(profile, active_agreement=True)
    average = average_hire_rate()
    courses = list(courses)
    profiles = citizen_profiles(courses, workplace_id=workplace.pk)
    matches = [
        CitizenMatch(course, suggestion)
        for course in courses
        if (suggestion := score_pair(profiles[course.pk], profile, average))
    ]
    matches.sort(key=lambda m: (-m.suggestion.score, m.course.pk))
    return matches


@dataclass(frozen=True)
class WorkplaceChoices:
    """The workplaces a citizen may pick when telling the jobcenter about a contact."""

    found: list[Workplace]
    contacted: list[Workplace]
    wishes: list[Workplace]
    suggested: list[Workplace]


def workplace_search(query: str) -> list[Workplace]:
    """Workplaces in the shared register by name, company name or CVR number."""
    query = query.strip()
    if len(query) < 2:
        return []
    match = Q(name__icontains=query) | Q(company__name__icontains=query)
    if query.isdigit():
        match |= Q(company__cvr=query) | Q(p_number=query)
    return list(
        Workplace.objects.select_related("company")
        .filter(match)
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )


def citizen_workplace_choices(*, course: Course, query: str, today: date) -> WorkplaceChoices:
    """What the citizen's contact form offers, each workplace once, in this order:
    search results, the workplaces already contacted for this course (to record the
    follow-up), their wish workplaces (by CVR) and the best suggestions."""
    found = workplace_search(query)
    wish_cvrs = WishWorkplace.objects.filter(citizen_id=course.citizen_id).exclude(cvr="")
    wishes = list(
        Workplace.objects.select_related("company")
        .filter(company__cvr__in=wish_cvrs.values("cvr"))
        .order_by("name", "pk")
    )
    suggestion_ids = [
        s.workplace_id for s in course_suggestions(course=course, today=today)[:CITIZEN_SUGGESTIONS]
    ]
    contacted = list(
        Workplace.objects.select_related("company")
        .filter(contact_attempts__course=course)
        .distinct()
        .order_by("name", "pk")
    )
    places = Workplace.objects.select_related("company").in_bulk(suggestion_ids)
    suggested = [places[pk] for pk in suggestion_ids if pk in places]
    seen: set[int] = set()

    def once(group: list[Workplace]) -> list[Workplace]:
        fresh = [w for w in group if w.pk not in seen]
        seen.update(w.pk for w in fresh)
        return fresh

    return WorkplaceChoices(once(found), once(contacted), once(wishes), once(suggested))
