"""The company consultant's pages: companies, workplaces, agreements, visits, contact persons."""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.access import can, check_company_edit, company_editable_by, get_for_user, require, scope
from jobbro.companies import services, sharing
from jobbro.companies.forms import (
    AgreementForm,
    CompanyForm,
    CompanySearchForm,
    ContactPersonForm,
    FirstWorkplaceForm,
    FollowUpSettingsForm,
    MeetingForm,
    TrainingForm,
    VisitForm,
    WorkplaceForm,
)
from jobbro.companies.models import (
    Company,
    CompanyFollowUpSettings,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    SharedChange,
    TrainingRecord,
    Workplace,
    months_before,
)
from jobbro.forms import add_service_errors
from jobbro.placements.models import Placement

PAGE_SIZE = 25
EXPIRING_DAYS = 30
GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("side"))


def _company(request: HttpRequest, company_id: int, *, edit: bool = False) -> Company:
    company = get_for_user(request.user, Company, "company.view", pk=company_id, log=None)
    if edit:
        check_company_edit(request.user, company)
    return company


def _form_page(request: HttpRequest, context: dict) -> HttpResponse:
    return render(request, "companies/form.html", context)


def _saved(form, save: Callable[[], object]) -> bool:
    """POST with a valid form: run the service; its refusals land at the fields."""
    try:
        save()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


def _locked(request: HttpRequest, obj) -> dict[str, str]:
    return sharing.locked_fields(request.user, obj, timezone.localdate())


# --- Companies -------------------------------------------------------------------------


def _search(request: HttpRequest, form: CompanySearchForm, today: date) -> QuerySet:
    m = request.user.municipality_id
    companies = Company.objects.with_flags(m, today).with_last_visit(m)
    if not form.is_valid():
        return companies.none()
    data = form.cleaned_data
    if q := data["q"].strip():
        digits = "".join(q.split())
        companies = (
            companies.filter(cvr__startswith=digits)
            if digits.isdigit()
            else companies.filter(name__icontains=q)
        )
    if industry := data["industry"].strip():
        companies = (
            companies.filter(industry_code__startswith=industry)
            if industry.isdigit()
            else companies.filter(industry_text__icontains=industry)
        )
    if data["municipality"]:
        companies = companies.known_by(data["municipality"].pk)
    for flag in ("free_capacity", "active_agreement", "trained_contact"):
        if data[flag]:
            companies = companies.filter(**{_FLAG_FIELDS[flag]: True})
    return companies.prefetch_related(
        Prefetch("workplaces", queryset=Workplace.objects.with_capacity(today)),
        Prefetch("relations", queryset=CompanyRelation.objects.select_related("municipality")),
    ).order_by("name", "pk")


_FLAG_FIELDS = {
    "free_capacity": "has_free_capacity",
    "active_agreement": "has_active_agreement",
    "trained_contact": "has_trained_contact",
}


@require_GET
@require("company.view")
def company_list(request: HttpRequest) -> HttpResponse:
    form = CompanySearchForm(request.GET or None)
    if not request.GET:
        form = CompanySearchForm({})
    today = timezone.localdate()
    page = _page(request, _search(request, form, today))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "companies/company_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": can(request.user, "company.create"),
        },
    )


@GET_POST
@require("company.create")
def company_create(request: HttpRequest) -> HttpResponse:
    form = CompanyForm(request.POST or None)
    workplace_form = FirstWorkplaceForm(request.POST or None, prefix="arbejdssted")
    if request.method == "POST" and form.is_valid() & workplace_form.is_valid():
        company = services.company_create(
            user=request.user, company=form.instance, workplace=workplace_form.instance
        )
        messages.success(request, _("Virksomheden er oprettet."))
        return redirect("companies:company_detail", company.pk)
    return render(
        request, "companies/company_create.html", {"form": form, "workplace_form": workplace_form}
    )


# Lazy: this list is built at import, and must follow each request's language.
TABS = [
    ("arbejdssteder", gettext_lazy("Arbejdssteder")),
    ("aftaler", gettext_lazy("Samarbejdsaftaler")),
    ("besoeg", gettext_lazy("Besøg")),
    ("jobkontaktpersoner", gettext_lazy("Jobkontaktpersoner")),
    ("aendringer", gettext_lazy("Ændringer")),
]


