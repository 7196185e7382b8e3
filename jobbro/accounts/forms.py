from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.models import AccessLog
from jobbro.forms import DkfdsFormMixin, Form


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Brugernavn eller adgangskode er forkert. Husk, at der skelnes mellem store og "
            "små bogstaver."
        ),
        "inactive": _("Brugeren er deaktiveret. Kontakt din administrator."),
    }


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
