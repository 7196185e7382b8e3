from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.access import can
from jobbro.forms import Form
from jobbro.transfer.kinds import KINDS

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er større end 50 MB; del den op."))
        return upload