def _tab_rows(request: HttpRequest, company: Company, tab: str, today: date) -> QuerySet:
    user = request.user
    if tab == "aftaler":
        return (
            scope(user, CooperationAgreement.objects.filter(workplace__company=company))
            .with_state(today)
            .select_related("workplace")
        )
    if tab == "besoeg":
        return scope(user, CompanyVisit.objects.filter(company=company)).select_related(
            "consultant"
        )
    if tab == "aendringer":
        # Shared data: every municipality reading the company sees who changed what.
        return SharedChange.objects.filter(company=company).select_related("municipality")
    if tab == "jobkontaktpersoner":
        return (
            ContactPerson.objects.filter(workplace__company=company)
            .with_trained()
            .select_related("workplace")
        )
    return Workplace.objects.filter(company=company).with_capacity(today).order_by("name", "pk")


@require_GET
@require("company.view")
def company_detail(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id)
    today = timezone.localdate()
    m = request.user.municipality_id
    tab = request.GET.get("fane", "arbejdssteder")
    if tab not in dict(TABS):
        tab = "arbejdssteder"
    summary = Company.objects.with_last_visit(m).with_flags(m, today).get(pk=company.pk)
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": summary,
            "known_by": company.relations.select_related("municipality").order_by(
                "municipality__name"
            ),
            "tabs": TABS,
            "tab": tab,
            "page": _page(request, _tab_rows(request, company, tab, today)),
            "query": f"fane={tab}",
            "can_edit": company_editable_by(request.user, company),
            "can_relate": can(request.user, "company.edit") and not summary.is_ours,
            "today": today,
        },
    )


@GET_POST
@require("company.edit")
def company_edit(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = CompanyForm(request.POST or None, instance=company, locked=_locked(request, company))
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(form, lambda: services.company_update(user=request.user, company=form.instance))
    ):
        messages.success(request, _("Virksomheden er gemt."))
        return redirect("companies:company_detail", company.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ret virksomhed"),
            "company": company,
            "cancel": reverse("companies:company_detail", args=[company.pk]),
        },
    )


@require_POST
@require("company.edit")
def company_relate(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id)
    services.company_relate(user=request.user, company=company)
    messages.success(request, _("Virksomheden er tilføjet til jeres virksomheder."))
    return redirect("companies:company_detail", company.pk)


# --- Workplaces ------------------------------------------------------------------------


@GET_POST
@require("company.edit")
def workplace_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = WorkplaceForm(request.POST or None, instance=Workplace(company=company))
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form, lambda: services.workplace_save(user=request.user, workplace=form.instance)
        )
    ):
        messages.success(request, _("Arbejdsstedet er oprettet."))
        return redirect("companies:workplace_detail", form.instance.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Nyt arbejdssted"),
            "company": company,
            "cancel": reverse("companies:company_detail", args=[company.pk]),
        },
    )


def _workplace(request: HttpRequest, workplace_id: int, *, edit: bool = False) -> Workplace:
    workplace = get_for_user(
        request.user,
        Workplace.objects.select_related("company").with_capacity(timezone.localdate()),
        "company.view",
        pk=workplace_id,
        log=None,
    )
    if edit:
        check_company_edit(request.user, workplace.company)
    return workplace


@require_GET
@require("company.view")
def workplace_detail(request: HttpRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id)
    today = timezone.localdate()
    agreements = (
        scope(request.user, workplace.agreements.all()).with_state(today).order_by("-start_date")
    )
    return render(
        request,
        "companies/workplace_detail.html",
        {
            "workplace": workplace,
            "company": workplace.company,
            "capacity": services.workplace_capacity(workplace, today, today),
            "agreements": agreements[:50],
            "contact_persons": workplace.contact_persons.with_trained().order_by("name")[:50],
            "can_edit": company_editable_by(request.user, workplace.company),
            "show_candidates": can(request.user, "matching.view"),
        },
    )


@GET_POST
@require("company.edit")
def workplace_edit(request: HttpRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id, edit=True)
    form = WorkplaceForm(
        request.POST or None, instance=workplace, locked=_locked(request, workplace)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form, lambda: services.workplace_save(user=request.user, workplace=form.instance)
        )
    ):
        messages.success(request, _("Arbejdsstedet er gemt."))
        return redirect("companies:workplace_detail", workplace.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ret arbejdssted"),
            "company": workplace.company,
            "cancel": reverse("companies:workplace_detail", args=[workplace.pk]),
        },
    )


