"""The shared DKFDS form helper."""

from django import forms as django_forms

from jobbro.forms import Form


class Example(Form):
    name = django_forms.CharField(label="Navn", help_text="Som i CPR-registret")
    kind = django_forms.ChoiceField(choices=[("a", "A"), ("b", "B")])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A subclass narrows a choice after setup, as views do with querysets.
        self.fields["kind"].choices = [("a", "A")]


def test_fields_get_dkfds_classes_and_hint_links():
    form = Example()
    assert form.fields["name"].widget.attrs["class"] == "form-input"
    assert form.fields["kind"].widget.attrs["class"] == "form-select"
    assert form.fields["name"].widget.attrs["aria-describedby"] == "id_name-hint"


def test_validation_sees_what_the_subclass_narrowed():
    form = Example({"name": "Anna", "kind": "b"})
    assert not form.is_valid()
    assert "kind" in form.errors


def test_invalid_fields_are_marked_for_screen_readers():
    form = Example({"name": "", "kind": "a"})
    form.is_valid()
    attrs = form.fields["name"].widget.attrs
    assert attrs["aria-invalid"] == "true"
    assert attrs["aria-describedby"] == "id_name-hint id_name-error"
