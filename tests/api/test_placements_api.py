"""/api/v1/placements, meetings, weekly feedback and the three-party agreement."""

from datetime import date
from decimal import Decimal

import pytest

from jobbro.placements import services
from jobbro.placements.models import Placement, WeeklyFeedback
from tests import factories

pytestmark = pytest.mark.django_db
MONDAY = "2026-12-07"


def body(course, workplace, person, **fields):
    return {
        "case_id": course.pk,
        "workplace_id": workplace.pk,
        "contact_person_id": person.pk,
        "start_date": MONDAY,
        "hours_per_week": "30",
        **fields,
    }


def test_a_placement_is_created_with_its_end_date_and_meetings(
    consultant, course_a, workplace_a, person_a, api_for
):
    response = api_for(consultant).post("/placements", body(course_a, workplace_a, person_a))
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["weeks"], created["end_date"], created["status"]) == (
        8,
        "2027-01-31",
        "planned",
    )
    assert created["purpose"] == "skills" and created["tasks"]
    kinds = [m["kind"] for m in created["meetings"]]
    assert {"start", "midway", "final", "weekly_feedback"} == set(kinds)
    assert all(set(m) >= {"id", "kind", "date"} for m in created["meetings"])
    course_a.refresh_from_db()
    assert course_a.phase == "preparation"


def test_weeks_may_be_given(consultant, course_a, workplace_a, person_a, api_for):
    response = api_for(consultant).post(
        "/placements", body(course_a, workplace_a, person_a, weeks=4)
    )
    assert response.status_code == 201, response.content
    assert response.json()["end_date"] == "2027-01-03"


def test_a_second_current_placement_is_409(consultant, course_a, workplace_a, person_a, api_for):
    client = api_for(consultant)
    client.post("/placements", body(course_a, workplace_a, person_a))
    course_a.phase = "matching"
    course_a.save()
    response = client.post("/placements", body(course_a, workplace_a, person_a))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_a_full_workplace_is_409_naming_the_workplace(
    consultant, course_a, municipality_a, api_for
):
    place = factories.workplace(ordinary_employees=Decimal("4"))  # room for one
    factories.placement(
        factories.course(
            municipality_a, phase="matching", consultant=consultant, consent_to_share=True
        ),
        place=place,
    )
    person = factories.contact_person(place)
    response = api_for(consultant).post("/placements", body(course_a, place, person))
    assert response.status_code == 409
    error = response.json()["error"]
    assert "workplace_id" in error["fields"]


