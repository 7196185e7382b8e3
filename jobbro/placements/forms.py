"""Forms of the placement pages. The services hold the rules; these only collect input."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import ContactPerson, Workplace
from jobbro.forms import DateInput, Form, ModelForm, TimeInput, VersionMixin
from jobbro.placements import followup
from jobbro.placements.models import (
    MAX_DURATION,
    MIN_DURATION,
    AgreementVersion,
    Conversation,
    PlacementSettings,
    Purpose,
    SupportEntry,
    WeeklyFeedback,
)
from jobbro.placements.selectors import hours_text, max_hours


class TemplateForm(Form):
    lines = forms.CharField(
        label=_("Spørgsmål"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Ét spørgsmål pr. linje. Skriv [1-5] foran for en skala fra 1 til 5, [ja/nej] for "
            "ja eller nej, og * forrest for et spørgsmål, der skal besvares."
        ),
    )


class ScaleSelect(forms.RadioSelect):
    """1–5 as a row of big radio buttons (placements/_scale_field.html)."""


def _radio_class(form: forms.BaseForm) -> None:
    # The DKFDS mixin maps widgets by exact type; a ScaleSelect is still a radio.
    for field in form.fields.values():
        if isinstance(field.widget, ScaleSelect):
            field.widget.attrs["class"] = "form-radio"


def _group_label(place: Workplace) -> str:
    return f"{place.company.name} – {place.name}"


class WorkplaceSelect(forms.Select):
    """Each option carries its hour limit and contact-person group for jobbro.js."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        place = getattr(value, "instance", None)
        if place is not None:
            option["attrs"]["data-max-hours"] = hours_text(max_hours(place))
            option["attrs"]["data-group"] = _group_label(place)
        return option


class WorkplaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Workplace) -> str:
        return _(
            "%(company)s – %(place)s (pladser i brug %(used)s / %(allowed)s, "
            "højst %(hours)s timer/uge)"
        ) % {
            "company": obj.company.name,
            "place": obj.name,
            "used": obj.capacity_used,
            "allowed": obj.capacity_allowed,
            "hours": hours_text(max_hours(obj)),
        }


