"""`jobbro retention`: with the clock moved forward, exactly the citizens whose last
course closed before their municipality's cut-off are anonymised; counts and dates
stay, names, CPR, contact data and free texts go; what it did is recorded."""

import io
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobbro.accounts.models import AccessLog, SignInRequest
from jobbro.cases.models import Course, CourseEvent, HomeworkItem, PhaseChange
from jobbro.citizens.models import Citizen, WishWorkplace
from jobbro.matching.models import ContactAttempt
from jobbro.notifications.models import Reminder
from jobbro.placements.models import AgreementVersion, Conversation, Placement, WeeklyFeedback
from jobbro.portal.models import SignInLink, WeeklyFeedbackDraft
from jobbro.privacy.models import Anonymisation, RetentionRun, RetentionSettings
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2032, 6, 15)
CUTOFF = date(2027, 6, 15)  # 60 months before TODAY: the default period


@pytest.fixture(autouse=True)
def clock():
    with mock.patch("jobbro.privacy.services.today", return_value=TODAY):
        yield


def closed_course(municipality, *, closed_on: date, citizen_obj=None, **fields) -> Course:
    item = factories.course(municipality, citizen_obj=citizen_obj, **fields)
    Course.objects.filter(pk=item.pk).update(
        phase="closed", outcome="job_other_company", closed_on=closed_on, close_reason="Fik job"
    )
    return item


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def anonymised_ids() -> set[int]:
    return set(Anonymisation.objects.values_list("citizen_id", flat=True))


def test_exactly_the_citizens_past_the_cutoff_are_anonymised(municipality_a, municipality_b):
    before = closed_course(municipality_a, closed_on=CUTOFF - timedelta(days=1)).citizen
    at = closed_course(municipality_a, closed_on=CUTOFF).citizen
    reopened = closed_course(municipality_a, closed_on=date(2020, 1, 1)).citizen
    factories.course(citizen_obj=reopened, phase="matching")
    twice = closed_course(municipality_a, closed_on=date(2020, 1, 1)).citizen
    closed_course(municipality_a, citizen_obj=twice, closed_on=CUTOFF + timedelta(days=3))
    # Citizens without any course go when their record has not changed since the cut-off.
    never, fresh_never = factories.citizen(municipality_a), factories.citizen(municipality_a)
    for person, changed in ((never, date(2027, 6, 14)), (fresh_never, date(2027, 6, 15))):
        Citizen.objects.filter(pk=person.pk).update(
            updated_at=timezone.make_aware(timezone.datetime(*changed.timetuple()[:3], 12))
        )
    # Skanderborg keeps closed courses for 10 years: the same date is still within it.
    RetentionSettings.objects.create(municipality=municipality_b, keep_months=120)
    longer = closed_course(municipality_b, closed_on=CUTOFF - timedelta(days=1)).citizen

    plan = run("--dry-run")
    assert "751 Aarhus Kommune: keep 60 months, cut-off 2027-06-15: 2 citizens" in plan
    assert "746 Skanderborg Kommune: keep 120 months, cut-off 2022-06-15: 0 citizens" in plan
    assert not Anonymisation.objects.exists()

    out = run()
    assert anonymised_ids() == {before.pk, never.pk}
    assert "751: 2 citizens anonymised" in out
    for kept in (at, reopened, twice, fresh_never, longer):
        kept.refresh_from_db()
        assert kept.first_name == "Karen"


def test_no_output_names_or_numbers_a_person(municipality_a):
    citizen = closed_course(municipality_a, closed_on=date(2020, 1, 1)).citizen
    for output in (run("--dry-run"), run()):
        assert citizen.cpr not in output and citizen.last_name not in output


