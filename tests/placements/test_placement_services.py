"""Placements: the refusal rules, the planned conversations, the versioned three-party
agreement, feedback and attendance."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.cases.models import Phase
from jobbro.companies.models import CapacityOverride
from jobbro.errors import Conflict, StaleVersion
from jobbro.placements import selectors, services
from jobbro.placements.models import Conversation, Placement
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)
MONDAY = date(2026, 12, 7)


@pytest.fixture
def course(municipality_a, consultant):
    return factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )


def create(course, **fields):
    return factories.placement(course, **fields)


def test_a_placement_plans_all_its_conversations_and_agreement(course):
    placement = create(course)
    assert (placement.weeks, placement.end_on, placement.status) == (
        8,
        date(2027, 1, 31),
        "planned",
    )
    kinds = list(placement.conversations.values_list("kind", flat=True))
    assert kinds.count("weekly_feedback") == 8
    assert {"start", "midway", "final"} <= set(kinds)
    # Christmas: week 3 (21–27 Dec) ends on the 23rd, the last working day before.
    week3 = placement.conversations.get(kind="weekly_feedback", week=3)
    assert week3.planned_on == date(2026, 12, 23)
    assert selectors.current_agreement(placement).number == 1
    course.refresh_from_db()
    assert course.phase == Phase.PREPARATION  # matching → klargøring with the placement
    assert course.first_company_contact_on == TODAY


def test_the_programme_length_is_a_municipal_setting(course):
    from jobbro.placements.models import PlacementSettings

    PlacementSettings.objects.filter(municipality=course.municipality).update(weeks=4)
    assert create(course).weeks == 4


def test_it_refuses_the_last_employer(course):
    place = factories.workplace()
    course.citizen.last_employer_cvr = place.company.cvr
    course.citizen.save()
    with pytest.raises(ValidationError) as refusal:
        create(course, place=place)
    assert "LAB § 61, stk. 2" in refusal.value.message_dict["workplace"][0]
    assert not Placement.objects.exists()


def test_it_refuses_a_contact_person_of_another_workplace(course):
    other = factories.contact_person(factories.workplace())
    with pytest.raises(ValidationError) as refusal:
        create(course, contact_person=other)
    assert "ikke ansat på det valgte arbejdssted" in refusal.value.message_dict["contact_person"][0]


@pytest.mark.parametrize(
    ("hours", "workplace_hours", "ok"),
    [("37", "37", True), ("37.5", "37", False), ("32", "30", False)],
)
def test_hours_are_at_most_the_workplaces_and_37(course, hours, workplace_hours, ok):
    place = factories.workplace(weekly_hours=Decimal(workplace_hours))
    if ok:
        create(course, place=place, hours_per_week=Decimal(hours))
        return
    with pytest.raises(ValidationError) as refusal:
        create(course, place=place, hours_per_week=Decimal(hours))
    assert "BEK 2636/2021 § 60" in refusal.value.message_dict["hours_per_week"][0]


def test_it_refuses_a_start_on_a_holiday(course):
    with pytest.raises(ValidationError) as refusal:
        create(course, start_on=date(2026, 12, 25))
    assert refusal.value.message_dict["start_on"] == ["25.12.2026 er Juledag. Vælg en hverdag."]


def test_one_current_placement_per_citizen(course):
    create(course)
    with pytest.raises(Conflict, match="allerede en planlagt eller aktiv praktik"):
        create(course)


def test_a_full_workplace_is_refused_naming_the_rule(course, municipality_a):
    place = factories.workplace(ordinary_employees=Decimal("4"))  # room for 1
    other_course = factories.course(
        municipality_a, phase="matching", consultant=course.consultant, consent_to_share=True
    )
    create(other_course, place=place)
    with pytest.raises(Conflict) as refusal:
        create(course, place=place)
    assert "BEK 2636/2021 § 65" in refusal.value.message_dict["workplace"][0]


def test_capacity_counts_placements_from_every_municipality(course, municipality_b):
    place = factories.workplace(ordinary_employees=Decimal("4"))
    skanderborg = factories.course(
        municipality_b,
        phase="matching",
        consultant=factories.user("consultant", municipality_b),
        consent_to_share=True,
    )
    create(skanderborg, place=place)
    with pytest.raises(Conflict):
        create(course, place=place)


def test_a_manager_may_override_capacity_with_a_reason_and_it_is_logged(
    course, manager, municipality_a
):
    place = factories.workplace(ordinary_employees=Decimal("4"))
    other = factories.course(
        municipality_a, phase="matching", consultant=course.consultant, consent_to_share=True
    )
    create(other, place=place)
    placement = create(
        course, place=place, by=manager, override_reason="Sæsonarbejde, aftalt med TR"
    )
    override = CapacityOverride.objects.get()
    assert (override.placement_id, override.manager, override.reason) == (
        placement.pk,
        manager,
        "Sæsonarbejde, aftalt med TR",
    )


def test_a_caseworker_cannot_override_capacity(course, municipality_a):
    place = factories.workplace(ordinary_employees=Decimal("4"))
    other = factories.course(
        municipality_a, phase="matching", consultant=course.consultant, consent_to_share=True
    )
    create(other, place=place)
    with pytest.raises(PermissionDenied):
        create(course, place=place, override_reason="fordi")


def approve_all(placement, staff):
    number = selectors.current_agreement(placement).number
    for party in ("citizen", "contact_person", "jobcenter"):
        services.agreement_approve(by=staff, placement=placement, party=party, number=number)


def test_activation_needs_all_three_approvals_of_the_current_version(course, consultant):
    placement = create(course)
    with pytest.raises(
        ValidationError, match="mangler godkendelse fra: borger, jobkontaktperson, jobcenter"
    ):
        services.placement_activate(by=consultant, placement=placement, version=1, today=TODAY)
    approve_all(placement, consultant)
    services.placement_activate(by=consultant, placement=placement, version=1, today=TODAY)
    placement.refresh_from_db()
    course.refresh_from_db()
    assert (placement.status, course.phase) == ("active", Phase.IN_PLACEMENT)


def test_changing_the_agreement_makes_a_version_and_clears_approvals(course, consultant):
    placement = create(course)
    approve_all(placement, consultant)
    content = selectors.current_agreement(placement).content() | {"tasks": "Lager og kasse"}
    version2 = services.agreement_update(by=consultant, placement=placement, content=content)
    assert version2.number == 2 and selectors.approvals_missing(placement) == [
        "citizen",
        "contact_person",
        "jobcenter",
    ]
    with pytest.raises(StaleVersion):
        services.agreement_approve(by=consultant, placement=placement, party="citizen", number=1)


def test_staff_approving_for_a_party_is_shown_as_on_paper(course, consultant):
    placement = create(course)
    approval = services.agreement_approve(
        by=consultant, placement=placement, party="citizen", number=1
    )
    own = services.agreement_approve(
        by=consultant, placement=placement, party="jobcenter", number=1
    )
    assert (approval.on_paper, own.on_paper) == (True, False)


def test_the_job_contact_person_approves_only_their_own_placement(course):
    placement = create(course)
    own = factories.user("contact_person", None)
    placement.contact_person.user = own
    placement.contact_person.save()
    stranger = factories.contact_person_user(factories.workplace())
    with pytest.raises(PermissionDenied):
        services.agreement_approve(
            by=stranger, placement=placement, party="contact_person", number=1
        )
    approval = services.agreement_approve(
        by=own, placement=placement, party="contact_person", number=1
    )
    assert approval.on_paper is False
    with pytest.raises(PermissionDenied):
        services.agreement_approve(by=own, placement=placement, party="jobcenter", number=1)


def test_a_manager_may_start_without_approvals_with_a_logged_reason(course, manager, consultant):
    placement = create(course)
    with pytest.raises(PermissionDenied):
        services.placement_activate(
            by=consultant, placement=placement, version=1, override_reason="Haster", today=TODAY
        )
    services.placement_activate(
        by=manager,
        placement=placement,
        version=1,
        override_reason="Borgeren skrev under i går",
        today=TODAY,
    )
    placement.refresh_from_db()
    assert placement.activation_override == "Borgeren skrev under i går"
    assert course.events.filter(text__contains="uden godkendt forventningsafstemning").exists()


def test_a_stale_placement_version_is_refused(course, consultant):
    placement = create(course)
    services.placement_reschedule(
        by=consultant, placement=placement, version=1, start_on=MONDAY, weeks=9, reason="Mere tid"
    )
    with pytest.raises(StaleVersion):
        services.placement_reschedule(
            by=consultant, placement=placement, version=1, start_on=MONDAY, weeks=10, reason="x"
        )


def weekly_dates(placement):
    return list(
        placement.conversations.filter(kind="weekly_feedback")
        .order_by("week")
        .values_list("planned_on", flat=True)
    )


def test_moving_the_start_recomputes_every_planned_conversation(course, consultant):
    placement = create(course)
    services.placement_reschedule(
        by=consultant,
        placement=placement,
        version=1,
        start_on=date(2027, 1, 6),
        weeks=8,
        reason="Virksomheden bad om det",
    )
    placement.refresh_from_db()
    assert placement.end_on == date(2027, 3, 2)
    assert weekly_dates(placement)[0] == date(2027, 1, 12)  # Wednesday start: Tuesday feedback


def test_extending_and_shortening_keep_held_conversations(course, consultant):
    placement = create(course)
    approve_all(placement, consultant)
    services.placement_activate(by=consultant, placement=placement, version=1, today=TODAY)
    start = placement.conversations.get(kind="start")
    services.conversation_hold(
        by=consultant,
        conversation=start,
        held_on=MONDAY,
        notes="God start",
        answers={"q1": "Lager", "q2": "Pakning", "q6": "Ugentlig feedback"},
        today=MONDAY,
    )
    services.placement_reschedule(
        by=consultant,
        placement=placement,
        version=2,
        start_on=MONDAY,
        weeks=10,
        reason="Forlænget for at få truckcertifikat",
    )
    placement.refresh_from_db()
    assert placement.extended and len(weekly_dates(placement)) == 10
    assert placement.conversations.get(kind="final").planned_on == date(2027, 2, 12)
    services.placement_reschedule(
        by=consultant, placement=placement, version=3, start_on=MONDAY, weeks=4, reason="Job fundet"
    )
    assert len(weekly_dates(placement)) == 4
    assert placement.conversations.get(kind="start").status == "held"


def test_holding_the_final_conversation_completes_the_placement(course, consultant):
    placement = create(course)
    approve_all(placement, consultant)
    services.placement_activate(by=consultant, placement=placement, version=1, today=TODAY)
    final = placement.conversations.get(kind="final")
    answers = {"q1": "4", "q2": "4", "q3": "5", "q5": "ja", "q8": "Ansættelse fra 1. februar"}
    services.conversation_hold(
        by=consultant,
        conversation=final,
        held_on=final.planned_on,
        notes="",
        answers=answers,
        today=final.planned_on,
    )
    placement.refresh_from_db()
    course.refresh_from_db()
    assert (placement.status, course.phase) == ("completed", Phase.FOLLOW_UP)
    final.refresh_from_db()
    assert final.answers["q5"] is True and final.template.version == 1


def test_a_follow_up_form_answer_outside_the_rules_is_refused(course, consultant):
    placement = create(course)
    midway = placement.conversations.get(kind="midway")
    with pytest.raises(ValidationError) as refusal:
        services.conversation_hold(
            by=consultant,
            conversation=midway,
            held_on=TODAY,
            notes="",
            answers={"q1": "9"},
            today=TODAY,
        )
    assert refusal.value.message_dict["q1"] == ["Vælg et tal fra 1 til 5."]
    midway.refresh_from_db()
    assert midway.status == "planned"


def test_conversations_can_be_moved_cancelled_or_marked_no_show(course, consultant):
    placement = create(course)
    weekly = list(placement.conversations.filter(kind="weekly_feedback").order_by("week"))
    services.conversation_move(by=consultant, conversation=weekly[0], planned_on=date(2026, 12, 10))
    with pytest.raises(ValidationError, match="hverdag"):
        services.conversation_move(
            by=consultant, conversation=weekly[1], planned_on=date(2026, 12, 13)
        )
    with pytest.raises(ValidationError, match="praktikperioden"):
        services.conversation_move(
            by=consultant, conversation=weekly[1], planned_on=date(2027, 3, 1)
        )
    services.conversation_set_status(by=consultant, conversation=weekly[1], status="no_show")
    services.conversation_set_status(by=consultant, conversation=weekly[2], status="cancelled")
    statuses = dict(
        placement.conversations.filter(kind="weekly_feedback").values_list("week", "status")
    )
    assert (statuses[1], statuses[2], statuses[3]) == ("planned", "no_show", "cancelled")


FEEDBACK = {
    "tasks_done": "Plukkede ordrer",
    "professional": 3,
    "social": 4,
    "cv_help": True,
    "applications_helped": 1,
}


def active(course, consultant):
    placement = create(course)
    approve_all(placement, consultant)
    return services.placement_activate(by=consultant, placement=placement, version=1, today=TODAY)


def test_weekly_feedback_by_staff_is_marked_on_behalf(course, consultant):
    placement = active(course, consultant)
    item = services.weekly_feedback_save(
        by=consultant, placement=placement, week=1, data=FEEDBACK, today=date(2026, 12, 11)
    )
    assert item.on_behalf and item.professional == 3
    assert placement.conversations.get(kind="weekly_feedback", week=1).status == "held"


def test_feedback_for_a_week_outside_the_placement_or_twice_is_refused(course, consultant):
    placement = active(course, consultant)
    with pytest.raises(ValidationError, match="uge 1 til 8"):
        services.weekly_feedback_save(
            by=consultant, placement=placement, week=9, data=FEEDBACK, today=TODAY
        )
    services.weekly_feedback_save(
        by=consultant, placement=placement, week=1, data=FEEDBACK, today=TODAY
    )
    with pytest.raises(ValidationError, match="ret den i stedet"):
        services.weekly_feedback_save(
            by=consultant, placement=placement, week=1, data=FEEDBACK, today=TODAY
        )


def test_ratings_must_be_1_to_5(course, consultant):
    placement = active(course, consultant)
    with pytest.raises(ValidationError):
        services.weekly_feedback_save(
            by=consultant, placement=placement, week=1, data=FEEDBACK | {"social": 6}, today=TODAY
        )


def test_attendance_flags_two_missed_weeks_in_a_row(course, consultant):
    placement = active(course, consultant)
    services.weekly_feedback_save(
        by=consultant, placement=placement, week=1, data=FEEDBACK, today=TODAY
    )
    result = selectors.attendance_of(placement, today=date(2026, 12, 24))  # weeks 1–3 due
    assert (result.held, result.due, result.flagged) == (1, 3, True)
    assert result.two_missed_in_a_row


def test_ending_early_cancels_planned_conversations_and_returns_to_matching(course, consultant):
    placement = active(course, consultant)
    services.placement_end_early(
        by=consultant,
        placement=placement,
        version=2,
        reason="Borgeren blev syg",
        today=date(2026, 12, 15),
    )
    course.refresh_from_db()
    assert course.phase == Phase.MATCHING
    assert not placement.conversations.filter(status=Conversation.Status.PLANNED).exists()
    # A new placement may now be made for the citizen.
    create(course, start_on=date(2027, 1, 4))


def test_the_support_log(course, consultant):
    placement = active(course, consultant)
    entry = services.support_entry_add(
        by=consultant,
        placement=placement,
        data={
            "kind": "application",
            "on": date(2026, 12, 9),
            "company": "Lager A/S",
            "position": "Lagermedarbejder",
            "answer": "interview",
        },
    )
    assert entry.get_answer_display() == "Til samtale"
    with pytest.raises(ValidationError, match="hvilken virksomhed"):
        services.support_entry_add(
            by=consultant, placement=placement, data={"kind": "application", "on": TODAY}
        )


def test_side_by_side_follow_up(course, consultant):
    placement = active(course, consultant)
    start = placement.conversations.get(kind="start")
    services.conversation_hold(
        by=consultant,
        conversation=start,
        held_on=MONDAY,
        notes="",
        answers={"q1": "Job på lager", "q2": "Pakning", "q6": "Feedback"},
        today=MONDAY,
    )
    columns = selectors.followup_side_by_side(placement)
    assert [c["kind"] for c in columns] == ["start", "midway", "final"]
    assert columns[0]["rows"][0] == {
        "question": "Hvad er målet med praktikken for borgeren?",
        "answer": "Job på lager",
    }
    assert columns[1]["rows"] == []