def capacity_override_field() -> forms.CharField:
    """A manager's reason for exceeding the capacity rule; the views drop it for others."""
    return forms.CharField(
        label=_("Begrundelse for at overskride rimelighedskravet"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Kun for ledere: arbejdsstedet har ikke flere ledige pladser (BEK § 65)."),
    )


class PlacementForm(Form):
    """The whole internship on one page; the conversations are planned from it."""

    workplace = WorkplaceChoice(
        label=_("Arbejdssted"),
        widget=WorkplaceSelect(
            attrs={
                "data-hours-target": "id_hours_per_week",
                "data-people-target": "id_contact_person",
            }
        ),
        queryset=Workplace.objects.none(),
        error_messages={"required": _("Vælg det arbejdssted, hvor praktikken foregår.")},
    )
    contact_person = forms.ModelChoiceField(
        label=_("Jobkontaktperson"),
        queryset=ContactPerson.objects.none(),
        help_text=_("Kun jobkontaktpersoner på det valgte arbejdssted kan vælges."),
        error_messages={"required": _("Vælg praktikantens jobkontaktperson.")},
    )
    start_on = forms.DateField(
        label=_("Startdato"),
        widget=DateInput,
        error_messages={"required": _("Skriv praktikkens startdato.")},
    )
    weeks = forms.IntegerField(label=_("Længde i uger"), min_value=1, max_value=26)
    hours_per_week = forms.DecimalField(
        label=_("Timer pr. uge"),
        max_digits=4,
        decimal_places=1,
        min_value=1,
        help_text=_("Højst arbejdsstedets normale ugentlige arbejdstid og aldrig over 37 timer."),
    )
    purpose = forms.ChoiceField(
        label=_("Formål (BEK 2636/2021 § 60)"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg praktikkens formål.")},
    )
    tasks = forms.CharField(
        label=_("Arbejdsopgaver"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv arbejdsopgaverne.")},
    )
    override_reason = capacity_override_field()

    def __init__(self, *args, municipality_id: int, period: tuple[date, date], **kwargs):
        self.municipality_id, self.period = municipality_id, period
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        places = (
            Workplace.objects.with_capacity(*self.period)
            .filter(company__relations__municipality_id=self.municipality_id)
            .select_related("company")
            .order_by("company__name", "name")
            .distinct()
        )
        self.fields["workplace"].queryset = places
        for name in ("workplace", "contact_person", "tasks"):
            self.fields[name].widget.attrs["class"] = "input-width-xl"
        people = (
            ContactPerson.objects.filter(
                workplace__company__relations__municipality_id=self.municipality_id,
                is_active=True,
            )
            .select_related("workplace__company")
            .order_by("workplace__company__name", "workplace__name", "name")
            .distinct()
        )
        field = self.fields["contact_person"]
        field.queryset = people
        groups: dict[str, list] = {}
        for person in people:
            key = _group_label(person.workplace)
            groups.setdefault(key, []).append((person.pk, person.name))
        field.widget.choices = [("", "---------"), *groups.items()]


class PlacementSettingsForm(ModelForm):
    class Meta:
        model = PlacementSettings
        fields = ["weeks", "legal_basis"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 5})}


class ActivateForm(VersionMixin, Form):
    override_reason = forms.CharField(
        label=_("Begrundelse for at starte uden godkendt forventningsafstemning"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Kun for ledere, og kun når ikke alle tre parter har godkendt."),
    )


class RescheduleForm(VersionMixin, Form):
    start_on = forms.DateField(label=_("Startdato"), widget=DateInput)
    weeks = forms.IntegerField(
        label=_("Længde i uger"),
        min_value=1,
        max_value=26,
        help_text=_("Flere uger forlænger praktikken, færre afkorter den."),
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv hvorfor praktikken ændres.")},
    )
    override_reason = capacity_override_field()


class EndEarlyForm(VersionMixin, Form):
    reason = forms.CharField(
        label=_("Begrundelse for afbrydelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv hvorfor praktikken afbrydes.")},
    )


class AgreementForm(ModelForm):
    class Meta:
        model = AgreementVersion
        fields = list(AgreementVersion.CONTENT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class PlanForm(ModelForm):
    """Book a conversation: the day, and once agreed the time, length and place."""

    duration_minutes = forms.IntegerField(
        label=_("Varighed i minutter"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        required=False,  # blank keeps the conversation's length
        help_text=_("Fra 5 til 480 minutter."),
        error_messages={
            "min_value": _("En samtale varer mindst 5 minutter."),
            "max_value": _("En samtale varer højst 480 minutter (8 timer)."),
        },
    )

    class Meta:
        model = Conversation
        fields = ["planned_on", "planned_at", "duration_minutes", "location"]
        labels = {
            "planned_on": _("Dato"),
            "planned_at": _("Klokkeslæt"),
            "location": _("Sted"),
        }
        help_texts = {
            "planned_at": _("Tomt, indtil tidspunktet er aftalt."),
            "location": _("Fx arbejdsstedets adresse, jobcentret eller et videomøde."),
        }
        widgets = {"planned_on": DateInput, "planned_at": TimeInput}
        error_messages = {
            "planned_on": {"required": _("Skriv samtalens dato.")},
            "planned_at": {"invalid": _("Skriv klokkeslættet som tt:mm, fx 10:00.")},
        }

    def prepare_fields(self) -> None:
        self.fields["location"].widget.attrs["class"] = "input-width-xl"
        self.fields["duration_minutes"].widget.attrs["class"] = "input-width-xs"


class HoldForm(Form):
    """The held conversation: date, notes and the follow-up template's questions."""

    held_on = forms.DateField(label=_("Afholdt den"), widget=DateInput)
    notes = forms.CharField(
        label=_("Noter"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, questions: list[followup.Question], **kwargs):
        self.questions = questions
        super().__init__(*args, **kwargs)
        _radio_class(self)

    def prepare_fields(self) -> None:
        for question in self.questions:
            if question.kind == followup.SCALE:
                field = forms.ChoiceField(
                    choices=[(str(n), str(n)) for n in range(1, 6)],
                    widget=ScaleSelect,
                )
            elif question.kind == followup.YES_NO:
                field = forms.ChoiceField(
                    choices=[("ja", _("Ja")), ("nej", _("Nej"))], widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
            # '*' in the template: the form says so and refuses a blank (the service too).
            field.label, field.required = question.text, question.required
            field.error_messages["required"] = _("Besvar spørgsmålet.")
            self.fields[question.key] = field

    def answers(self) -> dict[str, str]:
        return {q.key: self.data.get(q.key, "") for q in self.questions}


class FeedbackForm(ModelForm):
    class Meta:
        model = WeeklyFeedback
        fields = [
            "week",
            "tasks_done",
            "behaviour",
            "professional",
            "social",
            "cv_help",
            "applications_helped",
            "network_contacts",
            "concerns",
        ]
        widgets = {
            "tasks_done": forms.Textarea(attrs={"rows": 2}),
            "behaviour": forms.Textarea(attrs={"rows": 2}),
            "concerns": forms.Textarea(attrs={"rows": 2}),
            "professional": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "social": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _radio_class(self)

    def prepare_fields(self) -> None:
        for name in ("professional", "social"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                widget=ScaleSelect,
            )
        for name in ("applications_helped", "network_contacts"):
            self.fields[name].required = False
            self.fields[name].initial = 0

    def clean(self) -> dict:
        data = super().clean()
        for name in ("applications_helped", "network_contacts"):
            data[name] = data.get(name) or 0
        return data


class SupportForm(ModelForm):
    class Meta:
        model = SupportEntry
        fields = ["kind", "on", "company", "position", "answer", "note"]
        widgets = {"on": DateInput, "note": forms.Textarea(attrs={"rows": 2})}
