"""What is due on a day: hand-made placements around Monday 7 December 2026.

The placement factory starts on Monday 7 December for 8 weeks: the start
conversation is that Monday, weekly feedback days are Fridays (11, 18 December ...).
"""

from datetime import UTC, date, datetime, time

import pytest

from jobbro.cases.models import Course, MunicipalitySettings
from jobbro.notifications.due import (
    conversations_soon,
    due_on,
    feedback_missing,
    overdue_digests,
)
from jobbro.notifications.services import link_for, render
from jobbro.placements.models import Conversation, Placement, WeeklyFeedback
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def placement(municipality_a, caseworker, consultant):
    person = factories.citizen(municipality_a, email="borger@example.dk")
    course = factories.course(
        citizen_obj=person,
        caseworker=caseworker,
        phase="matching",
        consultant=consultant,
        consent_to_share=True,
    )
    place = factories.workplace(name="Netto Trøjborg", address="Trøjborgvej 1", city="Aarhus N")
    contact = factories.contact_person(place, email="lone@netto.example")
    item = factories.placement(course, place=place, contact_person=contact)
    Placement.objects.filter(pk=item.pk).update(status=Placement.Status.ACTIVE)
    item.refresh_from_db()
    return item


def give_feedback(placement, week: int) -> None:
    WeeklyFeedback.objects.create(
        municipality=placement.municipality,
        placement=placement,
        week=week,
        professional=4,
        social=4,
        author=placement.course.consultant,
    )


def test_missing_feedback_is_due_the_working_day_after_the_feedback_day(placement):
    monday = date(2026, 12, 14)
    (item,) = feedback_missing(monday, set())
    assert (item.recipient, item.day, item.context["week"]) == (
        "lone@netto.example",
        date(2026, 12, 11),
        1,
    )
    assert link_for(item) == (
        f"http://127.0.0.1:8000/portal/praktikant/{placement.pk}/feedback/?uge=1"
    )
    assert feedback_missing(date(2026, 12, 11), set()) == []  # the feedback day itself
    assert feedback_missing(date(2026, 12, 12), set()) == []  # Saturday: no mail


def test_given_feedback_ends_the_reminder(placement):
    give_feedback(placement, 1)
    assert feedback_missing(date(2026, 12, 14), set()) == []


def test_only_the_last_week_is_chased_not_old_ones(placement):
    due = feedback_missing(date(2026, 12, 21), set())
    assert [d.context["week"] for d in due] == [2]


def test_no_email_or_switched_off_means_no_reminder(placement, municipality_a):
    assert feedback_missing(date(2026, 12, 14), {municipality_a.pk}) == []
    placement.contact_person.email = ""
    placement.contact_person.save()
    assert feedback_missing(date(2026, 12, 14), set()) == []


def test_a_follow_up_conversation_is_announced_the_working_day_before(placement):
    friday = date(2026, 12, 4)
    due = conversations_soon(friday, set())
    assert sorted(d.recipient for d in due) == ["borger@example.dk", "lone@netto.example"]
    assert {d.day for d in due} == {date(2026, 12, 7)}
    start = placement.conversations.get(kind="start")
    assert {d.subject for d in due} == {f"conversation:{start.pk}"}
    assert conversations_soon(date(2026, 12, 3), set()) == []  # Thursday: too early
    assert conversations_soon(date(2026, 12, 7), set()) == []  # the day itself: too late


def test_weekly_feedback_meetings_and_cancelled_conversations_are_not_announced(placement):
    start = placement.conversations.get(kind="start")
    Conversation.objects.filter(pk=start.pk).update(status=Conversation.Status.CANCELLED)
    assert conversations_soon(date(2026, 12, 4), set()) == []
    # Thursday 10 December: the next working day has only a weekly feedback meeting.
    assert conversations_soon(date(2026, 12, 10), set()) == []


def test_the_booked_time_and_place_are_in_the_reminder(placement):
    start = placement.conversations.get(kind="start")
    Conversation.objects.filter(pk=start.pk).update(planned_at=time(10), location="Lokale 2")
    to_citizen, to_contact = conversations_soon(date(2026, 12, 4), set())
    subject, body = render(to_citizen)
    assert subject == "Påmindelse: opstartssamtale mandag 7. december kl.\u00a010.00–11.00"
    assert "Sted: Lokale 2" in body and "http://127.0.0.1:8000/\n" in body
    assert link_for(to_contact).endswith(f"/portal/praktikant/{placement.pk}/")


