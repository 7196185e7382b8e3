"""Weekly feedback from the portal: preselected week, drafts on change, refusals."""

from datetime import date

import pytest
from django.urls import reverse

from jobbro.placements.models import WeeklyFeedback
from jobbro.portal.models import WeeklyFeedbackDraft
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = {"professional": "4", "social": "5", "tasks_done": "Pakkede ordrer"}


@pytest.fixture(autouse=True)
def today(clock):
    day = date(2026, 12, 16)  # week 2 of a placement starting 7 December
    clock.set(day)
    return day


@pytest.fixture
def placement(contact_person_user):
    return factories.active_placement(person_user=contact_person_user)


@pytest.fixture
def client(contact_person_user, client_for):
    return client_for(contact_person_user)


def _url(placement, name="portal:feedback"):
    return reverse(name, args=[placement.pk])


def test_the_current_week_is_preselected(client, placement):
    response = client.get(_url(placement))
    assert response.context["form"]["week"].value() == 2


def test_feedback_is_saved_for_the_week(client, placement, contact_person_user):
    response = client.post(_url(placement), {"week": 2, **GOOD})
    assert response.status_code == 302
    feedback = WeeklyFeedback.objects.get()
    assert (feedback.week, feedback.professional, feedback.social) == (2, 4, 5)
    assert feedback.author == contact_person_user and not feedback.on_behalf


def test_free_text_is_optional(client, placement):
    client.post(_url(placement), {"week": 1, "professional": "3", "social": "3"})
    assert WeeklyFeedback.objects.get().tasks_done == ""


def test_missing_ratings_are_named_and_nothing_is_stored(client, placement):
    response = client.post(_url(placement), {"week": 2})
    assert response.status_code == 200
    assert "Vælg et tal fra 1 til 5." in response.content.decode()
    assert not WeeklyFeedback.objects.exists()


def test_a_week_outside_the_placement_is_refused_at_the_field(client, placement):
    response = client.post(_url(placement), {"week": 9, **GOOD})
    form = response.context["form"]
    assert form.errors["week"] == ["Praktikken har uge 1 til 8."]
    assert not WeeklyFeedback.objects.exists()


def test_a_second_feedback_for_the_same_week_is_refused(client, placement):
    client.post(_url(placement), {"week": 2, **GOOD})
    response = client.post(_url(placement), {"week": 2, "professional": "1", "social": "1"})
    assert response.context["form"].errors["week"] == [
        "Der er allerede feedback for uge 2 – ret den i stedet."
    ]
    assert WeeklyFeedback.objects.get().professional == 4


def test_opening_a_given_week_edits_that_feedback(client, placement):
    client.post(_url(placement), {"week": 2, **GOOD})
    feedback = WeeklyFeedback.objects.get()
    response = client.get(_url(placement) + "?uge=2")
    form = response.context["form"]
    assert form["feedback_id"].value() == feedback.pk and form["professional"].value() == 4
    client.post(
        _url(placement), {"week": 2, "feedback_id": feedback.pk, "professional": "2", "social": "3"}
    )
    feedback.refresh_from_db()
    assert WeeklyFeedback.objects.count() == 1 and feedback.professional == 2


def test_a_draft_is_saved_on_change_and_restored(client, placement, contact_person_user):
    response = client.post(
        _url(placement, "portal:feedback_draft"), {"week": 2, "professional": "3"}
    )
    assert "Kladde gemt" in response.content.decode()
    draft = WeeklyFeedbackDraft.objects.get()
    assert draft.contact_person == contact_person_user.contact_person
    assert draft.data == {"professional": "3"}
    client.post(_url(placement, "portal:feedback_draft"), {"week": 2, "professional": "4"})
    assert WeeklyFeedbackDraft.objects.get().data == {"professional": "4"}
    # The connection was lost; opening the page again brings the draft back.
    assert client.get(_url(placement)).context["form"]["professional"].value() == "4"


def test_submitting_spends_the_draft(client, placement):
    client.post(_url(placement, "portal:feedback_draft"), {"week": 2, "professional": "3"})
    client.post(_url(placement), {"week": 2, **GOOD})
    assert not WeeklyFeedbackDraft.objects.exists()


def test_a_draft_for_a_week_outside_the_placement_is_not_stored(client, placement):
    response = client.post(_url(placement, "portal:feedback_draft"), {"week": 12})
    assert "kunne ikke gemmes" in response.content.decode()
    assert not WeeklyFeedbackDraft.objects.exists()


def test_feedback_before_the_placement_started_is_refused(client, contact_person_user):
    person = contact_person_user.contact_person
    planned = factories.placement(contact_person=person, place=person.workplace)
    response = client.post(_url(planned), {"week": 1, **GOOD})
    assert "Feedback gives, når praktikken er startet." in response.content.decode()
    assert not WeeklyFeedback.objects.exists()


def test_the_jobcenter_sees_the_feedback(client, placement):
    # The placement page (another issue) shows it; here: the consultant's door lets it through.
    from jobbro.access import scope

    client.post(_url(placement), {"week": 2, **GOOD})
    consultant = placement.course.consultant
    seen = scope(consultant, WeeklyFeedback.objects.filter(placement=placement)).get()
    assert seen.professional == 4


def test_the_consultant_sees_the_feedback_on_the_course_timeline(client, placement, client_for):
    client.post(_url(placement), {"week": 2, **GOOD, "concerns": "Kom for sent mandag"})
    consultant = placement.course.consultant
    html = (
        client_for(consultant)
        .get(reverse("cases:course_detail", args=[placement.course_id]))
        .content.decode()
    )
    assert "Ugentlig feedback, uge 2" in html
    assert "Faglige kompetencer 4/5, sociale kompetencer 5/5." in html
    assert "Kom for sent mandag" in html


def test_the_intern_page_offers_to_edit_a_week_already_given(client, placement):
    page = reverse("portal:intern_detail", args=[placement.pk])
    assert "Giv feedback for uge 2" in client.get(page).content.decode()
    client.post(_url(placement), {"week": 2, **GOOD})
    assert "Ret feedback for uge 2" in client.get(page).content.decode()
