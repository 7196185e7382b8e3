"""The course's state machine, closing and reopening, and the version check."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from jobbro.cases import services
from jobbro.cases.models import STALE_MESSAGE, Course, CourseChanged, Phase, PhaseChange
from jobbro.cases.transitions import TRANSITIONS
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)

# Everything each guard needs, so that only the table decides.
READY = {
    "first_company_contact_on": date(2026, 11, 5),
    "consent_to_share": True,
}

# Sorted: a frozenset's order differs between processes, and xdist workers must agree.
ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [
    (a, b)
    for a in Phase.values
    for b in Phase.values
    if b not in TRANSITIONS[a] and a != b and b != Phase.CLOSED and a != Phase.CLOSED
]


def ready_course(municipality, phase, consultant):
    extra = {"outcome": "still_unemployed"} if phase == Phase.CLOSED else {}
    return factories.course(municipality, phase=phase, consultant=consultant, **READY, **extra)


@pytest.mark.parametrize(("from_phase", "to_phase"), ALLOWED)
def test_it_allows_each_transition_in_the_table(
    from_phase, to_phase, municipality_a, caseworker, consultant
):
    course = ready_course(municipality_a, from_phase, consultant)
    services.course_transition(
        by=caseworker,
        course=course,
        version=course.version,
        to_phase=to_phase,
        reason="fordi",
        today=TODAY,
    )
    course.refresh_from_db()
    assert (course.phase, course.phase_started_on, course.version) == (to_phase, TODAY, 2)
    change = PhaseChange.objects.filter(course=course).latest("id")
    assert (change.from_phase, change.to_phase, change.by, change.reason) == (
        from_phase,
        to_phase,
        caseworker,
        "fordi",
    )


@pytest.mark.parametrize(("from_phase", "to_phase"), REFUSED)
def test_it_refuses_each_transition_outside_the_table(
    from_phase, to_phase, municipality_a, caseworker, consultant
):
    course = ready_course(municipality_a, from_phase, consultant)
    with pytest.raises(ValidationError) as exc:
        services.course_transition(
            by=caseworker, course=course, version=course.version, to_phase=to_phase, today=TODAY
        )
    assert "kan ikke gå fra" in exc.value.message_dict["to_phase"][0]
    course.refresh_from_db()
    assert (course.phase, course.version) == (from_phase, 1)


@pytest.mark.parametrize("from_phase", [p for p in Phase.values if p != Phase.CLOSED])
def test_closed_is_reached_only_by_closing(from_phase, municipality_a, caseworker, consultant):
    course = ready_course(municipality_a, from_phase, consultant)
    with pytest.raises(ValidationError, match="Afslut forløb"):
        services.course_transition(
            by=caseworker, course=course, version=1, to_phase=Phase.CLOSED, today=TODAY
        )


@pytest.mark.parametrize("to_phase", Phase.values)
def test_a_closed_course_moves_only_by_reopening(to_phase, municipality_a, caseworker, consultant):
    course = ready_course(municipality_a, Phase.CLOSED, consultant)
    with pytest.raises(ValidationError):
        services.course_transition(
            by=caseworker, course=course, version=1, to_phase=to_phase, today=TODAY
        )


@pytest.mark.parametrize(
    ("from_phase", "to_phase", "missing", "message"),
    [
        (
            "referred",
            "matching",
            {"consultant": None},
            "Tildel en virksomhedskonsulent før matching",
        ),
        (
            "matching",
            "preparation",
            {"first_company_contact_on": None},
            "kontakten med virksomheden",
        ),
        ("preparation", "in_placement", {"consent_to_share": False}, "samtykke"),
    ],
)
def test_guards_explain_what_is_missing(
    from_phase, to_phase, missing, message, municipality_a, caseworker, consultant
):
    fields = {**READY, "consultant": consultant, **missing}
    course = factories.course(municipality_a, phase=from_phase, **fields)
    with pytest.raises(ValidationError) as exc:
        services.course_transition(
            by=caseworker, course=course, version=1, to_phase=to_phase, today=TODAY
        )
    assert message in exc.value.message_dict["to_phase"][0]
    assert Course.objects.get(pk=course.pk).phase == from_phase


def test_a_stale_version_is_refused_and_nothing_is_saved(municipality_a, caseworker, consultant):
    course = factories.course(municipality_a, consultant=consultant)
    first = Course.objects.get(pk=course.pk)
    second = Course.objects.get(pk=course.pk)
    services.course_visitation_update(
        by=caseworker, course=first, version=1, fields={"motivation_notes": "Meget motiveret"}
    )
    with pytest.raises(CourseChanged) as exc:
        services.course_visitation_update(
            by=caseworker, course=second, version=1, fields={"motivation_notes": "Overskriver"}
        )
    assert exc.value.messages == [STALE_MESSAGE]
    with pytest.raises(CourseChanged):
        services.course_transition(
            by=caseworker, course=second, version=1, to_phase="matching", today=TODAY
        )
    course.refresh_from_db()
    assert (course.motivation_notes, course.phase, course.version) == (
        "Meget motiveret",
        "referred",
        2,
    )
    assert PhaseChange.objects.filter(course=course).count() == 1


def close(course, by, **kwargs):
    args = {"outcome": "", "reason": "", "today": TODAY, "version": course.version}
    return services.course_close(by=by, course=course, **(args | kwargs))


def test_closing_without_an_outcome_is_refused(municipality_a, caseworker):
    course = factories.course(municipality_a)
    with pytest.raises(ValidationError) as exc:
        close(course, caseworker, reason="Slut")
    assert "Vælg forløbets resultat" in exc.value.message_dict["outcome"][0]
    assert Course.objects.get(pk=course.pk).phase == "referred"


def test_a_job_outcome_needs_hours_and_start(municipality_a, caseworker):
    course = factories.course(municipality_a)
    with pytest.raises(ValidationError) as exc:
        close(course, caseworker, outcome="job_same_company", reason="Ansat")
    assert set(exc.value.message_dict) == {"outcome_hours_per_week", "outcome_start_on"}


def test_another_programme_must_be_named(municipality_a, caseworker):
    course = factories.course(municipality_a)
    with pytest.raises(ValidationError) as exc:
        close(course, caseworker, outcome="other_programme", reason="Videre")
    assert set(exc.value.message_dict) == {"outcome_programme"}


def test_closing_records_the_outcome_and_history(municipality_a, caseworker):
    course = factories.course(municipality_a, phase="follow_up")
    close(
        course,
        caseworker,
        outcome="job_same_company",
        reason="Fastansat efter praktik",
        hours_per_week=Decimal("30"),
        start_on=date(2026, 12, 1),
        upskilling="Truckcertifikat",
    )
    course.refresh_from_db()
    assert (course.phase, course.outcome, course.outcome_hours_per_week) == (
        "closed",
        "job_same_company",
        Decimal("30.0"),
    )
    change = PhaseChange.objects.filter(course=course).latest("id")
    assert change.details["upskilling"] == "Truckcertifikat"
    assert change.from_phase == "follow_up"


def test_only_a_manager_reopens_with_a_reason(municipality_a, caseworker, manager):
    course = factories.course(municipality_a, phase="in_placement")
    close(course, caseworker, outcome="still_unemployed", reason="Afbrudt")
    with pytest.raises(ValidationError, match="Kun en leder"):
        services.course_reopen(
            by=caseworker, course=course, version=course.version, reason="Fejl", today=TODAY
        )
    with pytest.raises(ValidationError):
        services.course_reopen(
            by=manager, course=course, version=course.version, reason=" ", today=TODAY
        )
    services.course_reopen(
        by=manager, course=course, version=course.version, reason="Lukket ved en fejl", today=TODAY
    )
    course.refresh_from_db()
    assert (course.phase, course.outcome) == ("in_placement", "")


def test_one_open_course_per_citizen_is_a_database_rule(municipality_a):
    course = factories.course(municipality_a)
    with pytest.raises(IntegrityError):
        factories.course(citizen_obj=course.citizen)


def test_reassigning_is_one_logged_action(municipality_a, caseworker, consultant):
    course = factories.course(municipality_a)
    other = factories.user("caseworker", municipality_a)
    services.course_assign(
        by=caseworker,
        course=course,
        version=1,
        caseworker=other,
        consultant=consultant,
        today=TODAY,
    )
    event = course.events.get()
    assert event.kind == "assignment"
    assert str(other) in event.text and str(consultant) in event.text


def test_assigning_staff_of_another_municipality_is_refused(municipality_a, caseworker, outsider):
    course = factories.course(municipality_a)
    with pytest.raises(ValidationError) as exc:
        services.course_assign(
            by=caseworker,
            course=course,
            version=1,
            caseworker=outsider,
            consultant=None,
            today=TODAY,
        )
    assert "caseworker" in exc.value.message_dict


def test_contacts_feed_the_waiting_time_guard(municipality_a, caseworker):
    course = factories.course(municipality_a)
    services.course_contact_record(
        by=caseworker,
        course=course,
        kind="company_contact",
        occurred_on=date(2026, 11, 10),
        text="Netto",
        today=TODAY,
    )
    services.course_contact_record(
        by=caseworker,
        course=course,
        kind="follow_up_contact",
        occurred_on=date(2026, 11, 20),
        text="",
        today=TODAY,
    )
    course.refresh_from_db()
    assert (course.first_company_contact_on, course.last_contact_on) == (
        date(2026, 11, 10),
        date(2026, 11, 20),
    )


def test_a_contact_in_the_future_is_refused(municipality_a, caseworker):
    course = factories.course(municipality_a)
    with pytest.raises(ValidationError) as exc:
        services.course_contact_record(
            by=caseworker,
            course=course,
            kind="company_contact",
            occurred_on=date(2026, 12, 1),
            text="",
            today=TODAY,
        )
    assert "occurred_on" in exc.value.message_dict
