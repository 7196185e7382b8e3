"""Course views: worklists, the course page and each action on it, information meetings
and the jobcenter's settings. Thin: decorator, lookup through the door, one service call
(jobbro.web), render or redirect."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro import sections
from jobbro.access import can, get_for_user, require, scope, search_for_user
from jobbro.cases import course_page, forms, selectors, services
from jobbro.cases.models import (
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    InformationMeeting,
    MunicipalitySettings,
)
from jobbro.citizens.forms import TargetGroupForm
from jobbro.citizens.models import Citizen, TargetGroup
from jobbro.citizens.services import target_group_create
from jobbro.lib import clock
from jobbro.web import AuthedRequest, FormPage, act, edit_page, posted, submitted

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "POST"])


# -- worklists ---------------------------------------------------------------------


def worklist_context(request: AuthedRequest, *, mine: bool) -> dict[str, Any]:
    """'Mine forløb' (mine=True) or the municipality's list, filtered, searched, paged;
    every showing is a logged search with its criteria."""
    user = request.user
    today = clock.today()
    form = forms.WorklistFilterForm(request.GET or None, municipality_id=user.jobcenter_id)
    filters = form.cleaned_data if form.is_valid() else None
    page = search_for_user(
        user,
        selectors.worklist(
            limits=selectors.waiting_limits(user.jobcenter_id),
            today=today,
            filters=filters,
            mine_of=user.pk if mine else None,
        ),
        "course.list",
        criteria={k: str(v) for k, v in (filters or {}).items() if v not in ("", None, False)},
        page=request.GET.get("side"),
        purpose="course.list",
    )
    selectors.with_due_labels(page.object_list, today)
    query = request.GET.copy()
    query.pop("side", None)
    return {"page": page, "filter_form": form, "query": query.urlencode(), "mine": mine}


def course_figures(request: AuthedRequest) -> dict[str, Any]:
    return selectors.course_figures(request.user, clock.today())


@require_GET
@require("course.list")
def course_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "cases/course_list.html", worklist_context(request, mine=False))


# -- create ------------------------------------------------------------------------


@GET_POST
@require("course.create")
def course_create(request: AuthedRequest) -> HttpResponse:
    """'Ny borger / nyt forløb': the citizen and the course in one step (visitation)."""
    user = request.user
    initial: dict[str, Any] = {"visitation_on": clock.today()}
    if can(user, "course.caseworker"):
        initial["caseworker"] = user.pk
    form = forms.CitizenCourseForm(
        request.POST or None, initial=initial, municipality_id=user.jobcenter_id
    )
    course = submitted(
        request,
        form,
        lambda data: services.citizen_course_create(by=user, **form.service_kwargs()),
        success=_("Borgeren og forløbet er oprettet."),
    )
    if course is not None:
        return redirect("cases:course_detail", course.pk)
    return render(request, "cases/course_create.html", {"form": form})


@require_POST
@require("course.create")
def citizen_course_start(request: AuthedRequest, citizen_id: int) -> HttpResponse:
    """A new course for a citizen whose earlier course is closed (the citizen list)."""
    citizen = get_for_user(request.user, Citizen, "course.create", pk=citizen_id)
    return act(
        request,
        lambda: services.course_create(
            by=request.user, citizen=citizen, visitation_on=clock.today()
        ),
        success=_("Et nyt forløb er oprettet."),
        then=lambda course: reverse("cases:course_detail", args=[course.pk]),
        refused=reverse("citizens:citizen_list"),
    )


# -- the course page ---------------------------------------------------------------


def _course(request: AuthedRequest, course_id: int, action: str) -> Course:
    return get_for_user(
        request.user,
        Course.objects.select_related(
            "citizen", "citizen__target_group", "caseworker", "consultant"
        ),
        action,
        pk=course_id,
    )


@require_GET
@require("course.view")
def course_detail(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.view")
    today = clock.today()
    slots = sections.render(course_page.COURSE_PAGE, request, course, name="course")
    context = selectors.course_page(course, today) | {"sections": slots}
    return render(request, "cases/course_detail.html", context)


def _page(course: Course, title: str, submit: str, intro: str = "") -> FormPage:
    """An edit page of the course: back to the course page."""
    return FormPage(
        title=title,
        back=reverse("cases:course_detail", args=[course.pk]),
        back_label=_("Tilbage til forløbet"),
        submit=submit,
        intro=intro,
    )


@GET_POST
@require("course.edit")
def course_visitation(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.VisitationForm(
        request.POST or None, instance=course, initial={"version": course.version}
    )
    return edit_page(
        request,
        form,
        lambda data: services.course_visitation_update(
            by=request.user, course=course, version=data["version"], fields=data
        ),
        _page(course, _("Visitation af %(name)s") % {"name": course.citizen}, _("Gem visitation")),
        success=_("Visitationen er gemt."),
    )


@GET_POST
@require("course.edit")
def course_transition(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.TransitionForm(
        request.POST or None,
        course=course,
        initial={"version": course.version, "to_phase": request.GET.get("til")},
    )
    return edit_page(
        request,
        form,
        lambda data: services.course_transition(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(
            course,
            _("Skift fase for %(name)s") % {"name": course.citizen},
            _("Skift fase"),
            intro=_("Nuværende fase: %(phase)s") % {"phase": course.get_phase_display()},
        ),
        success=_("Forløbet har skiftet fase."),
    )


@GET_POST
@require("course.edit")
def course_assign(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    initial = {"caseworker": course.caseworker_id, "consultant": course.consultant_id}
    form = forms.AssignForm(
        request.POST or None,
        municipality_id=course.municipality_id,
        initial={"version": course.version, **initial},
    )
    return edit_page(
        request,
        form,
        lambda data: services.course_assign(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(course, _("Tildel medarbejdere"), _("Gem tildeling")),
        success=_("Tildelingen er gemt."),
    )


@GET_POST
@require("course.edit")
def course_close(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    # ?resultat=job_same_company: the final conversation leads here with the outcome chosen.
    form = forms.CloseForm(
        request.POST or None,
        initial={"version": course.version, "outcome": request.GET.get("resultat")},
    )
    return edit_page(
        request,
        form,
        lambda data: services.course_close(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(
            course, _("Afslut forløb for %(name)s") % {"name": course.citizen}, _("Afslut forløb")
        ),
        success=_("Forløbet er afsluttet."),
    )


@GET_POST
@require("course.reopen")
def course_reopen(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.reopen")
    return edit_page(
        request,
        forms.ReopenForm(request.POST or None, initial={"version": course.version}),
        lambda data: services.course_reopen(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(
            course, _("Genåbn forløb for %(name)s") % {"name": course.citizen}, _("Genåbn forløb")
        ),
        success=_("Forløbet er genåbnet."),
    )


# -- timeline: notes and contacts --------------------------------------------------


@GET_POST
@require("course.edit")
def note_create(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    retter = request.GET.get("retter") or request.POST.get("retter")
    corrects = None
    if retter:
        corrects = get_for_user(
            request.user,
            CourseEvent.objects.filter(course=course, kind=CourseEvent.Kind.NOTE),
            "course.edit",
            log=None,
            pk=retter,
        )
    title = _("Nyt journalnotat") if corrects is None else _("Ret notat med et nyt notat")
    return edit_page(
        request,
        forms.NoteForm(request.POST or None, initial={"retter": retter}),
        lambda data: services.course_note_add(
            by=request.user,
            course=course,
            text=data["text"],
            corrects=corrects,
            today=clock.today(),
        ),
        _page(course, title, _("Gem notat")),
        success=_("Notatet er gemt."),
    )


@GET_POST
@require("course.edit")
def note_edit(request: AuthedRequest, note_id: int) -> HttpResponse:
    note = get_for_user(
        request.user,
        CourseEvent.objects.filter(kind=CourseEvent.Kind.NOTE).select_related("course"),
        "course.edit",
        pk=note_id,
    )
    return edit_page(
        request,
        forms.NoteForm(request.POST or None, initial={"text": note.text}),
        lambda data: services.course_note_edit(by=request.user, note=note, text=data["text"]),
        _page(note.course, _("Ret notat"), _("Gem notat")),
        success=_("Notatet er rettet."),
    )


@GET_POST
@require("course.edit")
def contact_create(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    kind = request.GET.get("type", CourseEvent.Kind.COMPANY_CONTACT)
    form = forms.ContactForm(
        request.POST or None, initial={"occurred_on": clock.today(), "kind": kind}
    )
    return edit_page(
        request,
        form,
        lambda data: services.course_contact_record(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(course, _("Registrér kontakt"), _("Gem kontakt")),
        success=_("Kontakten er registreret."),
    )


# -- homework ----------------------------------------------------------------------


@GET_POST
@require("course.edit")
def homework_create(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    return edit_page(
        request,
        forms.HomeworkForm(request.POST or None, municipality_id=course.municipality_id),
        lambda data: services.homework_assign(
            by=request.user, course=course, today=clock.today(), **data
        ),
        _page(course, _("Nyt hjemmearbejde"), _("Giv opgaven")),
        success=_("Hjemmearbejdet er givet."),
    )


@GET_POST
@require("course.edit")
def homework_update(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = get_for_user(
        request.user,
        HomeworkItem.objects.select_related("course__citizen"),
        "course.edit",
        pk=item_id,
    )
    wishes = item.kind == HomeworkTemplate.Kind.WISH_WORKPLACES
    initial = {"status": item.status, "answer": item.answer}
    if wishes:
        initial |= forms.wish_initial(item.course.citizen)
    form = forms.HomeworkUpdateForm(request.POST or None, initial=initial, wish_workplaces=wishes)
    return edit_page(
        request,
        form,
        lambda data: services.homework_update(
            by=request.user,
            item=item,
            status=data["status"],
            answer=data["answer"],
            wish_workplaces=form.wish_rows(),
        ),
        _page(item.course, item.description, _("Gem")),
        success=_("Hjemmearbejdet er opdateret."),
    )


# -- information meetings ----------------------------------------------------------


@GET_POST
@require("meeting.list")
def meeting_list(request: AuthedRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None)
    meeting = submitted(
        request,
        form,
        lambda data: services.meeting_create(by=request.user, **data),
        success=_("Informationsmødet er oprettet."),
    )
    if meeting is not None:
        return redirect("cases:meeting_detail", meeting.pk)
    meetings = scope(request.user, InformationMeeting.objects.all()).annotate(
        invited=Count("invitations"),
        attended_count=Count("invitations", filter=Q(invitations__attended=True)),
    )
    page = Paginator(meetings.order_by("-starts_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(request, "cases/meeting_list.html", {"page": page, "form": form})


def _meeting_saved(
    request: AuthedRequest,
    meeting: InformationMeeting,
    invite_form: forms.InviteForm,
    attendance_form: forms.AttendanceForm,
) -> bool:
    """The page's two forms: invite citizens, or record who came."""
    invited = submitted(
        request,
        invite_form,
        lambda d: services.meeting_invite(
            by=request.user, meeting=meeting, citizens=[*d["citizens"]]
        ),
        success=_("Borgerne er inviteret."),
    )
    attended = submitted(
        request,
        attendance_form,
        lambda d: services.meeting_attendance_record(
            by=request.user, meeting=meeting, attended_citizen_ids={c.pk for c in d["attended"]}
        ),
        success=_("Fremmødet er gemt."),
    )
    return invited is not None or attended is not None