# --- Cooperation agreements (tenant) ---------------------------------------------------


@GET_POST
@require("agreement.edit")
def agreement_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = AgreementForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        agreement = services.agreement_save(user=request.user, agreement=form.instance)
        messages.success(request, _("Samarbejdsaftalen er gemt."))
        return redirect("companies:agreement_detail", agreement.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ny samarbejdsaftale"),
            "company": company,
            "cancel": reverse("companies:company_detail", args=[company.pk]) + "?fane=aftaler",
        },
    )


def _agreement(request: HttpRequest, agreement_id: int, action: str) -> CooperationAgreement:
    queryset = CooperationAgreement.objects.select_related("workplace__company", "created_by")
    return get_for_user(request.user, queryset, action, pk=agreement_id)


@require_GET
@require("agreement.view")
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id, "agreement.view")
    company = agreement.workplace.company
    return render(
        request,
        "companies/agreement_detail.html",
        {
            "agreement": agreement,
            "state": agreement.state_on(timezone.localdate()),
            "company": company,
            "can_edit": company_editable_by(request.user, company),
        },
    )


@GET_POST
@require("agreement.edit")
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id, "agreement.edit")
    company = agreement.workplace.company
    check_company_edit(request.user, company)
    form = AgreementForm(request.POST or None, instance=agreement, company=company)
    if request.method == "POST" and form.is_valid():
        services.agreement_save(user=request.user, agreement=form.instance)
        messages.success(request, _("Samarbejdsaftalen er gemt."))
        return redirect("companies:agreement_detail", agreement.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ret samarbejdsaftale"),
            "company": company,
            "cancel": reverse("companies:agreement_detail", args=[agreement.pk]),
        },
    )


@require_GET
@require("agreement.view")
def agreement_expiring(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agreements = (
        scope(request.user, CooperationAgreement.objects.expiring(today, EXPIRING_DAYS))
        .select_related("workplace__company")
        .order_by("end_date", "pk")
    )
    return render(
        request,
        "companies/agreement_expiring.html",
        {"page": _page(request, agreements), "days": EXPIRING_DAYS, "today": today},
    )


# --- Visits (tenant) -------------------------------------------------------------------


@GET_POST
@require("visit.edit")
def visit_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = VisitForm(
        request.POST or None, user=request.user, instance=CompanyVisit(company=company)
    )
    if request.method == "POST" and form.is_valid():
        services.visit_save(user=request.user, visit=form.instance)
        messages.success(request, _("Besøget er registreret."))
        return redirect(reverse("companies:company_detail", args=[company.pk]) + "?fane=besoeg")
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Registrér besøg"),
            "company": company,
            "cancel": reverse("companies:company_detail", args=[company.pk]) + "?fane=besoeg",
        },
    )


@require_GET
@require("visit.view")
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_for_user(
        request.user,
        CompanyVisit.objects.select_related("company", "consultant"),
        "visit.view",
        pk=visit_id,
    )
    return render(request, "companies/visit_detail.html", {"visit": visit})


@require_GET
@require("visit.view")
def not_visited(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    months = CompanyFollowUpSettings.interval_for(request.user.municipality_id)
    cutoff = months_before(today, months)
    companies = Company.objects.not_visited_since(request.user.municipality_id, cutoff).order_by(
        # Never visited first: the most overdue.
        F("last_visited").asc(nulls_first=True),
        "name",
        "pk",
    )
    return render(
        request,
        "companies/not_visited.html",
        {
            "page": _page(request, companies),
            "months": months,
            "cutoff": cutoff,
            "can_change": can(request.user, "companysettings.edit"),
        },
    )


@GET_POST
@require("companysettings.edit")
def followup_settings(request: HttpRequest) -> HttpResponse:
    current = CompanyFollowUpSettings.interval_for(request.user.municipality_id)
    form = FollowUpSettingsForm(request.POST or None, initial={"visit_interval_months": current})
    if request.method == "POST" and form.is_valid():
        services.followup_settings_save(
            user=request.user, visit_interval_months=form.cleaned_data["visit_interval_months"]
        )
        messages.success(request, _("Indstillingen er gemt."))
        return redirect("companies:not_visited")
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Hvor ofte skal virksomheder besøges?"),
            "cancel": reverse("companies:not_visited"),
        },
    )


