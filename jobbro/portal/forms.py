from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.models import MAX_WISH_WORKPLACES
from jobbro.companies.models import Workplace
from jobbro.forms import DateInput, Form, ModelForm
from jobbro.matching.models import ContactAttempt
from jobbro.matching.services import WorkplaceChoices


class SignInRequestForm(Form):
    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        help_text=_("Den adresse, jobcentret eller din arbejdsplads har registreret."),
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@firma.dk."),
        },
    )


RATINGS = [(n, str(n)) for n in range(1, 6)]


def _rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 er lavest, 5 er højest."),
        error_messages={"required": _("Vælg et tal fra 1 til 5.")},
    )


class WeeklyFeedbackForm(Form):
    """A week's feedback in under a minute: two ratings, the rest optional."""

    week = forms.IntegerField(
        label=_("Uge"), error_messages={"required": _("Vælg hvilken uge feedbacken gælder.")}
    )
    professional = _rating(_("Faglige kompetencer"))
    social = _rating(_("Sociale kompetencer"))
    tasks_done = forms.CharField(
        label=_("Hvad har praktikanten lavet?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    concerns = forms.CharField(
        label=_("Er der noget, jobcentret skal vide?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cv_help = forms.BooleanField(label=_("Vi har arbejdet med CV'et"), required=False)
    applications_helped = forms.IntegerField(
        label=_("Ansøgninger, du har hjulpet med"), required=False, min_value=0, max_value=50
    )
    network_contacts = forms.IntegerField(
        label=_("Kontakter i dit netværk"), required=False, min_value=0, max_value=50
    )
    # Set when the page showed an existing week's feedback: the submit edits that one.
    feedback_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, weeks: int = 8, **kwargs) -> None:
        self.weeks = weeks
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        self.fields["week"].widget = forms.Select(
            choices=[(n, _("Uge %(n)s") % {"n": n}) for n in range(1, self.weeks + 1)]
        )

    def feedback_data(self) -> dict:
        data = self.cleaned_data
        return {
            "professional": data["professional"],
            "social": data["social"],
            "tasks_done": data.get("tasks_done") or "",
            "concerns": data.get("concerns") or "",
            "cv_help": bool(data.get("cv_help")),
            "applications_helped": data.get("applications_helped") or 0,
            "network_contacts": data.get("network_contacts") or 0,
        }


class CitizenHomeworkForm(Form):
    """A citizen's answer to a task, and for the dream-workplace task the three places."""

    answer = forms.CharField(
        label=_("Dit svar"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, wish_workplaces: bool = False, **kwargs) -> None:
        self.wish_workplaces = wish_workplaces
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        if not self.wish_workplaces:
            return
        for n in range(1, MAX_WISH_WORKPLACES + 1):
            self.fields[f"wish_{n}_name"] = forms.CharField(
                label=_("Drømmearbejdsplads %(n)s") % {"n": n}, required=False, max_length=200
            )
            self.fields[f"wish_{n}_why"] = forms.CharField(
                label=_("Hvorfor vil du gerne arbejde der?"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def wish_rows(self) -> list[dict] | None:
        if not self.wish_workplaces:
            return None
        return [
            {
                "company_name": self.cleaned_data.get(f"wish_{n}_name", ""),
                "why": self.cleaned_data.get(f"wish_{n}_why", ""),
            }
            for n in range(1, MAX_WISH_WORKPLACES + 1)
        ]


class PortalInformationForm(Form):
    role_text = forms.CharField(
        label=_("Jobkontaktpersonens rolle"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Én opgave pr. linje. Vises for jobkontaktpersoner, I har sendt praktikanter."),
        error_messages={"required": _("Skriv teksten om rollen.")},
    )
    training_text = forms.CharField(
        label=_("Tilbud om opkvalificering"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Én linje pr. tilbud."),
        error_messages={"required": _("Skriv jeres tilbud om opkvalificering.")},
    )


class CitizenContactAttemptForm(ModelForm):
    """'Jeg har kontaktet en virksomhed': the citizen tells the jobcenter about a contact.

    The workplace list is grouped (search results, contacted before, wish workplaces,
    suggestions); any workplace in the shared register is accepted, as the search reaches all.
    """

    workplace = forms.ModelChoiceField(
        label=_("Virksomhed"),
        queryset=Workplace.objects.select_related("company"),
        error_messages={
            "required": _("Vælg den virksomhed, du har kontaktet."),
            "invalid_choice": _("Vælg en virksomhed fra listen."),
        },
    )

    class Meta:
        model = ContactAttempt
        fields = ["workplace", "contacted_on", "channel", "outcome", "note"]
        labels = {
            "contacted_on": _("Hvornår?"),
            "channel": _("Hvordan?"),
            "outcome": _("Hvad blev svaret?"),
            "note": _("Vil du fortælle mere?"),
        }
        widgets = {"contacted_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "contacted_on": {
                "required": _("Skriv datoen, hvor du kontaktede virksomheden."),
                "invalid": _("Skriv datoen som en gyldig dato, fx 24.11.2026."),
            },
            "channel": {
                "required": _("Vælg hvordan du kontaktede virksomheden."),
                "invalid_choice": _("Vælg hvordan du kontaktede virksomheden fra listen."),
            },
            "outcome": {
                "required": _("Vælg hvad virksomheden svarede."),
                "invalid_choice": _("Vælg hvad virksomheden svarede fra listen."),
            },
        }

    def __init__(self, *args, choices: WorkplaceChoices, **kwargs) -> None:
        self.workplace_choices = choices
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        groups = (
            (_("Søgeresultat"), self.workplace_choices.found),
            (_("Virksomheder, du har kontaktet før"), self.workplace_choices.contacted),
            (_("Dine ønskearbejdspladser"), self.workplace_choices.wishes),
            (_("Forslag fra jobcentret"), self.workplace_choices.suggested),
        )
        self.fields["workplace"].choices = [("", _("Vælg virksomhed"))] + [
            (label, [(w.pk, _place_label(w)) for w in places]) for label, places in groups if places
        ]
        for name, choices in (
            ("channel", ContactAttempt.Channel.choices),
            ("outcome", ContactAttempt.Outcome.choices),
        ):
            self.fields[name].choices = [("", _("Vælg"))] + list(choices)


def _place_label(place: Workplace) -> str:
    where = " ".join(part for part in (place.postcode, place.city) if part)
    return f"{place.name}, {where}" if where else place.name
