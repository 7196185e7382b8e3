from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django import forms
from django.contrib.auth.forms import (
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.models import AccessLog
from jobbro.forms import DkfdsFormMixin, Form


class LoginForm(DkfdsFormMixin, AllauthLoginForm):
    """allauth's sign-in (username, password; the second factor follows on its own page)."""

    def prepare_fields(self) -> None:
        login, password = self.fields["login"], self.fields["password"]
        login.label, password.label = _("Brugernavn"), _("Adgangskode")
        password.help_text = ""
        for field in (login, password):
            field.widget.attrs.pop("placeholder", None)


class _CodeFieldMixin:
    def prepare_fields(self) -> None:
        code = self.fields["code"]
        code.label = _("Kode")
        code.help_text = _("Koden fra din autentificeringsapp (6 cifre) eller en gendannelseskode.")
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class AuthenticateForm(_CodeFieldMixin, DkfdsFormMixin, AllauthAuthenticateForm):
    """The second-factor page after the password."""


class ReauthenticateForm(_CodeFieldMixin, DkfdsFormMixin, AllauthReauthenticateForm):
    """Confirming it is you before changing a second factor."""


class ActivateTOTPForm(DkfdsFormMixin, AllauthActivateTOTPForm):
    def prepare_fields(self) -> None:
        code = self.fields["code"]
        code.label = _("Kode fra appen")
        code.help_text = _("6 cifre. Koden skifter hvert 30. sekund.")
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class JobbroPasswordChangeForm(DkfdsFormMixin, PasswordChangeForm):
    pass


class JobbroPasswordResetForm(DkfdsFormMixin, PasswordResetForm):
    pass


class JobbroSetPasswordForm(DkfdsFormMixin, SetPasswordForm):
    pass


class AccessLogFilterForm(Form):
    username = forms.CharField(label=_("Bruger"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Handling"),
        required=False,
        choices=[("", _("Alle"))] + list(AccessLog.Action.choices),
    )
    citizen_id = forms.IntegerField(label=_("Borger-id"), required=False, min_value=1)
    since = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, entries: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if data["username"]:
            entries = entries.filter(username=data["username"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["citizen_id"]:
            entries = entries.filter(citizen_id=data["citizen_id"])
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        return entries