@GET_POST
@require("meeting.view")
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = get_for_user(user, InformationMeeting, "meeting.view", pk=meeting_id)
    invitations = meeting.invitations.select_related("citizen")
    invited_ids = [i.citizen_id for i in invitations]
    invite_form = forms.InviteForm(
        posted(request, "invite"), queryset=scope(user, selectors.meeting_candidates(invited_ids))
    )
    attendance_form = forms.AttendanceForm(
        posted(request, "attendance"),
        queryset=scope(user, Citizen.objects.filter(pk__in=invited_ids)),
        initial={"attended": [i.citizen_id for i in invitations if i.attended]},
    )
    if _meeting_saved(request, meeting, invite_form, attendance_form):
        return redirect("cases:meeting_detail", meeting.pk)
    context = {
        "meeting": meeting,
        "invitations": invitations,
        "free": meeting.capacity - len(invited_ids),
        "invite_form": invite_form,
        "attendance_form": attendance_form,
    }
    return render(request, "cases/meeting_detail.html", context)


# -- the municipality's settings ---------------------------------------------------


def _reminders_message(found: MunicipalitySettings) -> str:
    if found.reminders_enabled:
        return _("Påmindelserne er slået til.")
    return _("Påmindelserne er slået fra.")


@GET_POST
@require("settings.edit")
def settings_edit(request: AuthedRequest) -> HttpResponse:
    user = request.user
    current = get_for_user(user, MunicipalitySettings, "settings.edit", log=None)
    form = forms.SettingsForm(posted(request, "limits"), instance=current)
    group_form = TargetGroupForm(posted(request, "target_group"))
    reminders_form = forms.RemindersForm(posted(request, "reminders"), instance=current)
    saved = [
        submitted(
            request,
            form,
            lambda d: services.settings_update(by=user, **d),
            success=_("Fristerne er gemt."),
        ),
        submitted(
            request,
            group_form,
            lambda d: target_group_create(by=user, **d),
            success=_("Målgruppen er tilføjet."),
        ),
        submitted(
            request,
            reminders_form,
            lambda d: services.reminders_set(by=user, **d),
            success=_reminders_message,
        ),
    ]
    if any(result is not None for result in saved):
        return redirect("cases:settings")
    context = {
        "form": form,
        "group_form": group_form,
        "reminders_form": reminders_form,
        "groups": scope(user, TargetGroup.objects.all()),
        "templates": scope(user, HomeworkTemplate.objects.all()),
    }
    return render(request, "cases/settings.html", context)


@GET_POST
@require("settings.edit")
def homework_template_edit(request: AuthedRequest, template_id: int | None = None) -> HttpResponse:
    template = None
    if template_id:
        template = get_for_user(
            request.user, HomeworkTemplate, "settings.edit", log=None, pk=template_id
        )
    return edit_page(
        request,
        forms.HomeworkTemplateForm(request.POST or None, instance=template),
        lambda data: services.homework_template_save(by=request.user, template=template, **data),
        FormPage(
            title=_("Skabelon for hjemmearbejde"),
            back=reverse("cases:settings"),
            back_label=_("Tilbage til indstillingerne"),
            submit=_("Gem skabelon"),
        ),
        success=_("Skabelonen er gemt."),
    )
