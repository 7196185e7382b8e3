"""Forms for citizens: search, the citizen's profile, unemployment periods, target groups."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobbro import forms as dkfds
from jobbro.citizens.models import Citizen, TargetGroup
from jobbro.forms import DateInput
from jobbro.lib.cpr import CprError, normalize_cpr

CITIZEN_FIELDS = [
    "cpr",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address",
    "postcode",
    "city",
    "target_group",
    "unemployed_since",
]


class CitizenBaseForm(dkfds.ModelForm):
    def __init__(self, *args, municipality_id: int, **kwargs) -> None:
        self.municipality_id = municipality_id
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        if "target_group" in self.fields:
            field = self.fields["target_group"]
            field.queryset = TargetGroup.objects.for_municipality(self.municipality_id).active()
            field.empty_label = None
            field.required = True

    def clean_cpr(self) -> str:
        try:
            return normalize_cpr(self.cleaned_data["cpr"])
        except CprError as exc:
            raise ValidationError(str(exc)) from None


class CitizenForm(CitizenBaseForm):
    class Meta:
        model = Citizen
        fields = [
            *[f for f in CITIZEN_FIELDS if f != "cpr"],
            "education",
            "work_experience",
            "competences",
            "occupation_codes",
            "job_goals",
            "wish_industry_codes",
            "max_commute_km",
            "last_employer_cvr",
            "barriers",
        ]
        widgets = {
            "unemployed_since": DateInput,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("education", "work_experience", "competences", "job_goals", "barriers")
            },
        }


class UnemploymentPeriodForm(dkfds.Form):
    start_on = forms.DateField(label=_("Ledig fra"), widget=DateInput)
    end_on = forms.DateField(
        label=_("Ledig til"),
        widget=DateInput,
        required=False,
        help_text=_("Tom, hvis borgeren stadig er ledig."),
    )


class CitizenSearchForm(dkfds.Form):
    q = forms.CharField(
        label=_("Søg på navn eller CPR-nummer"),
        required=False,
        help_text=_("CPR-nummer søges kun med alle 10 cifre."),
    )


class TargetGroupForm(dkfds.Form):
    name = forms.CharField(label=_("Ny målgruppe"), max_length=100)
