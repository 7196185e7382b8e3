"""The company consultant's pages: companies, workplaces, agreements, visits, contact
persons. Thin: decorator, lookup through the door, one service call (jobbro.web),
render or redirect."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro import sections
from jobbro.access import check_company_edit, company_editable_by, get_for_user, require, scope
from jobbro.companies import selectors, services, sharing
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
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    TrainingRecord,
    Workplace,
)
from jobbro.lib import clock
from jobbro.web import AuthedRequest, FormPage, act, edit_page, submitted

PAGE_SIZE = 25
EXPIRING_DAYS = 30
GET_POST = require_http_methods(["GET", "POST"])


def _page(request: AuthedRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("side"))


def _company(request: AuthedRequest, company_id: int, *, edit: bool = False) -> Company:
    company = get_for_user(request.user, Company, "company.view", pk=company_id, log=None)
    if edit:
        check_company_edit(request.user, company)
    return company


def _form_page(title: str, back: str, company: Company | None = None) -> FormPage:
    """A company edit page: breadcrumbs Virksomheder › company › title."""
    crumbs = [(_("Virksomheder"), reverse("companies:company_list"))]
    if company is not None:
        crumbs.append((company.name, reverse("companies:company_detail", args=[company.pk])))
    intro = f"{company.name} (CVR {company.cvr})" if company is not None else ""
    return FormPage(title=title, back=back, crumbs=crumbs, intro=intro)


def _detail(company: Company, tab: str = "") -> str:
    url = reverse("companies:company_detail", args=[company.pk])
    return f"{url}?fane={tab}" if tab else url


def _locked(request: AuthedRequest, obj: Company | Workplace | ContactPerson) -> dict[str, str]:
    return sharing.locked_fields(request.user, obj, clock.today())


# --- Companies -------------------------------------------------------------------------


@require_GET
@require("company.view")
def company_list(request: AuthedRequest) -> HttpResponse:
    form = CompanySearchForm(request.GET or {})
    data = form.cleaned_data if form.is_valid() else None
    companies = selectors.company_search(request.user.jobcenter_id, data, clock.today())
    query = request.GET.copy()
    query.pop("side", None)
    context = {"form": form, "page": _page(request, companies), "query": query.urlencode()}
    return render(request, "companies/company_list.html", context)


@GET_POST
@require("company.create")
def company_create(request: AuthedRequest) -> HttpResponse:
    form = CompanyForm(request.POST or None)
    workplace_form = FirstWorkplaceForm(request.POST or None, prefix="arbejdssted")
    company = submitted(
        request,
        [form, workplace_form],
        lambda data: services.company_create(
            user=request.user, company=form.instance, workplace=workplace_form.instance
        ),
        success=_("Virksomheden er oprettet."),
    )
    if company is not None:
        return redirect("companies:company_detail", company.pk)
    context = {"form": form, "workplace_form": workplace_form}
    return render(request, "companies/company_create.html", context)


# Lazy: this list is built at import, and must follow each request's language.
TABS = [
    ("arbejdssteder", gettext_lazy("Arbejdssteder")),
    ("aftaler", gettext_lazy("Samarbejdsaftaler")),
    ("besoeg", gettext_lazy("Besøg")),
    ("jobkontaktpersoner", gettext_lazy("Jobkontaktpersoner")),
    ("aendringer", gettext_lazy("Ændringer")),
]


@require_GET
@require("company.view")
def company_detail(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id)
    today = clock.today()
    tab = request.GET.get("fane", "arbejdssteder")
    tab = tab if tab in dict(TABS) else "arbejdssteder"
    summary = selectors.company_summary(company, request.user.jobcenter_id, today)
    context = {
        "company": summary,
        "known_by": company.relations.select_related("municipality").order_by("municipality__name"),
        "tabs": TABS,
        "tab": tab,
        "page": _page(request, selectors.company_tab(request.user, company, tab, today)),
        "query": f"fane={tab}",
        "can_edit": company_editable_by(request.user, company),
        "today": today,
    }
    return render(request, "companies/company_detail.html", context)


@GET_POST
@require("company.edit")
def company_edit(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = CompanyForm(request.POST or None, instance=company, locked=_locked(request, company))
    return edit_page(
        request,
        form,
        lambda data: services.company_update(user=request.user, company=form.instance),
        _form_page(_("Ret virksomhed"), _detail(company), company),
        success=_("Virksomheden er gemt."),
    )


@require_POST
@require("company.edit")
def company_relate(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id)
    return act(
        request,
        lambda: services.company_relate(user=request.user, company=company),
        success=_("Virksomheden er tilføjet til jeres virksomheder."),
        then=_detail(company),
    )


# --- Workplaces ------------------------------------------------------------------------


@GET_POST
@require("company.edit")
def workplace_create(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = WorkplaceForm(request.POST or None, instance=Workplace(company=company))
    return edit_page(
        request,
        form,
        lambda data: services.workplace_save(user=request.user, workplace=form.instance),
        _form_page(_("Nyt arbejdssted"), _detail(company), company),
        success=_("Arbejdsstedet er oprettet."),
        then=lambda workplace: reverse("companies:workplace_detail", args=[workplace.pk]),
    )


def _workplace(request: AuthedRequest, workplace_id: int, *, edit: bool = False) -> Workplace:
    workplace = get_for_user(
        request.user,
        Workplace.objects.select_related("company").with_capacity(clock.today()),
        "company.view",
        pk=workplace_id,
        log=None,
    )
    if edit:
        check_company_edit(request.user, workplace.company)
    return workplace


@require_GET
@require("company.view")
def workplace_detail(request: AuthedRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id)
    today = clock.today()
    agreements = scope(request.user, workplace.agreements.all()).with_state(today)
    context = {
        "workplace": workplace,
        "company": workplace.company,
        "capacity": services.workplace_capacity(workplace, today, today),
        "agreements": agreements.order_by("-start_date")[:50],
        "contact_persons": workplace.contact_persons.with_trained().order_by("name")[:50],
        "can_edit": company_editable_by(request.user, workplace.company),
        "sections": sections.render("companies.workplace", request, workplace, name="workplace"),
    }
    return render(request, "companies/workplace_detail.html", context)


@GET_POST
@require("company.edit")
def workplace_edit(request: AuthedRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id, edit=True)
    form = WorkplaceForm(
        request.POST or None, instance=workplace, locked=_locked(request, workplace)
    )
    return edit_page(
        request,
        form,
        lambda data: services.workplace_save(user=request.user, workplace=form.instance),
        _form_page(
            _("Ret arbejdssted"),
            reverse("companies:workplace_detail", args=[workplace.pk]),
            workplace.company,
        ),
        success=_("Arbejdsstedet er gemt."),
    )


# --- Cooperation agreements (tenant) ---------------------------------------------------


def _agreement_url(agreement: CooperationAgreement) -> str:
    return reverse("companies:agreement_detail", args=[agreement.pk])


@GET_POST
@require("agreement.edit")
def agreement_create(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = AgreementForm(request.POST or None, company=company)
    return edit_page(
        request,
        form,
        lambda data: services.agreement_save(user=request.user, agreement=form.instance),
        _form_page(_("Ny samarbejdsaftale"), _detail(company, "aftaler"), company),
        success=_("Samarbejdsaftalen er gemt."),
        then=_agreement_url,
    )


def _agreement(request: AuthedRequest, agreement_id: int, action: str) -> CooperationAgreement:
    return get_for_user(
        request.user,
        CooperationAgreement.objects.select_related("workplace__company", "created_by"),
        action,
        pk=agreement_id,
    )


@require_GET
@require("agreement.view")
def agreement_detail(request: AuthedRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id, "agreement.view")
    company = agreement.workplace.company
    context = {
        "agreement": agreement,
        "state": agreement.state_on(clock.today()),
        "company": company,
        "can_edit": company_editable_by(request.user, company),
    }
    return render(request, "companies/agreement_detail.html", context)


@GET_POST
@require("agreement.edit")
def agreement_edit(request: AuthedRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id, "agreement.edit")
    company = agreement.workplace.company
    check_company_edit(request.user, company)
    form = AgreementForm(request.POST or None, instance=agreement, company=company)
    return edit_page(
        request,
        form,
        lambda data: services.agreement_save(user=request.user, agreement=form.instance),
        _form_page(_("Ret samarbejdsaftale"), _agreement_url(agreement), company),
        success=_("Samarbejdsaftalen er gemt."),
    )


@require_GET
@require("agreement.view")
def agreement_expiring(request: AuthedRequest) -> HttpResponse:
    today = clock.today()
    agreements = (
        scope(request.user, CooperationAgreement.objects.expiring(today, EXPIRING_DAYS))
        .select_related("workplace__company")
        .order_by("end_date", "pk")
    )
    context = {"page": _page(request, agreements), "days": EXPIRING_DAYS, "today": today}
    return render(request, "companies/agreement_expiring.html", context)


# --- Visits (tenant) -------------------------------------------------------------------


@GET_POST
@require("visit.edit")
def visit_create(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = VisitForm(
        request.POST or None, user=request.user, instance=CompanyVisit(company=company)
    )
    return edit_page(
        request,
        form,
        lambda data: services.visit_save(user=request.user, visit=form.instance),
        _form_page(_("Registrér besøg"), _detail(company, "besoeg"), company),
        success=_("Besøget er registreret."),
    )


@require_GET
@require("visit.view")
def visit_detail(request: AuthedRequest, visit_id: int) -> HttpResponse:
    visit = get_for_user(
        request.user,
        CompanyVisit.objects.select_related("company", "consultant"),
        "visit.view",
        pk=visit_id,
    )
    return render(request, "companies/visit_detail.html", {"visit": visit})


@require_GET
@require("visit.view")
def not_visited(request: AuthedRequest) -> HttpResponse:
    companies, months, cutoff = selectors.not_visited(request.user.jobcenter_id, clock.today())
    context = {"page": _page(request, companies), "months": months, "cutoff": cutoff}
    return render(request, "companies/not_visited.html", context)


@GET_POST
@require("companysettings.edit")
def followup_settings(request: AuthedRequest) -> HttpResponse:
    current = get_for_user(request.user, CompanyFollowUpSettings, "companysettings.edit", log=None)
    form = FollowUpSettingsForm(
        request.POST or None, initial={"visit_interval_months": current.visit_interval_months}
    )
    return edit_page(
        request,
        form,
        lambda data: services.followup_settings_save(user=request.user, **data),
        _form_page(_("Hvor ofte skal virksomheder besøges?"), reverse("companies:not_visited")),
        success=_("Indstillingen er gemt."),
    )


# --- Job contact persons (shared) and their training and meetings (tenant) --------------


def _person_url(person: ContactPerson) -> str:
    return reverse("companies:contact_person_detail", args=[person.pk])


@GET_POST
@require("contactperson.edit")
def contact_person_create(request: AuthedRequest, company_id: int) -> HttpResponse:
    company = _company(request, company_id, edit=True)
    form = ContactPersonForm(request.POST or None, company=company)
    return edit_page(
        request,
        form,
        lambda data: services.contact_person_save(user=request.user, contact_person=form.instance),
        _form_page(_("Ny jobkontaktperson"), _detail(company, "jobkontaktpersoner"), company),
        success=_("Jobkontaktpersonen er oprettet."),
        then=_person_url,
    )


def _contact_person(request: AuthedRequest, person_id: int, action: str) -> ContactPerson:
    queryset = ContactPerson.objects.select_related("workplace__company").with_trained()
    return get_for_user(request.user, queryset, action, pk=person_id)


@require_GET
@require("contactperson.view")
def contact_person_detail(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.view")
    company = person.workplace.company
    meetings = scope(request.user, ExperienceMeeting.objects.filter(attendees=person))
    context = {
        "person": person,
        "company": company,
        "trainings": scope(request.user, TrainingRecord.objects.filter(contact_person=person)),
        "meetings": meetings.order_by("-held_on")[:50],
        "can_edit": company_editable_by(request.user, company),
        "changes": selectors.contact_person_changes(person),
        "sections": sections.render("companies.contact_person", request, person, name="person"),
    }
    return render(request, "companies/contact_person_detail.html", context)


@GET_POST
@require("contactperson.edit")
def contact_person_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.edit")
    company = person.workplace.company
    check_company_edit(request.user, company)
    form = ContactPersonForm(
        request.POST or None, instance=person, company=company, locked=_locked(request, person)
    )
    return edit_page(
        request,
        form,
        lambda data: services.contact_person_save(user=request.user, contact_person=form.instance),
        _form_page(_("Ret jobkontaktperson"), _person_url(person), company),
        success=_("Jobkontaktpersonen er gemt."),
    )


@GET_POST
@require("contactperson.edit")
def training_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _contact_person(request, person_id, "contactperson.edit")
    check_company_edit(request.user, person.workplace.company)
    form = TrainingForm(request.POST or None, instance=TrainingRecord(contact_person=person))
    return edit_page(
        request,
        form,
        lambda data: services.training_create(user=request.user, training=form.instance),
        _form_page(_("Registrér opkvalificering"), _person_url(person), person.workplace.company),
        success=_("Opkvalificeringen er registreret."),
    )


@require_GET
@require("exchange_meeting.view")
def meeting_list(request: AuthedRequest) -> HttpResponse:
    meetings = (
        scope(request.user, ExperienceMeeting.objects.all())
        .annotate(attendee_count=Count("attendees"))
        .order_by("-held_on", "-pk")
    )
    return render(request, "companies/meeting_list.html", {"page": _page(request, meetings)})


@GET_POST
@require("exchange_meeting.edit")
def meeting_create(request: AuthedRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, user=request.user)
    return edit_page(
        request,
        form,
        lambda data: services.meeting_save(
            user=request.user, meeting=form.instance, attendees=list(data["attendees"])
        ),
        _form_page(_("Ny erfaringsudveksling"), reverse("companies:meeting_list")),
        success=_("Erfaringsudvekslingen er registreret."),
        then=lambda meeting: reverse("companies:meeting_detail", args=[meeting.pk]),
    )


@require_GET
@require("exchange_meeting.view")
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = get_for_user(request.user, ExperienceMeeting, "exchange_meeting.view", pk=meeting_id)
    attendees = meeting.attendees.select_related("workplace__company").order_by("name")
    context = {"meeting": meeting, "attendees": attendees}
    return render(request, "companies/meeting_detail.html", context)
