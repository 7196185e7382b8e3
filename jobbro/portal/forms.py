from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.forms import Form


class SignInRequestForm(Form):
    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        help_text=_("Den adresse, jobcentret eller din arbejdsplads har registreret."),
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@firma.dk."),
        },
    )
