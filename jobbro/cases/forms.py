"""Forms for courses, homework, information meetings and the jobcenter's settings."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro import forms as dkfds
from jobbro.access import roles_for
from jobbro.accounts.models import User
from jobbro.cases.models import (
    VISITATION_FIELDS,
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    MunicipalitySettings,
    Outcome,
    Phase,
)
from jobbro.cases.transitions import allowed_targets
from jobbro.citizens.forms import CITIZEN_FIELDS, CitizenBaseForm
from jobbro.citizens.models import DEFAULT_TARGET_GROUP, MAX_WISH_WORKPLACES, Citizen, TargetGroup
from jobbro.forms import DateInput, VersionMixin


def staff_choices(municipality_id: int, action: str) -> QuerySet[User]:
    """Active staff of the jobcenter whose role may hold the slot (the door's RULES)."""
    return User.objects.for_municipality(municipality_id).filter(
        role__in=roles_for(action), is_active=True
    )


class CitizenCourseForm(CitizenBaseForm):
    """'Ny borger / nyt forløb': citizen and visitation in one form."""

    visitation_on = forms.DateField(label=_("Visitationsdato"), widget=DateInput)
    caseworker = forms.ModelChoiceField(label=_("Sagsbehandler"), queryset=User.objects.none())
    consultant = forms.ModelChoiceField(
        label=_("Virksomhedskonsulent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ikke tildelt endnu"),
    )
    voluntary = forms.TypedChoiceField(
        label=_("Frivillig deltagelse"),
        choices=[("1", _("Ja")), ("0", _("Nej"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    motivation_notes = forms.CharField(
        label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = Citizen
        fields = CITIZEN_FIELDS
        widgets = {"unemployed_since": DateInput}

    def prepare_fields(self) -> None:
        super().prepare_fields()
        municipality_id = self.municipality_id
        self.fields["cpr"] = forms.CharField(label=_("CPR-nummer"), max_length=20)
        self.fields["caseworker"].queryset = staff_choices(municipality_id, "course.caseworker")
        self.fields["consultant"].queryset = staff_choices(municipality_id, "course.consultant")
        self.fields["cpr"].help_text = _("10 cifre: DDMMÅÅ-XXXX.")
        default = self.fields["target_group"].queryset.filter(code=DEFAULT_TARGET_GROUP).first()
        self.initial.setdefault("target_group", default.pk if default else None)

    def _post_clean(self) -> None:
        # The service validates the citizen with its municipality (and CPR uniqueness).
        pass

    def service_kwargs(self) -> dict[str, Any]:
        """citizen_course_create's arguments from the cleaned form."""
        data = self.cleaned_data
        return {
            "citizen_fields": {name: data[name] for name in CITIZEN_FIELDS},
            **{
                name: data[name]
                for name in (
                    "visitation_on",
                    "caseworker",
                    "consultant",
                    "voluntary",
                    "motivation_notes",
                )
            },
        }


class VisitationForm(VersionMixin, dkfds.ModelForm):
    class Meta:
        model = Course
        fields = list(VISITATION_FIELDS)
        widgets = {
            "visitation_on": DateInput,
            "info_meeting_on": DateInput,
            "motivation_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def _post_clean(self) -> None:
        pass  # the service validates and saves (with the version check)


class TransitionForm(VersionMixin, dkfds.Form):
    to_phase = forms.ChoiceField(label=_("Ny fase"))
    reason = forms.CharField(
        label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, course: Course, **kwargs) -> None:
        self.course = course
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["to_phase"].choices = [
            (code, Phase(code).label) for code in allowed_targets(self.course.phase)
        ]


class AssignForm(VersionMixin, dkfds.Form):
    caseworker = forms.ModelChoiceField(label=_("Sagsbehandler"), queryset=User.objects.none())
    consultant = forms.ModelChoiceField(
        label=_("Virksomhedskonsulent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ikke tildelt endnu"),
    )

    def __init__(self, *args, municipality_id: int, **kwargs) -> None:
        self.municipality_id = municipality_id
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["caseworker"].queryset = staff_choices(
            self.municipality_id, "course.caseworker"
        )
        self.fields["consultant"].queryset = staff_choices(
            self.municipality_id, "course.consultant"
        )


class CloseForm(VersionMixin, dkfds.Form):
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg forløbets resultat, før det afsluttes.")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Timer pr. uge"),
        required=False,
        max_digits=4,
        decimal_places=1,
        help_text=_("Ved ordinært job."),
    )
    start_on = forms.DateField(
        label=_("Startdato"),
        widget=DateInput,
        required=False,
        help_text=_("Ved job eller uddannelse."),
    )
    programme = forms.CharField(label=_("Hvilken anden indsats"), required=False, max_length=200)
    upskilling = forms.CharField(
        label=_("Anbefalet opkvalificering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Kurser eller uddannelse, borgeren bør tage."),
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for afslutningen.")},
    )

    # The service's error keys (the course's fields), mapped to this form's field names.
    service_field_names = {
        "outcome_hours_per_week": "hours_per_week",
        "outcome_start_on": "start_on",
        "outcome_programme": "programme",
        "close_reason": "reason",
    }


class ReopenForm(VersionMixin, dkfds.Form):
    reason = forms.CharField(label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(dkfds.Form):
    text = forms.CharField(label=_("Notat"), widget=forms.Textarea(attrs={"rows": 5}))
    # The note this one corrects (from "Ret med nyt notat" on the timeline).
    retter = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ContactForm(dkfds.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            (CourseEvent.Kind.COMPANY_CONTACT, CourseEvent.Kind.COMPANY_CONTACT.label),
            (CourseEvent.Kind.FOLLOW_UP_CONTACT, CourseEvent.Kind.FOLLOW_UP_CONTACT.label),
        ],
        widget=forms.RadioSelect,
    )
    occurred_on = forms.DateField(label=_("Dato"), widget=DateInput)
    text = forms.CharField(
        label=_("Hvad skete der"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class HomeworkForm(dkfds.Form):
    template = forms.ModelChoiceField(
        label=_("Skabelon"),
        queryset=HomeworkTemplate.objects.none(),
        required=False,
        empty_label=_("Ingen – skriv selv"),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Tom: skabelonens titel bruges."),
    )
    due_on = forms.DateField(label=_("Frist"), widget=DateInput)

    def __init__(self, *args, municipality_id: int, **kwargs) -> None:
        self.municipality_id = municipality_id
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["template"].queryset = HomeworkTemplate.objects.for_municipality(
            self.municipality_id
        ).filter(is_active=True)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("template") and not (data.get("description") or "").strip():
            self.add_error("description", _("Vælg en skabelon eller skriv en beskrivelse."))
        return data


class HomeworkUpdateForm(dkfds.Form):
    status = forms.ChoiceField(label=_("Status"), choices=HomeworkItem.Status.choices)
    answer = forms.CharField(
        label=_("Borgerens svar"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, wish_workplaces: bool = False, **kwargs) -> None:
        self.wish_workplaces = wish_workplaces
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        if self.wish_workplaces:
            for n in range(1, MAX_WISH_WORKPLACES + 1):
                self.fields[f"wish_{n}_name"] = forms.CharField(
                    label=_("Ønskearbejdsplads %(n)s: virksomhed") % {"n": n},
                    required=False,
                    max_length=200,
                )
                self.fields[f"wish_{n}_cvr"] = forms.CharField(
                    label=_("Ønskearbejdsplads %(n)s: CVR-nummer") % {"n": n},
                    required=False,
                    max_length=8,
                )
                self.fields[f"wish_{n}_why"] = forms.CharField(
                    label=_("Ønskearbejdsplads %(n)s: hvorfor") % {"n": n},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def wish_rows(self) -> list[dict] | None:
        if "wish_1_name" not in self.fields:
            return None
        return [
            {
                "company_name": self.cleaned_data.get(f"wish_{n}_name", ""),
                "cvr": self.cleaned_data.get(f"wish_{n}_cvr", ""),
                "why": self.cleaned_data.get(f"wish_{n}_why", ""),
            }
            for n in range(1, MAX_WISH_WORKPLACES + 1)
        ]


def wish_initial(citizen: Citizen) -> dict[str, str]:
    """The citizen's wish workplaces as the homework form's initial values."""
    initial: dict[str, str] = {}
    for wish in citizen.wish_workplaces.all():
        n = wish.position
        initial |= {
            f"wish_{n}_name": wish.company_name,
            f"wish_{n}_cvr": wish.cvr,
            f"wish_{n}_why": wish.why,
        }
    return initial


class MeetingForm(dkfds.Form):
    starts_at = forms.DateTimeField(
        label=_("Tidspunkt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Sted"), max_length=200)
    capacity = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=500)


class CitizenChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Citizen) -> str:
        return f"{obj.full_name} ({obj.masked_cpr})"


class WaitingCitizenChoiceField(CitizenChoiceField):
    def label_from_instance(self, obj: Citizen) -> str:
        return _("%(citizen)s · visiteret %(date)s") % {
            "citizen": super().label_from_instance(obj),
            "date": obj.referred_on.strftime("%d.%m.%Y"),
        }


class InviteForm(dkfds.Form):
    citizens = WaitingCitizenChoiceField(
        label=_("Inviter borgere"),
        help_text=_("Visiterede borgere, der ikke har været til møde; længst ventende først."),
        queryset=Citizen.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        self.citizen_queryset = queryset
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["citizens"].queryset = self.citizen_queryset


class AttendanceForm(dkfds.Form):
    attended = CitizenChoiceField(
        label=_("Deltog"),
        queryset=Citizen.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        self.citizen_queryset = queryset
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["attended"].queryset = self.citizen_queryset


class SettingsForm(dkfds.ModelForm):
    class Meta:
        model = MunicipalitySettings
        fields = ["first_contact_days", "follow_up_days", "match_to_start_days"]


class RemindersForm(dkfds.ModelForm):
    class Meta:
        model = MunicipalitySettings
        fields = ["reminders_enabled"]
        help_texts = {"reminders_enabled": ""}  # the page explains them just above


class HomeworkTemplateForm(dkfds.ModelForm):
    class Meta:
        model = HomeworkTemplate
        fields = ["title", "description", "kind", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class WorklistFilterForm(dkfds.Form):
    q = forms.CharField(
        label=_("Søg på navn eller CPR-nummer"),
        required=False,
        help_text=_("CPR-nummer søges kun med alle 10 cifre."),
    )
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle åbne"))] + Phase.choices
    )
    overdue = forms.BooleanField(label=_("Kun overskredne frister"), required=False)
    staff = forms.ModelChoiceField(
        label=_("Medarbejder"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )

    def __init__(self, *args, municipality_id: int, **kwargs) -> None:
        self.municipality_id = municipality_id
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        municipality_id = self.municipality_id
        self.fields["staff"].queryset = User.objects.for_municipality(municipality_id).filter(
            role__in=roles_for("course.caseworker") | roles_for("course.consultant")
        )
        self.fields["target_group"].queryset = TargetGroup.objects.for_municipality(municipality_id)
