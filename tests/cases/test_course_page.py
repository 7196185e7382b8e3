"""The course page and its actions through the web: timeline, version conflicts,
notes (24-hour rule), homework, closing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.accounts.models import AccessLog
from jobbro.cases.models import STALE_MESSAGE, Course, CourseEvent, HomeworkItem
from jobbro.citizens.models import WishWorkplace
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(clock):
    fixed = date(2026, 11, 28)
    clock.set(fixed)
    return fixed


@pytest.fixture
def course(municipality_a, caseworker):
    return factories.course(municipality_a, caseworker=caseworker)


def url(name, obj):
    return reverse(f"cases:{name}", args=[obj.pk])


def test_the_page_shows_the_timeline_and_what_is_due(course, caseworker, client_for, today):
    factories.note(course, caseworker, text="Første samtale holdt.")
    factories.homework(course, description="Opdater dit CV")
    response = client_for(caseworker).get(url("course_detail", course))
    html = response.content.decode()
    assert "Første samtale holdt." in html
    assert "Forløbet oprettet (visiteret)" in html
    assert "Hjemmearbejde: Opdater dit CV (Åben)" in html
    # visited 2 Nov + 14 days = 16 Nov; 28 Nov is 12 days over.
    assert "12 dage over fristen" in html
    assert AccessLog.objects.filter(action="read", citizen_id=course.citizen_id).exists()


def test_a_second_save_from_an_old_page_is_refused(course, caseworker, consultant, client_for):
    client = client_for(caseworker)
    data = {"visitation_on": "2026-11-02", "voluntary": "on", "version": 1}
    first = client.post(url("course_visitation", course), data | {"motivation_notes": "A"})
    assert first.status_code == 302
    second = client.post(url("course_visitation", course), data | {"motivation_notes": "B"})
    assert second.status_code == 200
    assert STALE_MESSAGE in second.content.decode()
    course.refresh_from_db()
    assert (course.motivation_notes, course.version) == ("A", 2)


def test_a_refused_transition_is_explained_at_the_field(course, caseworker, client_for):
    response = client_for(caseworker).post(
        url("course_transition", course), {"to_phase": "matching", "version": 1}
    )
    assert response.context["form"].errors["to_phase"] == [
        "Tildel en virksomhedskonsulent før matching."
    ]
    assert Course.objects.get(pk=course.pk).phase == "referred"


def test_closing_without_an_outcome_shows_the_error_and_saves_nothing(
    course, caseworker, client_for
):
    response = client_for(caseworker).post(
        url("course_close", course), {"version": 1, "reason": ""}
    )
    errors = response.context["form"].errors
    assert "Vælg forløbets resultat" in errors["outcome"][0]
    assert "begrundelse" in errors["reason"][0]
    assert Course.objects.get(pk=course.pk).phase == "referred"


def test_closing_with_a_job(course, caseworker, client_for):
    response = client_for(caseworker).post(
        url("course_close", course),
        {
            "version": 1,
            "outcome": "job_other_company",
            "hours_per_week": "37",
            "start_on": "2026-12-01",
            "reason": "Ansat hos Netto",
            "upskilling": "Kassekursus",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.phase, course.outcome, course.upskilling) == (
        "closed",
        "job_other_company",
        "Kassekursus",
    )


def test_a_note_can_be_edited_within_24_hours(course, caseworker, client_for):
    note = factories.note(course, caseworker, created_at=timezone.now() - timedelta(hours=23))
    response = client_for(caseworker).post(url("note_edit", note), {"text": "Rettet tekst"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Rettet tekst" and note.edited_at is not None


def test_after_24_hours_a_note_is_corrected_by_a_new_note(course, caseworker, client_for):
    note = factories.note(
        course, caseworker, text="Forkert dato", created_at=timezone.now() - timedelta(hours=25)
    )
    client = client_for(caseworker)
    refused = client.post(url("note_edit", note), {"text": "Rettet"})
    assert "over 24 timer gammelt" in refused.context["form"].errors["text"][0]
    note.refresh_from_db()
    assert note.text == "Forkert dato"
    response = client.post(
        url("note_create", course) + f"?retter={note.pk}",
        {"text": "Rettelse: datoen var 3.11.", "retter": note.pk},
    )
    assert response.status_code == 302
    correction = CourseEvent.objects.get(corrects=note)
    assert correction.text == "Rettelse: datoen var 3.11."
    assert "retter notat" in client.get(url("course_detail", course)).content.decode()


def test_only_the_author_edits_a_note(course, caseworker, consultant, client_for):
    note = factories.note(course, caseworker)
    response = client_for(consultant).post(url("note_edit", note), {"text": "Min tekst"})
    assert "Kun forfatteren" in response.content.decode()
    note.refresh_from_db()
    assert note.text != "Min tekst"


def test_homework_due_in_the_past_is_refused(course, caseworker, client_for, today):
    response = client_for(caseworker).post(
        url("homework_create", course), {"description": "Ring til Bilka", "due_on": "2026-11-27"}
    )
    assert response.context["form"].errors["due_on"] == ["Fristen kan ikke ligge før i dag."]
    assert not HomeworkItem.objects.exists()


def test_homework_from_a_template_and_the_dream_workplace_answer(
    course, caseworker, municipality_a, client_for, today
):
    from jobbro.cases.models import HomeworkTemplate

    template = HomeworkTemplate.objects.get(
        municipality=municipality_a, title="Find tre ønskearbejdspladser"
    )
    client = client_for(caseworker)
    response = client.post(
        url("homework_create", course), {"template": template.pk, "due_on": "2026-12-05"}
    )
    assert response.status_code == 302
    item = HomeworkItem.objects.get()
    assert (item.description, item.kind) == ("Find tre ønskearbejdspladser", "wish_workplaces")
    response = client.post(
        url("homework_update", item),
        {
            "status": "done",
            "answer": "Jeg vil gerne arbejde med mennesker.",
            "wish_1_name": "Aarhus Universitetshospital",
            "wish_1_why": "Pleje",
            "wish_2_name": "Salling",
            "wish_2_cvr": "35954716",
        },
    )
    assert response.status_code == 302
    wishes = list(
        WishWorkplace.objects.filter(citizen=course.citizen).values_list(
            "position", "company_name", "cvr"
        )
    )
    assert wishes == [(1, "Aarhus Universitetshospital", ""), (2, "Salling", "35954716")]


def test_a_wish_workplace_with_an_invalid_cvr_saves_nothing(course, caseworker, client_for):
    item = factories.homework(course, kind="wish_workplaces")
    response = client_for(caseworker).post(
        url("homework_update", item),
        {"status": "done", "answer": "", "wish_1_name": "Firma", "wish_1_cvr": "12345678"},
    )
    assert response.status_code == 200
    assert not WishWorkplace.objects.exists()
    item.refresh_from_db()
    assert item.status == "open"


def test_recording_a_company_contact_moves_the_deadline(course, caseworker, client_for, today):
    client = client_for(caseworker)
    client.post(
        url("contact_create", course),
        {"kind": "company_contact", "occurred_on": "2026-11-27", "text": "Ringede til Føtex"},
    )
    html = client.get(url("course_detail", course)).content.decode()
    assert "Opfølgende kontakt" in html and "over fristen" not in html


def test_reassigning_from_the_page(course, caseworker, consultant, client_for):
    response = client_for(caseworker).post(
        url("course_assign", course),
        {"caseworker": caseworker.pk, "consultant": consultant.pk, "version": 1},
    )
    assert response.status_code == 302
    assert Course.objects.get(pk=course.pk).consultant == consultant