# --- Job contact persons (shared) and their training and meetings (tenant) --------------


@GET_POST
@require("contactperson.edit")
def contact_person_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = ContactPersonForm(request.POST or None, company=company)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.contact_person_save(user=request.user, contact_person=form.instance),
        )
    ):
        messages.success(request, _("Jobkontaktpersonen er oprettet."))
        return redirect("companies:contact_person_detail", form.instance.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ny jobkontaktperson"),
            "company": company,
            "cancel": reverse("companies:company_detail", args=[company.pk])
            + "?fane=jobkontaktpersoner",
        },
    )


def _contact_person(request: HttpRequest, person_id: int, action: str) -> ContactPerson:
    queryset = ContactPerson.objects.select_related("workplace__company").with_trained()
    return get_for_user(request.user, queryset, action, pk=person_id)


@require_GET
@require("contactperson.view")
def contact_person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.view")
    company = person.workplace.company
    # Interns are citizens' data: only case staff, and only their own municipality's.
    interns = (
        scope(request.user, Placement.objects.filter(contact_person=person))
        .select_related("citizen", "course")
        .order_by("-start_on", "-id")[:50]
        if can(request.user, "placement.view")
        else Placement.objects.none()
    )
    return render(
        request,
        "companies/contact_person_detail.html",
        {
            "person": person,
            "company": company,
            "trainings": scope(request.user, TrainingRecord.objects.filter(contact_person=person)),
            "meetings": scope(
                request.user, ExperienceMeeting.objects.filter(attendees=person)
            ).order_by("-held_on")[:50],
            "can_edit": company_editable_by(request.user, company),
            "can_send_link": can(request.user, "portal.signin.contact")
            and sharing.works_with_contact_person(
                request.user.municipality_id, person, timezone.localdate()
            ),
            "changes": SharedChange.objects.filter(
                object_type="contactperson", object_id=person.pk
            ).select_related("municipality")[:10],
            "interns": interns,
            "show_interns": can(request.user, "placement.view"),
        },
    )


@GET_POST
@require("contactperson.edit")
def contact_person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.edit")
    company = person.workplace.company
    check_company_edit(request.user, company)
    form = ContactPersonForm(
        request.POST or None, instance=person, company=company, locked=_locked(request, person)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            form,
            lambda: services.contact_person_save(user=request.user, contact_person=form.instance),
        )
    ):
        messages.success(request, _("Jobkontaktpersonen er gemt."))
        return redirect("companies:contact_person_detail", person.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ret jobkontaktperson"),
            "company": company,
            "cancel": reverse("companies:contact_person_detail", args=[person.pk]),
        },
    )


@GET_POST
@require("contactperson.edit")
def training_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.edit")
    check_company_edit(request.user, person.workplace.company)
    form = TrainingForm(request.POST or None, instance=TrainingRecord(contact_person=person))
    if request.method == "POST" and form.is_valid():
        services.training_create(user=request.user, training=form.instance)
        messages.success(request, _("Opkvalificeringen er registreret."))
        return redirect("companies:contact_person_detail", person.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Registrér opkvalificering"),
            "company": person.workplace.company,
            "cancel": reverse("companies:contact_person_detail", args=[person.pk]),
        },
    )


@require_GET
@require("exchange_meeting.view")
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = (
        scope(request.user, ExperienceMeeting.objects.all())
        .annotate(attendee_count=Count("attendees"))
        .order_by("-held_on", "-pk")
    )
    return render(request, "companies/meeting_list.html", {"page": _page(request, meetings)})


@GET_POST
@require("exchange_meeting.edit")
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(
            user=request.user,
            meeting=form.instance,
            attendees=list(form.cleaned_data["attendees"]),
        )
        messages.success(request, _("Erfaringsudvekslingen er registreret."))
        return redirect("companies:meeting_detail", meeting.pk)
    return _form_page(
        request,
        {
            "forms": [form],
            "title": _("Ny erfaringsudveksling"),
            "cancel": reverse("companies:meeting_list"),
        },
    )


@require_GET
@require("exchange_meeting.view")
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_for_user(request.user, ExperienceMeeting, "exchange_meeting.view", pk=meeting_id)
    attendees = meeting.attendees.select_related("workplace__company").order_by("name")
    return render(
        request, "companies/meeting_detail.html", {"meeting": meeting, "attendees": attendees}
    )