def rich_citizen(municipality_a, caseworker):
    """A citizen with something in every table that holds their data."""
    citizen = factories.citizen(
        municipality_a,
        phone="12345678",
        email="karen@example.dk",
        address="Åvej 1",
        postcode="8000",
        city="Aarhus C",
        barriers="Ondt i ryggen",
        job_goals="Lager",
        occupation_codes="932920",
    )
    account = factories.citizen_user(citizen, username="karen", email="karen@example.dk")
    course = factories.course(
        citizen_obj=citizen,
        caseworker=caseworker,
        phase="matching",
        consultant=factories.user("consultant", municipality_a),
        consent_to_share=True,
        motivation_notes="Vil gerne i gang",
    )
    factories.note(course, caseworker, text="Fortalte om sin skilsmisse")
    factories.homework(course, answer="Jeg ringede til Bageriet")
    WishWorkplace.objects.create(
        municipality=municipality_a, citizen=citizen, position=1, company_name="Bageriet"
    )
    placement = factories.placement(course)
    Conversation.objects.filter(placement=placement).update(
        notes="Græd under samtalen", answers={"q1": "Går godt"}, location="Hjemme hos Karen"
    )
    WeeklyFeedback.objects.create(
        municipality=municipality_a,
        placement=placement,
        week=1,
        tasks_done="Pakkede",
        behaviour="Kom for sent",
        concerns="Virker trist",
        professional=3,
        social=4,
        author=placement.contact_person.user or caseworker,
    )
    WeeklyFeedbackDraft.objects.create(
        municipality=municipality_a,
        placement=placement,
        contact_person=placement.contact_person,
        week=2,
        data={"concerns": "kladde"},
    )
    factories.contact_attempt(course, placement.workplace, note="Karen var nervøs")
    Reminder.objects.create(
        municipality=municipality_a,
        kind="conversation_soon",
        subject="conversation:1",
        recipient="karen@example.dk",
        citizen=citizen,
        day=date(2027, 1, 4),
        claimed_at=timezone.now(),
    )
    SignInLink.objects.create(
        user=account, token_hash="a" * 64, expires_at=timezone.now() + timedelta(days=1)
    )
    Placement.objects.filter(pk=placement.pk).update(status="completed")
    Course.objects.filter(pk=course.pk).update(
        phase="closed",
        outcome="job_same_company",
        outcome_hours_per_week=Decimal("37"),
        closed_on=date(2027, 2, 1),
        close_reason="Ansat",
        upskilling="Truckcertifikat",
    )
    PhaseChange.objects.create(
        municipality=municipality_a,
        course=course,
        from_phase="follow_up",
        to_phase="closed",
        reason="Ansat",
        details={"outcome": "job_same_company", "programme": "", "upskilling": "Truckcertifikat"},
    )
    return citizen


def test_names_cpr_contact_data_and_free_texts_go_counts_and_dates_stay(municipality_a, caseworker):
    citizen = rich_citizen(municipality_a, caseworker)
    cpr, course = citizen.cpr, citizen.courses.get()
    run()
    citizen.refresh_from_db()
    assert (citizen.first_name, citizen.last_name) == ("Anonymiseret", "borger")
    assert citizen.cpr != cpr and not citizen.cpr.isdigit()
    assert (citizen.phone, citizen.email, citizen.address, citizen.city) == ("", "", "", "")
    assert (citizen.barriers, citizen.job_goals) == ("", "")
    assert citizen.occupation_codes == "932920"  # a code for statistics
    account = citizen.user
    assert not account.is_active and account.email == "" and not account.has_usable_password()
    assert not SignInLink.objects.filter(user=account).exists()
    course.refresh_from_db()
    assert (course.motivation_notes, course.close_reason, course.upskilling) == ("", "", "")
    assert (course.outcome, course.closed_on) == ("job_same_company", date(2027, 2, 1))
    assert course.outcome_hours_per_week == Decimal("37")
    assert set(CourseEvent.objects.filter(course=course).values_list("text", flat=True)) == {""}
    assert HomeworkItem.objects.get(course=course).answer == ""
    assert not WishWorkplace.objects.filter(citizen=citizen).exists()
    closing = PhaseChange.objects.get(course=course, to_phase="closed")
    assert closing.reason == "" and closing.details["upskilling"] == ""
    assert closing.details["outcome"] == "job_same_company"
    conversations = Conversation.objects.filter(placement__citizen=citizen)
    assert conversations.count() > 3  # the plan stays, for statistics
    assert {(c.notes, c.location) for c in conversations} == {("", "")}
    assert all(c.answers == {} for c in conversations)
    feedback = WeeklyFeedback.objects.get(placement__citizen=citizen)
    assert (feedback.behaviour, feedback.concerns, feedback.social) == ("", "", 4)
    assert all(not any(v.content().values()) for v in AgreementVersion.objects.all())
    assert not WeeklyFeedbackDraft.objects.exists() and not Reminder.objects.exists()
    assert ContactAttempt.objects.get().note == ""


