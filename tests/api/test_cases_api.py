"""/api/v1/cases: create, list, read, update with versions, transitions, outcome, homework."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_creates_a_case_with_the_visitation_fields(
    caseworker, consultant, municipality_a, api_for
):
    citizen = factories.citizen(municipality_a)
    response = api_for(caseworker).post(
        "/cases",
        {
            "citizen_id": citizen.pk,
            "caseworker_id": caseworker.pk,
            "consultant_id": consultant.pk,
            "voluntary": False,
            "motivation": "Vil gerne i lager.",
            "consent_to_share": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phase"] == "referred" and body["version"] == 1
    assert (body["voluntary"], body["motivation"], body["consent_to_share"]) == (
        False,
        "Vil gerne i lager.",
        True,
    )
    course = Course.objects.get(pk=body["id"])
    assert (course.caseworker, course.consultant) == (caseworker, consultant)


def test_a_second_open_case_is_a_conflict(caseworker, course_a, api_for):
    response = api_for(caseworker).post("/cases", {"citizen_id": course_a.citizen_id})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_a_consultant_in_the_caseworker_field_is_refused_naming_it(
    caseworker, consultant, municipality_a, api_for
):
    citizen = factories.citizen(municipality_a)
    response = api_for(caseworker).post(
        "/cases", {"citizen_id": citizen.pk, "caseworker_id": consultant.pk}
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["caseworker_id"]


def test_a_citizen_of_another_municipality_is_404(outsider, municipality_a, api_for):
    citizen = factories.citizen(municipality_a)
    assert api_for(outsider).post("/cases", {"citizen_id": citizen.pk}).status_code == 404


def test_list_and_read_are_scoped_and_logged(caseworker, course_a, course_b, api_for):
    client = api_for(caseworker)
    body = client.get("/cases", phase="matching").json()
    assert [r["id"] for r in body["results"]] == [course_a.pk]
    assert client.get(f"/cases/{course_b.pk}").status_code == 404
    assert client.get(f"/cases/{course_a.pk}").json()["version"] == course_a.version
    actions = set(AccessLog.objects.values_list("action", flat=True))
    assert {AccessLog.Action.SEARCH, AccessLog.Action.READ} <= actions


@pytest.mark.parametrize("role", ["evaluator", "contact_person", "citizen", "admin"])
def test_roles_outside_casework_get_403(personas, course_a, api_for, role):
    client = api_for(personas[role])
    assert client.get("/cases").status_code == 403
    assert client.get(f"/cases/{course_a.pk}").status_code == 403
    assert client.post(f"/cases/{course_a.pk}/transitions", {"to": "referred"}).status_code == 403


def test_patch_with_the_current_version_saves_and_bumps_it(caseworker, course_a, api_for):
    response = api_for(caseworker).patch(
        f"/cases/{course_a.pk}", {"version": 1, "motivation": "Motiveret", "voluntary": False}
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    course_a.refresh_from_db()
    assert (course_a.motivation_notes, course_a.voluntary) == ("Motiveret", False)


def test_a_stale_version_gives_409_stale_version(caseworker, course_a, api_for):
    client = api_for(caseworker)
    client.patch(f"/cases/{course_a.pk}", {"version": 1, "motivation": "Først"})
    response = client.patch(f"/cases/{course_a.pk}", {"version": 1, "motivation": "Sidst"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    course_a.refresh_from_db()
    assert course_a.motivation_notes == "Først"


def test_the_version_may_come_as_if_match(caseworker, course_a, api_for):
    client = api_for(caseworker)
    stale = client.client.post(
        f"/api/v1/cases/{course_a.pk}/transitions",
        {"to": "referred"},
        content_type="application/json",
        HTTP_IF_MATCH='"7"',
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"


def test_patch_reassigns_the_consultant(caseworker, course_a, municipality_a, api_for):
    other = factories.user("consultant", municipality_a)
    response = api_for(caseworker).patch(
        f"/cases/{course_a.pk}", {"version": 1, "consultant_id": other.pk}
    )
    assert response.status_code == 200, response.content
    assert response.json()["consultant_id"] == other.pk


def test_a_transition_moves_the_phase(caseworker, course_a, api_for):
    response = api_for(caseworker).post(
        f"/cases/{course_a.pk}/transitions", {"to": "referred", "version": 1}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["phase"], response.json()["version"]) == ("referred", 2)


def test_a_refused_transition_is_409_with_the_guards_message(caseworker, course_a, api_for):
    response = api_for(caseworker).post(f"/cases/{course_a.pk}/transitions", {"to": "preparation"})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict" and error["fields"]["to"]
    assert error["message"] == error["fields"]["to"][0]


def test_an_unknown_phase_is_422(caseworker, course_a, api_for):
    response = api_for(caseworker).post(f"/cases/{course_a.pk}/transitions", {"to": "done"})
    assert response.status_code == 422
    assert "to" in response.json()["error"]["fields"]


def test_closing_by_transition_points_to_the_outcome(caseworker, course_a, api_for):
    response = api_for(caseworker).post(f"/cases/{course_a.pk}/transitions", {"to": "closed"})
    assert response.status_code == 409
    assert "/outcome" in response.json()["error"]["message"]


def test_the_outcome_closes_the_case(caseworker, course_a, api_for):
    start = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = api_for(caseworker).post(
        f"/cases/{course_a.pk}/outcome",
        {
            "outcome": "job_same_company",
            "hours_per_week": "30",
            "start_date": start,
            "reason": "Ansat efter praktik",
            "upskilling": "Truckcertifikat",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["phase"], body["outcome"]) == ("closed", "job_same_company")
    again = api_for(caseworker).post(
        f"/cases/{course_a.pk}/outcome", {"outcome": "education", "reason": "x"}
    )
    assert again.status_code == 409


def test_a_job_outcome_without_hours_names_the_api_fields(caseworker, course_a, api_for):
    response = api_for(caseworker).post(
        f"/cases/{course_a.pk}/outcome", {"outcome": "job_other_company", "reason": ""}
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"hours_per_week", "start_date", "reason"}


def test_homework_is_assigned_listed_and_answered(caseworker, course_a, api_for):
    client = api_for(caseworker)
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    created = client.post(
        f"/cases/{course_a.pk}/homework", {"description": "Opdater CV", "due_date": due}
    )
    assert created.status_code == 201, created.content
    item = created.json()
    assert (item["case_id"], item["status"], item["due_date"]) == (course_a.pk, "open", due)
    listed = client.get(f"/cases/{course_a.pk}/homework").json()
    assert listed["count"] == 1
    done = client.patch(f"/homework/{item['id']}", {"status": "done", "answer": "Klaret"})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["answer"]) == ("done", "Klaret")


def test_homework_due_in_the_past_is_refused_naming_due_date(caseworker, course_a, api_for):
    response = api_for(caseworker).post(
        f"/cases/{course_a.pk}/homework", {"description": "CV", "due_date": "2000-01-01"}
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["due_date"]


def test_another_municipalitys_homework_is_404(outsider, course_a, api_for):
    item = factories.homework(course_a)
    client = api_for(outsider)
    assert client.patch(f"/homework/{item.pk}", {"status": "done"}).status_code == 404
    assert client.get(f"/cases/{course_a.pk}/homework").status_code == 404


def test_changes_to_another_municipalitys_case_are_404(outsider, course_a, api_for):
    client = api_for(outsider)
    path = f"/cases/{course_a.pk}"
    responses = [
        client.patch(path, {"motivation": "x"}),
        client.post(f"{path}/transitions", {"to": "referred"}),
        client.post(f"{path}/outcome", {"outcome": "education", "reason": "x"}),
        client.post(f"{path}/homework", {"description": "x", "due_date": "2030-01-01"}),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    course_a.refresh_from_db()
    assert (course_a.phase, course_a.version) == ("matching", 1)