def test_the_digest_counts_overdue_courses_and_unrecorded_conversations(
    placement, caseworker, consultant, municipality_a
):
    # Referred on 2 November with no company contact: past 14 days on 16 November.
    factories.course(municipality_a, caseworker=caseworker)
    monday = date(2026, 12, 14)  # the start conversation on 7 December was never recorded
    digests = {d.recipient: d.context for d in overdue_digests(monday, set())}
    assert digests[caseworker.email]["courses"] >= 1
    assert digests[caseworker.email]["conversations"] == 1
    assert digests[consultant.email]["conversations"] == 1
    assert overdue_digests(date(2026, 12, 12), set()) == []  # Saturday
    assert overdue_digests(monday, {municipality_a.pk}) == []


def test_the_digest_uses_each_municipalitys_own_limits(municipality_a, caseworker):
    factories.course(municipality_a, caseworker=caseworker)  # referred 2 November
    day = date(2026, 11, 20)  # 18 days later: overdue by the default 14 days
    assert [d.recipient for d in overdue_digests(day, set())] == [caseworker.email]
    MunicipalitySettings.objects.filter(municipality=municipality_a).update(first_contact_days=30)
    assert overdue_digests(day, set()) == []


def test_the_digest_names_its_recipient_and_missing_feedback_the_contact_person(
    placement, caseworker
):
    factories.course(placement.municipality, caseworker=caseworker)
    (digest,) = [
        d for d in overdue_digests(date(2026, 12, 14), set()) if d.user_id == caseworker.pk
    ]
    assert digest.recipient == caseworker.email
    (item,) = feedback_missing(date(2026, 12, 14), set())
    assert item.contact_person_id == placement.contact_person_id


def test_no_digest_about_another_municipalitys_courses(municipality_a, municipality_b, caseworker):
    """A course that (against the rules) points at another municipality's caseworker."""
    course = factories.course(municipality_a, caseworker=caseworker)  # referred 2 November
    stranger = factories.user("caseworker", municipality_b)
    Course.objects.filter(pk=course.pk).update(caseworker=stranger)
    assert overdue_digests(date(2026, 11, 20), set()) == []


def test_nothing_is_due_twice(placement):
    from jobbro.notifications.services import run_pass

    friday = date(2026, 12, 4)
    assert len(due_on(friday, NOW)) == 2
    run_pass(friday, NOW)
    assert due_on(friday, NOW) == []


def test_finding_what_is_due_takes_the_same_queries_for_one_or_many(
    placement, municipality_a, consultant
):
    sizes: list[int] = []

    def count() -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for day in (date(2026, 12, 4), date(2026, 12, 14)):  # conversations; feedback, digest
            with CaptureQueriesContext(connection) as queries:
                due = due_on(day, NOW)
            found.append(len(queries))
            sizes.append(len(due))
        return tuple(found)

    one = count()
    assert one == (7, 8)  # measured 2026-11-28; 2 then 3 due here, 6 then 11 below
    for n in range(4):
        course = factories.course(municipality_a, phase="matching", consultant=consultant)
        place = factories.workplace()
        contact = factories.contact_person(place, email=f"kontakt{n}@example.dk")
        more = factories.placement(course, place=place, contact_person=contact)
        Placement.objects.filter(pk=more.pk).update(status=Placement.Status.ACTIVE)
    assert count() == one
    assert sizes == [2, 3, 6, 11]


def test_christmas_moves_the_feedback_day_and_the_reminder(placement):
    """Week 3 is 21-27 December 2026: the 24th and 25th are closed, so its feedback
    day is Wednesday the 23rd and the reminder comes Monday the 28th."""
    week3 = placement.conversations.get(kind="weekly_feedback", week=3)
    assert week3.planned_on == date(2026, 12, 23)
    assert feedback_missing(date(2026, 12, 24), set()) == []  # juleaftensdag: closed
    assert feedback_missing(date(2026, 12, 25), set()) == []  # juledag
    (item,) = feedback_missing(date(2026, 12, 28), set())
    assert (item.context["week"], item.day) == (3, date(2026, 12, 23))


def test_a_conversation_after_easter_is_announced_before_the_holidays(placement):
    """Tuesday 30 March 2027 follows skærtorsdag, langfredag and 2. påskedag: the
    working day before is Wednesday 24 March."""
    final = placement.conversations.get(kind="final")
    Conversation.objects.filter(pk=final.pk).update(planned_on=date(2027, 3, 30))
    (citizen, contact) = conversations_soon(date(2027, 3, 24), set())
    assert {citizen.day, contact.day} == {date(2027, 3, 30)}
    assert conversations_soon(date(2027, 3, 23), set()) == []
    assert conversations_soon(date(2027, 3, 29), set()) == []  # 2. påskedag: no mail on holidays
