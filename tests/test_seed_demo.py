"""`jobbro seed-demo`: deterministic, realistic, valid fictional data."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.cases.models import Course, InformationMeeting
from jobbro.citizens.models import Citizen
from jobbro.companies.models import Company, ContactPerson, Workplace
from jobbro.demo.seed import DEMO_PASSWORD, seed_demo
from jobbro.lib.cpr import normalize_cpr
from jobbro.lib.cvr import is_valid_cvr
from jobbro.placements.models import Placement

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        list(Citizen.objects.order_by("cpr").values_list("cpr", "first_name", "last_name")),
        list(Company.objects.order_by("cvr").values_list("cvr", "name", "industry_code")),
        list(User.objects.order_by("username").values_list("username", "role")),
    )


def test_same_seed_gives_the_same_data():
    seed_demo(seed=7, municipalities=1, citizens=15)
    first = snapshot()
    for model in (
        Placement,
        InformationMeeting,
        Course,
        ContactPerson,
        Workplace,
        Citizen,
        Company,
        User,
    ):
        model.objects.all().delete()
    seed_demo(seed=7, municipalities=1, citizens=15)
    assert snapshot() == first


def test_numbers_are_valid():
    seed_demo(seed=3, municipalities=2, citizens=30)
    assert Citizen.objects.count() == 60
    for cpr in Citizen.objects.values_list("cpr", flat=True):
        assert normalize_cpr(cpr) == cpr
    for cvr in Company.objects.values_list("cvr", flat=True):
        assert is_valid_cvr(cvr)
    assert all(len(p) == 10 for p in Workplace.objects.values_list("p_number", flat=True))
    assert all(len(c) == 6 for c in Company.objects.values_list("industry_code", flat=True))


def test_every_role_exists_and_staff_exist_in_each_municipality():
    seed_demo(seed=1, municipalities=2, citizens=10)
    assert set(User.objects.values_list("role", flat=True)) == {r.value for r in Role}
    for code in (751, 746):
        roles = set(User.objects.filter(municipality_id=code).values_list("role", flat=True))
        assert roles == {"caseworker", "consultant", "manager", "admin"}
    assert User.objects.get(username="aarhus.sagsbehandler").check_password(DEMO_PASSWORD)


def test_citizens_live_in_their_municipality():
    seed_demo(seed=1, municipalities=1, citizens=20)
    from jobbro.municipalities.models import PostalArea

    for citizen in Citizen.objects.all():
        assert PostalArea.objects.filter(
            postcode=citizen.postcode, municipality_id=citizen.municipality_id
        ).exists()


def test_if_empty_leaves_existing_data_alone_and_prints_logins():
    seed_demo(seed=1, municipalities=1, citizens=5)
    before = User.objects.count()
    out = io.StringIO()
    call_command("seed-demo", "--if-empty", stdout=out)
    assert User.objects.count() == before
    assert "aarhus.sagsbehandler" in out.getvalue()
    assert f"password for all: {DEMO_PASSWORD}" in out.getvalue()


def test_it_refuses_to_seed_twice_without_if_empty():
    seed_demo(seed=1, municipalities=1, citizens=5)
    with pytest.raises(CommandError, match="already has users"):
        call_command("seed-demo", stdout=io.StringIO())


def test_it_refuses_absurd_sizes():
    with pytest.raises(CommandError, match="between 1 and 98"):
        call_command("seed-demo", "--municipalities", "0", stdout=io.StringIO())


def test_company_work_covers_every_state():
    from datetime import date

    from jobbro.companies.models import (
        CompanyRelation,
        CompanyVisit,
        CooperationAgreement,
        ExperienceMeeting,
        TrainingRecord,
    )

    today = date(2026, 11, 1)
    seed_demo(seed=2, municipalities=2, citizens=90, today=today)
    states = set(CooperationAgreement.objects.with_state(today).values_list("state", flat=True))
    assert states == {"draft", "active", "expired"}
    assert CooperationAgreement.objects.expiring(today).exists()
    assert CompanyVisit.objects.exists()
    assert Company.objects.not_visited_since(751, date(2026, 5, 1)).exists()
    assert ContactPerson.objects.with_trained().filter(is_trained=True).exists()
    assert ContactPerson.objects.with_trained().filter(is_trained=False).exists()
    assert ExperienceMeeting.objects.filter(attendees__isnull=False).exists()
    assert TrainingRecord.objects.exists()
    shared = CompanyRelation.objects.values("company").annotate(n=Count("id")).filter(n__gt=1)
    assert shared.exists()


def test_courses_cover_every_phase_overdue_and_on_time_homework_and_meetings():
    from datetime import date

    from jobbro.cases.models import HomeworkItem, MeetingInvitation, MunicipalitySettings

    today = date(2026, 11, 28)
    seed_demo(seed=2, municipalities=1, citizens=20, today=today)
    seeded = Course.objects.values_list("municipality_id", flat=True).first()
    limits = MunicipalitySettings.objects.get(municipality_id=seeded).limits
    courses = Course.objects.with_due(limits)
    assert set(courses.values_list("phase", flat=True)) == {
        "referred",
        "matching",
        "preparation",
        "in_placement",
        "follow_up",
        "closed",
    }
    assert courses.overdue(today).exists()
    assert courses.open().filter(due_on__gte=today).exists()
    assert set(HomeworkItem.objects.values_list("status", flat=True)) == {
        "open",
        "done",
        "not_done",
    }
    assert MeetingInvitation.objects.filter(attended=True).exists()
    assert MeetingInvitation.objects.filter(meeting__starts_at__date__lt=today).exists()


def test_placements_come_in_every_state_with_conversations_feedback_and_approvals():
    from jobbro.placements.models import AgreementApproval, Conversation, WeeklyFeedback
    from jobbro.placements.selectors import attendance_of

    seed_demo(seed=2, municipalities=1, citizens=120)
    states = set(Placement.objects.values_list("status", flat=True))
    assert states == {"planned", "active", "completed", "ended_early"}
    assert Placement.objects.filter(extended=True).exists()
    assert Conversation.objects.filter(status="held").exists()
    assert Conversation.objects.filter(status="planned").exists()
    assert WeeklyFeedback.objects.filter(on_behalf=True).exists()
    planned = Placement.objects.filter(status="planned")
    pending = [p for p in planned if p.agreement_versions.get().approvals.count() < 3]
    assert pending
    assert AgreementApproval.objects.filter(on_paper=True).exists()
    today = Placement.objects.first().created_at.date()
    flags = [attendance_of(p, today).flagged for p in Placement.objects.filter(status="active")]
    assert True in flags and False in flags
    # The capacity rule holds for what the demo planned.
    from jobbro.companies.services import workplace_capacity

    for placement in Placement.objects.current().select_related("workplace"):
        status = workplace_capacity(placement.workplace, placement.start_on, placement.end_on)
        assert status.total_used <= status.allowed


def test_contact_attempts_exist_in_every_outcome():
    from jobbro.matching.models import ContactAttempt

    seed_demo(seed=2, municipalities=2, citizens=60)
    outcomes = set(ContactAttempt.objects.values_list("outcome", flat=True))
    assert outcomes == set(ContactAttempt.Outcome.values)
    for attempt in ContactAttempt.objects.select_related("course"):
        assert attempt.municipality_id == attempt.course.municipality_id


def test_demo_staff_share_the_published_key_and_the_login_list_says_how():
    import pyotp
    from allauth.mfa.models import Authenticator

    from jobbro.accounts.roles import PASSWORD_ROLES
    from jobbro.demo.seed import DEMO_TOTP_SECRET, demo_key_in_use

    seed_demo(seed=1, municipalities=1, citizens=5)
    enrolled = set(
        Authenticator.objects.filter(data__secret=DEMO_TOTP_SECRET).values_list(
            "user__role", flat=True
        )
    )
    assert enrolled == {role.value for role in PASSWORD_ROLES}
    assert demo_key_in_use()
    assert len(pyotp.TOTP(DEMO_TOTP_SECRET).now()) == 6  # a valid base32 key
    out = io.StringIO()
    call_command("seed-demo", "--if-empty", stdout=out)
    assert DEMO_TOTP_SECRET in out.getvalue()
    assert "/portal/log-ind/" in out.getvalue()


def test_the_demo_key_is_only_ever_given_to_users_seed_demo_creates(municipality_a):
    # seed-demo fills only an empty database, so an existing user can never get the key.
    from allauth.mfa.models import Authenticator

    from tests import factories

    existing = factories.user("caseworker", municipality_a)
    with pytest.raises(CommandError, match="already has users"):
        call_command("seed-demo", stdout=io.StringIO())
    assert not Authenticator.objects.filter(user=existing).exists()