def test_what_it_did_is_recorded_in_a_run_and_the_access_log(municipality_a):
    citizen = closed_course(municipality_a, closed_on=date(2020, 1, 1)).citizen
    run()
    recorded = RetentionRun.objects.get()
    assert recorded.source == "command" and recorded.finished_at is not None
    assert recorded.counts["751"]["citizens"] == 1
    entry = AccessLog.objects.get(action="anonymise")
    assert (entry.citizen_id, entry.object_type, entry.municipality_id) == (
        citizen.pk,
        "citizens.Citizen",
        751,
    )
    assert entry.username.startswith("jobbro retention")
    run()  # a second run finds nothing more to do
    assert Anonymisation.objects.count() == 1


def test_a_municipality_that_switched_it_off_keeps_everything(municipality_a):
    RetentionSettings.objects.create(municipality=municipality_a, enabled=False)
    closed_course(municipality_a, closed_on=date(2020, 1, 1))
    assert "switched off" in run("--dry-run")
    run()
    assert not Anonymisation.objects.exists()


def test_spent_links_old_requests_reminders_and_drafts_are_pruned(
    municipality_a, citizen_user, settings
):
    RetentionSettings.objects.create(municipality=municipality_a, enabled=False)
    long_ago = timezone.now() - timedelta(days=settings.SIGNIN_KEEP_DAYS + 1)
    spent = SignInLink.objects.create(
        user=citizen_user, token_hash="b" * 64, expires_at=long_ago, used_at=long_ago
    )
    usable = SignInLink.objects.create(
        user=citizen_user, token_hash="c" * 64, expires_at=timezone.now() + timedelta(minutes=5)
    )
    SignInRequest.objects.create(email_hash="e", ip_hash="i")
    SignInRequest.objects.update(at=long_ago)
    SignInRequest.objects.create(email_hash="e2", ip_hash="i2")
    old_day = timezone.localdate() - timedelta(days=settings.REMINDER_KEEP_DAYS + 1)
    for day in (old_day, timezone.localdate()):
        Reminder.objects.create(
            municipality=municipality_a,
            kind="overdue_digest",
            subject=f"user:{day}",
            recipient="cw@example.dk",
            day=day,
            claimed_at=timezone.now(),
        )
    out = run()
    assert "portal.SignInLink 1, portal.SignInRequest 1, notifications.Reminder 1" in out
    assert list(SignInLink.objects.all()) == [usable] and spent.pk
    assert Reminder.objects.get().day == timezone.localdate()
    deletions = AccessLog.objects.filter(action="delete").values_list(
        "object_type", "municipality_id", "criteria"
    )
    assert ("notifications.Reminder", 751, {"rows": 1}) in list(deletions)
    assert ("portal.SignInLink", None, {"rows": 1}) in list(deletions)


def test_the_workers_daily_run_happens_once_a_day(municipality_a):
    closed_course(municipality_a, closed_on=date(2020, 1, 1))
    for _ in range(2):
        call_command("worker", "--once", stdout=io.StringIO())
    assert RetentionRun.objects.filter(source="worker").count() == 1
    assert Anonymisation.objects.count() == 1
