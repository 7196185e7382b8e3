from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from jobbro.forms import DkfdsFormMixin


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
