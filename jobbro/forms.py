"""Form helpers shared by every app: DKFDS classes and accessible descriptions."""

from django import forms

_INPUT_CLASS = {
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.CheckboxSelectMultiple: "form-checkbox",
}


class DkfdsFormMixin:
    """Give every widget the DKFDS class and link it to its hint and error text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Reading a bound field's errors below validates the form, so subclasses narrow
        # their choices (querysets of the user's municipality) here, before that.
        self.prepare_fields()
        for name, field in self.fields.items():
            widget = field.widget
            css = _INPUT_CLASS.get(type(widget), "form-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-hint")
            if self.is_bound and bound.errors:
                described.append(f"{bound.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def prepare_fields(self) -> None:
        """Hook: adjust fields (e.g. scoped querysets) before the form is validated."""


class Form(DkfdsFormMixin, forms.Form):
    pass


class ModelForm(DkfdsFormMixin, forms.ModelForm):
    pass
