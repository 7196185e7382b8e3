from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.access import can
from jobbro.forms import Form
from jobbro.transfer.formats import FileFormatError, check_size
from jobbro.transfer.kinds import KINDS


class ImportForm(Form):
    kind = forms.ChoiceField(
        label=_("Hvad vil du importere?"),
        choices=[(kind.name, kind.label) for kind in KINDS.values()],
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (semikolon eller komma) eller XLSX med kolonnenavne i første række."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only what the user's role may create (a municipal admin may not create citizens).
        self.fields["kind"].choices = [
            (kind.name, kind.label) for kind in KINDS.values() if can(user, kind.write_action)
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Filen skal være .csv eller .xlsx."))
        try:
            check_size(upload.size)
        except FileFormatError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
