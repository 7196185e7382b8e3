"""Forms for companies, workplaces and the municipality's work with them."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro import forms as jforms
from jobbro.access import roles_for
from jobbro.accounts.models import User
from jobbro.companies.models import (
    Company,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    TrainingRecord,
    Workplace,
)
from jobbro.lib import clock
from jobbro.lib.cvr import CvrError, normalize_cvr, normalize_p_number
from jobbro.municipalities.models import Municipality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_EMPLOYEES = Decimal("100000")


class SharedFieldsMixin:
    """Fields the user's municipality may not change on a shared record
    (companies/sharing.py) are shown disabled, with the reason as their hint."""

    def __init__(self, *args, locked: dict[str, str] | None = None, **kwargs) -> None:
        self.locked = locked or {}
        super().__init__(*args, **kwargs)

    def prepare_fields(self) -> None:
        super().prepare_fields()
        for name, reason in self.locked.items():
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = reason


class CompanyForm(SharedFieldsMixin, jforms.ModelForm):
    # Longer than 8: people paste 'DK 24 25 67 90'; clean_cvr normalises it.
    cvr = forms.CharField(
        label=_("CVR-nummer"), max_length=20, help_text=_("8 cifre, f.eks. 24256790.")
    )

    class Meta:
        model = Company
        fields = [
            "cvr",
            "name",
            "industry_code",
            "industry_text",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
        ]
        # Help texts here, not in __init__: the DKFDS mixin builds the bound fields
        # (which copy help_text) inside __init__.
        help_texts = {"industry_code": _("DB07-kode på 6 cifre, f.eks. 471120.")}

    def __init__(self, *args, **kwargs) -> None:
        # Set before super(): the DKFDS mixin validates a bound form inside __init__.
        self.existing_company: Company | None = None
        super().__init__(*args, **kwargs)
        self.fields["cvr"].widget.attrs["class"] += " input-width-s"
        self.fields["industry_code"].widget.attrs["class"] += " input-width-xs"
        self.fields["postcode"].widget.attrs["class"] += " input-width-xs"

    def clean_cvr(self) -> str:
        try:
            cvr = normalize_cvr(self.cleaned_data["cvr"])
        except CvrError as exc:
            raise forms.ValidationError(str(exc), code="invalid_cvr") from None
        existing = Company.objects.filter(cvr=cvr).exclude(pk=self.instance.pk).first()
        if existing is not None:
            self.existing_company = existing
            raise forms.ValidationError(
                _(
                    "CVR-nummeret er allerede oprettet som %(name)s. Åbn den eksisterende "
                    "virksomhed og tilføj den til jeres virksomheder i stedet."
                ),
                code="duplicate_cvr",
                params={"name": existing.name},
            )
        return cvr

    def validate_unique(self) -> None:
        # clean_cvr gives the friendlier duplicate message (with the existing company).
        if "cvr" in self._errors:
            return
        super().validate_unique()


class WorkplaceForm(SharedFieldsMixin, jforms.ModelForm):
    p_number = forms.CharField(label=_("P-nummer"), max_length=20, help_text=_("10 cifre."))
    ordinary_employees = forms.DecimalField(
        label=_("Ordinært ansatte (årsværk)"),
        decimal_places=1,
        min_value=0,
        max_value=MAX_EMPLOYEES,
        # Danish users write 12,5: accept the decimal comma.
        localize=True,
        initial=Decimal("0"),
        help_text=_(
            "Gennemsnit af de 4 måneder før praktikstart, uden støttede og under 18 år "
            "(BEK 2636/2021 § 65)."
        ),
        error_messages={
            "min_value": _("Antal ansatte kan ikke være negativt."),
            "max_value": _("Antal ansatte kan højst være 100.000 – tjek tallet."),
            "max_decimal_places": _("Antal ansatte angives med højst 1 decimal."),
            "invalid": _("Antal ansatte skal være et tal, f.eks. 12 eller 12,5."),
        },
    )

    class Meta:
        model = Workplace
        fields = [
            "p_number",
            "name",
            "address",
            "postcode",
            "city",
            "ordinary_employees",
            "employees_stated_on",
            "weekly_hours",
            "worker_rep_statement_on",
            "other_schemes_count",
        ]
        widgets = {"employees_stated_on": DATE, "worker_rep_statement_on": DATE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["p_number"].widget.attrs["class"] += " input-width-s"
        narrow = ["postcode", "ordinary_employees", "weekly_hours", "other_schemes_count"]
        for name in narrow:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " input-width-xs"

    def clean_p_number(self) -> str:
        try:
            p_number = normalize_p_number(self.cleaned_data["p_number"])
        except CvrError as exc:
            raise forms.ValidationError(str(exc), code="invalid_p_number") from None
        existing = (
            Workplace.objects.filter(p_number=p_number)
            .exclude(pk=self.instance.pk)
            .select_related("company")
            .first()
        )
        if existing is not None:
            raise forms.ValidationError(
                _("P-nummeret er allerede oprettet som %(name)s hos %(company)s (CVR %(cvr)s)."),
                code="duplicate_p_number",
                params={
                    "name": existing.name,
                    "company": existing.company.name,
                    "cvr": existing.company.cvr,
                },
            )
        return p_number

    def validate_unique(self) -> None:
        # clean_p_number gives the friendlier duplicate message (naming the company).
        if "p_number" in self._errors:
            return
        super().validate_unique()


class FirstWorkplaceForm(WorkplaceForm):
    """The first workplace, on the same page as the company (prefix 'arbejdssted')."""

    class Meta(WorkplaceForm.Meta):
        fields = [
            "p_number",
            "name",
            "address",
            "postcode",
            "city",
            "ordinary_employees",
            "employees_stated_on",
            "other_schemes_count",
        ]
        labels = {"name": _("Arbejdsstedets navn")}


class WorkplaceChoiceField(forms.ModelChoiceField):
    """Pick a workplace and see its capacity (used / allowed) as you pick."""

    def label_from_instance(self, obj: Workplace) -> str:
        return _("%(name)s (P-nr. %(p)s) – pladser i brug %(used)s / %(allowed)s") % {
            "name": obj.name,
            "p": obj.p_number,
            "used": obj.capacity_used,
            "allowed": obj.capacity_allowed,
        }


def workplace_choices(company: Company):
    return Workplace.objects.filter(company=company).with_capacity(clock.today())


def pick_workplace(form: forms.ModelForm, company: Company) -> None:
    """Narrow the workplace picker to the company; preselect the only one (fewer clicks)."""
    field = form.fields["workplace"]
    field.queryset = workplace_choices(company)
    # Wide enough that the capacity at the end of each choice is readable.
    field.widget.attrs["class"] += " input-width-xl"
    if not form.is_bound and not form.instance.pk:
        only = list(field.queryset.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            form.initial.setdefault("workplace", only[0])


class AgreementForm(jforms.ModelForm):
    class Meta:
        model = CooperationAgreement
        fields = [
            "workplace",
            "status",
            "start_date",
            "end_date",
            "signed_on",
            "signed_by",
            "places_offered",
            "tasks",
            "occupation_codes",
            "occupations_text",
            "notes",
        ]
        field_classes = {"workplace": WorkplaceChoiceField}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "signed_on": DATE,
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, company: Company, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pick_workplace(self, company)
        self.fields["places_offered"].widget.attrs["class"] += " input-width-xs"


class VisitForm(jforms.ModelForm):
    class Meta:
        model = CompanyVisit
        fields = ["visited_on", "consultant", "purpose", "notes", "next_step", "next_step_on"]
        widgets = {
            "visited_on": DATE,
            "next_step_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = User.objects.filter(
            municipality_id=user.municipality_id,
            is_active=True,
            role__in=roles_for("visit.edit"),
        ).order_by("first_name", "last_name")
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("consultant", user.pk)
            self.initial.setdefault("visited_on", clock.today())


class ContactPersonForm(SharedFieldsMixin, jforms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone", "workplace", "is_active"]
        field_classes = {"workplace": WorkplaceChoiceField}
        labels = {"workplace": _("Arbejdssted")}

    def __init__(self, *args, company: Company, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pick_workplace(self, company)


class TrainingForm(jforms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["course", "held_on", "completed"]
        widgets = {"held_on": DATE}


class MeetingForm(jforms.ModelForm):
    class Meta:
        model = ExperienceMeeting
        fields = ["held_on", "topic", "notes", "attendees"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Job contact persons at the municipality's own partner companies.
        self.fields["attendees"].queryset = (
            ContactPerson.objects.filter(
                workplace__company__in=Company.objects.known_by(user.municipality_id),
                is_active=True,
            )
            .select_related("workplace")
            .order_by("name")
        )
        self.fields["attendees"].widget.attrs["size"] = 10


class FollowUpSettingsForm(jforms.Form):
    visit_interval_months = forms.IntegerField(
        label=_("Besøg senest hver (måneder)"),
        min_value=1,
        max_value=60,
        error_messages={
            "min_value": _("Intervallet skal være mindst 1 måned."),
            "max_value": _("Intervallet kan højst være 60 måneder."),
        },
    )


class CompanySearchForm(jforms.Form):
    q = forms.CharField(label=_("Navn eller CVR-nummer"), required=False, max_length=100)
    industry = forms.CharField(label=_("Branche (kode eller tekst)"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Kendt af kommune"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Alle kommuner"),
    )
    free_capacity = forms.BooleanField(label=_("Har ledige pladser"), required=False)
    active_agreement = forms.BooleanField(label=_("Har aktiv samarbejdsaftale"), required=False)
    trained_contact = forms.BooleanField(label=_("Har uddannet jobkontaktperson"), required=False)