def test_rule_errors_use_the_api_field_names(consultant, course_a, workplace_a, person_a, api_for):
    response = api_for(consultant).post(
        "/placements",
        body(course_a, workplace_a, person_a, start_date="2026-12-25"),  # Christmas Day
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["start_date"]


def test_hours_above_37_are_422(consultant, course_a, workplace_a, person_a, api_for):
    response = api_for(consultant).post(
        "/placements", body(course_a, workplace_a, person_a, hours_per_week="40")
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["hours_per_week"]


def test_another_municipalitys_case_is_404(outsider, course_a, workplace_a, person_a, api_for):
    response = api_for(outsider).post("/placements", body(course_a, workplace_a, person_a))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["evaluator", "contact_person", "citizen", "admin"])
def test_roles_outside_casework_get_403(personas, course_a, workplace_a, person_a, api_for, role):
    client = api_for(personas[role])
    assert client.get("/placements").status_code == 403
    assert client.post("/placements", body(course_a, workplace_a, person_a)).status_code == 403
    assert client.get(f"/cases/{course_a.pk}/meetings").status_code == 403


def test_placements_and_meetings_are_listed(consultant, course_a, course_b, api_for):
    placement = factories.placement(course_a)
    client = api_for(consultant)
    listed = client.get("/placements", case_id=course_a.pk).json()
    assert [p["id"] for p in listed["results"]] == [placement.pk]
    meetings = client.get(f"/cases/{course_a.pk}/meetings", limit=100).json()
    assert meetings["count"] == placement.conversations.count()
    assert meetings["results"][0]["kind"] == "start"
    assert client.get(f"/cases/{course_b.pk}/meetings").status_code == 404


def test_weekly_feedback_is_saved_for_the_meetings_week(consultant, course_a, api_for):
    placement = factories.placement(course_a)
    for party in ("citizen", "contact_person", "jobcenter"):
        services.agreement_approve(by=consultant, placement=placement, party=party, number=1)
    services.placement_activate(
        by=consultant, placement=placement, version=1, today=date(2026, 12, 7)
    )
    meeting = placement.conversations.get(kind="weekly_feedback", week=2)
    client = api_for(consultant)
    feedback = {"professional": 4, "social": 5, "tasks_done": "Pakkede ordrer"}
    response = client.post(f"/meetings/{meeting.pk}/feedback", feedback)
    assert response.status_code == 201, response.content
    assert (response.json()["week"], response.json()["on_behalf"]) == (2, True)
    assert WeeklyFeedback.objects.get().professional == 4
    meeting.refresh_from_db()
    assert meeting.status == "held"
    twice = client.post(f"/meetings/{meeting.pk}/feedback", feedback)
    assert twice.status_code == 422 and "week" in twice.json()["error"]["fields"]


def test_feedback_scores_are_1_to_5(consultant, course_a, api_for):
    meeting = factories.placement(course_a).conversations.first()
    response = api_for(consultant).post(
        f"/meetings/{meeting.pk}/feedback", {"professional": 6, "social": 0}
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"professional", "social"}


def test_another_municipalitys_meeting_is_404(outsider, course_a, api_for):
    meeting = factories.placement(course_a).conversations.first()
    response = api_for(outsider).post(
        f"/meetings/{meeting.pk}/feedback", {"professional": 3, "social": 3}
    )
    assert response.status_code == 404


def test_the_agreement_is_read_and_approved_on_paper(consultant, course_a, api_for):
    placement = factories.placement(course_a)
    client = api_for(consultant)
    agreement = client.get(f"/placements/{placement.pk}/agreement").json()
    assert agreement["number"] == 1
    assert agreement["missing"] == ["citizen", "contact_person", "jobcenter"]
    response = client.post(
        f"/placements/{placement.pk}/agreement/approvals", {"party": "citizen", "number": 1}
    )
    assert response.status_code == 201, response.content
    approved = response.json()
    assert approved["approvals"][0]["party"] == "citizen"
    assert approved["approvals"][0]["on_paper"] is True
    assert approved["missing"] == ["contact_person", "jobcenter"]


def test_approving_an_old_agreement_version_is_409_stale(consultant, course_a, api_for):
    placement = factories.placement(course_a)
    response = api_for(consultant).post(
        f"/placements/{placement.pk}/agreement/approvals", {"party": "jobcenter", "number": 2}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"


def test_another_municipalitys_agreement_is_404(outsider, course_a, api_for):
    placement = factories.placement(course_a)
    assert api_for(outsider).get(f"/placements/{placement.pk}/agreement").status_code == 404
    assert Placement.objects.count() == 1


def test_a_placement_starts_once_all_three_approved(consultant, course_a, api_for):
    placement = factories.placement(course_a)
    client = api_for(consultant)
    refused = client.post(f"/placements/{placement.pk}/start", {})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "conflict"
    for party in ("citizen", "contact_person", "jobcenter"):
        client.post(f"/placements/{placement.pk}/agreement/approvals", {"party": party})
    started = client.post(f"/placements/{placement.pk}/start", {"version": placement.version})
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "active"
    again = client.post(f"/placements/{placement.pk}/start", {"version": placement.version})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_a_manager_may_start_without_approvals_with_a_reason(manager, course_a, api_for):
    placement = factories.placement(course_a)
    response = api_for(manager).post(
        f"/placements/{placement.pk}/start", {"override_reason": "Skrevet under på papir i går"}
    )
    assert response.status_code == 200
    placement.refresh_from_db()
    assert placement.activation_override == "Skrevet under på papir i går"


def test_starting_is_refused_across_municipalities_and_roles(
    outsider, evaluator, course_a, api_for
):
    placement = factories.placement(course_a)
    assert api_for(outsider).post(f"/placements/{placement.pk}/start", {}).status_code == 404
    assert api_for(evaluator).post(f"/placements/{placement.pk}/start", {}).status_code == 403
    placement.refresh_from_db()
    assert placement.status == "planned"
