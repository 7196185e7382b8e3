"""Form helpers shared by every app: DKFDS classes and accessible descriptions."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

_INPUT_CLASS = {
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.CheckboxSelectMultiple: "form-checkbox",
}


class DkfdsFormMixin:
    """Give every widget the DKFDS class and link it to its hint and error text.

    Errors are wired up after validation (full_clean), never in __init__: reading
    errors there would validate the form before a subclass narrows its querysets.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_fields()
        for name, field in self.fields.items():
            widget = field.widget
            css = _INPUT_CLASS.get(type(widget), "form-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def prepare_fields(self) -> None:
        """Hook: adjust fields (e.g. scoped querysets) as part of setting the form up."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            error_id = f"{self[name].auto_id}-error"
            described = widget.attrs.get("aria-describedby", "")
            if error_id not in described:
                widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()
            widget.attrs["aria-invalid"] = "true"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class VersionMixin(forms.Form):
    """The version an edit started from (optimistic locking, jobbro.versioning)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class Form(DkfdsFormMixin, forms.Form):
    pass


class ModelForm(DkfdsFormMixin, forms.ModelForm):
    pass


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError at the fields it names (else above the form).

    A form whose fields are named differently from the service's (model) fields maps
    them in ``service_field_names`` (service name → form field)."""
    names: dict[str, str] = getattr(form, "service_field_names", {})
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = names.get(name, name)
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc.messages)
