"""Follow-up form templates: questions as edited lines, versions, answers checked."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobbro.placements import followup
from jobbro.placements.models import FollowUpTemplate
from jobbro.placements.services import followup_template_current, followup_template_update


def test_lines_become_questions_with_kinds_and_required_marks():
    questions = followup.parse_lines(
        "* [1-5] Hvordan går det?\n\n[ja/nej] Tilbydes ansættelse?\nHvad skal forbedres?"
    )
    assert [(q.key, q.kind, q.required) for q in questions] == [
        ("q1", "scale", True),
        ("q2", "yes_no", False),
        ("q3", "text", False),
    ]
    assert followup.parse_lines(followup.as_lines(questions)) == questions


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("", "mindst ét spørgsmål"),
        ("[1-10] Hvor godt?", "Linje 1: [1-10] er ikke en kendt type"),
        ("Godt?\n[1-5]", "Linje 2: skriv selve spørgsmålet"),
    ],
)
def test_unreadable_templates_name_the_line(lines, message):
    with pytest.raises(followup.TemplateError, match=re.escape(message)):
        followup.parse_lines(lines)


def test_answers_are_checked_against_the_questions():
    questions = followup.parse_lines("* [1-5] Samlet?\n[ja/nej] Job?\nNoter")
    answers, errors = followup.validate_answers(
        questions, {"q1": "4", "q2": "ja", "q3": " God uge "}
    )
    assert (answers, errors) == ({"q1": 4, "q2": True, "q3": "God uge"}, {})
    _answers, errors = followup.validate_answers(questions, {"q1": "7", "q2": "måske", "q9": "x"})
    assert errors == {
        "q1": "Vælg et tal fra 1 til 5.",
        "q2": "Svar ja eller nej.",
        "q9": "Spørgsmålet findes ikke i denne version af skemaet.",
    }
    _answers, errors = followup.validate_answers(questions, {})
    assert errors == {"q1": "Besvar spørgsmålet."}


def test_every_default_template_reads_and_follows_the_practice_sheet():
    for kind, text in followup.DEFAULT_TEMPLATES.items():
        questions = followup.parse_lines(text)
        assert questions[-1].text == "Hvad er de næste skridt?", kind
    midway = followup.DEFAULT_TEMPLATES["midway"]
    assert "opkvalificeringskursus" in midway and "ordinær ansættelse" in midway


@pytest.mark.django_db
def test_a_municipality_starts_from_version_1_of_the_practice_sheet(municipality_a):
    template = followup_template_current(municipality_id=municipality_a.pk, kind="midway")
    assert template.version == 1
    assert template.question_list[0].text == "Hvordan går praktikken samlet set?"


@pytest.mark.django_db
def test_editing_makes_a_new_version_and_keeps_the_old(manager):
    followup_template_current(municipality_id=manager.municipality_id, kind="start")
    saved = followup_template_update(user=manager, kind="start", lines="* Hvad er målet?")
    assert saved.version == 2 and saved.created_by == manager
    mine = FollowUpTemplate.objects.filter(municipality=manager.municipality, kind="start")
    assert mine.count() == 2
    again = followup_template_update(user=manager, kind="start", lines="* Hvad er målet?")
    assert again.pk == saved.pk  # no change, no new version


@pytest.mark.django_db
def test_a_bad_edit_is_refused_and_saves_nothing(manager):
    with pytest.raises(ValidationError):
        followup_template_update(user=manager, kind="final", lines="[0-9] x")
    assert not FollowUpTemplate.objects.filter(version__gt=1).exists()


@pytest.mark.django_db
def test_admin_edits_a_template_in_the_browserless_ui(admin_user, client_for):
    client = client_for(admin_user)
    page = client.get(reverse("placements:template_list")).content.decode()
    assert "Opstartssamtale" in page and "Midtvejssamtale" in page and "Afslutningssamtale" in page
    response = client.post(
        reverse("placements:template_edit", args=["final"]), {"lines": "* [1-5] Samlet?"}
    )
    assert response.status_code == 302
    assert (
        followup_template_current(municipality_id=admin_user.municipality_id, kind="final").version
        == 2
    )


@pytest.mark.django_db
def test_an_unreadable_edit_is_shown_at_the_field(admin_user, client_for):
    response = client_for(admin_user).post(
        reverse("placements:template_edit", args=["start"]), {"lines": "[x] Hvad?"}
    )
    html = response.content.decode()
    assert "form-error" in html and "Linje 1: [x] er ikke en kendt type" in html


@pytest.mark.django_db
def test_templates_are_per_municipality(manager, municipality_b):
    followup_template_update(user=manager, kind="start", lines="* Aarhus' spørgsmål?")
    other = followup_template_current(municipality_id=municipality_b.pk, kind="start")
    assert other.version == 1 and "Aarhus" not in str(other.questions)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "evaluator", "contact_person", "citizen"]
)
def test_other_roles_cannot_edit_templates(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get(reverse("placements:template_list")).status_code == 403
    assert (
        client.post(
            reverse("placements:template_edit", args=["start"]), {"lines": "x?"}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_unknown_kind_is_404(admin_user, client_for):
    assert (
        client_for(admin_user).get(reverse("placements:template_edit", args=["x"])).status_code
        == 404
    )


def test_the_hold_form_marks_only_unstarred_questions_as_optional():
    from jobbro.placements.forms import HoldForm

    questions = followup.parse_lines("* [1-5] Samlet?\nNoter til borgeren")
    form = HoldForm({"held_on": "2026-11-27"}, questions=questions)
    assert form.fields["q1"].required and not form.fields["q2"].required
    assert not form.is_valid()
    assert form.errors["q1"] == ["Besvar spørgsmålet."]
    assert "q2" not in form.errors
