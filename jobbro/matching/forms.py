from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro import forms as dkfds
from jobbro.forms import DateInput
from jobbro.matching.models import ContactAttempt


class ContactAttemptForm(dkfds.ModelForm):
    """The small form on each suggestion row; prefixed per workplace so ids are unique."""

    class Meta:
        model = ContactAttempt
        fields = ["contacted_on", "channel", "outcome", "note"]
        widgets = {"contacted_on": DateInput, "note": forms.TextInput}
        error_messages = {
            "contacted_on": {
                "required": _("Skriv datoen for kontakten."),
                "invalid": _("Skriv datoen for kontakten som en gyldig dato."),
            },
            "channel": {"required": _("Vælg kanal.")},
            "outcome": {"required": _("Vælg resultat.")},
        }

    def __init__(self, *args, workplace_id: int, **kwargs) -> None:
        super().__init__(*args, prefix=f"w{workplace_id}", **kwargs)

    def prepare_fields(self) -> None:
        for name, choices in (
            ("channel", ContactAttempt.Channel.choices),
            ("outcome", ContactAttempt.Outcome.choices),
        ):
            self.fields[name].choices = [("", _("Vælg"))] + list(choices)
