"""Course views: worklists, the course page and each action on it. Thin: the door,
one service call, render or redirect."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.access import get_for_user, log_access, require, scope
from jobbro.accounts.models import AccessLog
from jobbro.cases import forms, services
from jobbro.cases.models import (
    NEXT_ACTION_LABELS,
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    InformationMeeting,
    MunicipalitySettings,
    Phase,
)
from jobbro.cases.timeline import course_timeline
from jobbro.cases.transitions import allowed_targets
from jobbro.citizens.models import Citizen, TargetGroup
from jobbro.forms import add_service_errors
from jobbro.web import form_page, run_service

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "POST"])


def _today() -> date:
    return timezone.localdate()


# -- worklists ---------------------------------------------------------------------


def worklist_context(request: HttpRequest, *, mine: bool) -> dict:
    """'Mine forløb' (mine=True) or the municipality's list, filtered, searched, paged."""
    user = request.user
    today = _today()
    limits = MunicipalitySettings.for_municipality(user.municipality_id).limits
    form = forms.WorklistFilterForm(request.GET or None, municipality_id=user.municipality_id)
    courses = scope(user, Course.objects.all()).with_due(limits)
    if mine:
        courses = courses.of_staff(user.pk)
    criteria: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        courses = courses.filter(phase=data["phase"]) if data["phase"] else courses.open()
        if data["overdue"]:
            courses = courses.overdue(today)
        if data["staff"]:
            courses = courses.of_staff(data["staff"].pk)
        if data["target_group"]:
            courses = courses.filter(citizen__target_group=data["target_group"])
        if data["q"].strip():
            courses = courses.filter(citizen__in=Citizen.objects.search(data["q"]))
            criteria = {k: str(v) for k, v in data.items() if v not in ("", None, False)}
    else:
        courses = courses.open()
    courses = courses.select_related(
        "citizen", "citizen__target_group", "caseworker", "consultant"
    ).worklist_order()
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("side"))
    for course in page:
        course.days_overdue = (today - course.due_on).days if course.due_on else 0
        course.next_action_label = NEXT_ACTION_LABELS.get(course.next_action, "")
    if criteria:
        # Datatilsynet: every search of personal data is logged with its criteria.
        log_access(
            user,
            AccessLog.Action.SEARCH,
            object_type="cases.Course",
            criteria=criteria,
            purpose="course.list",
            citizen_ids=[c.citizen_id for c in page],
        )
    query = request.GET.copy()
    query.pop("side", None)
    return {"page": page, "filter_form": form, "query": query.urlencode(), "mine": mine}


def course_figures(request: HttpRequest) -> dict:
    """The manager's overview: open courses per phase and how many are overdue (in SQL)."""
    from django.db.models import Count, Q

    user = request.user
    limits = MunicipalitySettings.for_municipality(user.municipality_id).limits
    courses = scope(user, Course.objects.open()).with_due(limits)
    rows = (
        courses.order_by()
        .values("phase")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(due_on__lt=_today())))
    )
    by_phase = {row["phase"]: row for row in rows}  # one query, at most five rows
    totals = {
        "open": sum(row["n"] for row in by_phase.values()),
        "overdue": sum(row["overdue"] for row in by_phase.values()),
    }
    phases = [
        {"label": Phase(p).label, "count": by_phase.get(p, {}).get("n", 0)}
        for p in Phase.values[:-1]
    ]
    return {"course_totals": totals, "courses_by_phase": phases}


@require_GET
@require("course.list")
def course_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/course_list.html", worklist_context(request, mine=False))


# -- create ------------------------------------------------------------------------


@GET_POST
@require("course.create")
def course_create(request: HttpRequest) -> HttpResponse:
    municipality_id = request.user.municipality_id
    services.target_groups_ensure(municipality_id=municipality_id)
    initial = {"visitation_on": _today()}
    if request.user.role == "caseworker":
        initial["caseworker"] = request.user.pk
    default_group = TargetGroup.objects.filter(
        municipality_id=municipality_id, code="dagpenge"
    ).first()
    initial["target_group"] = default_group.pk if default_group else None
    form = forms.CitizenCourseForm(
        request.POST or None, initial=initial, municipality_id=municipality_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        citizen_fields = {name: data[name] for name in forms.CITIZEN_FIELDS}
        try:
            course = services.citizen_course_create(
                by=request.user,
                citizen_fields=citizen_fields,
                visitation_on=data["visitation_on"],
                caseworker=data["caseworker"],
                consultant=data["consultant"],
                voluntary=data["voluntary"],
                motivation_notes=data["motivation_notes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Borgeren og forløbet er oprettet."))
            return redirect("cases:course_detail", course.pk)
    return render(request, "cases/course_create.html", {"form": form})


# -- the course page ---------------------------------------------------------------


def _course(request: HttpRequest, course_id: int, action: str, log=AccessLog.Action.READ):
    return get_for_user(
        request.user,
        Course.objects.select_related(
            "citizen", "citizen__target_group", "caseworker", "consultant"
        ),
        action,
        log=log,
        pk=course_id,
    )


@require_GET
@require("course.view")
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.view")
    today = _today()
    due = course.due(MunicipalitySettings.for_municipality(course.municipality_id).limits)
    context = {
        "course": course,
        "citizen": course.citizen,
        "due": due,
        "due_label": NEXT_ACTION_LABELS.get(due.action, "") if due else "",
        "overdue_days": due.days_overdue(today) if due else 0,
        "timeline": course_timeline(course),
        "homework": course.homework.all(),
        "wishes": course.citizen.wish_workplaces.all(),
        "long_term": course.citizen.is_long_term_unemployed(today=today),
        "targets": [Phase(p) for p in allowed_targets(course.phase)],
        "now": timezone.now(),
        **_placement_context(request, course, today),
        "contacted": course.contact_attempts.values("workplace").distinct().count(),
    }
    return render(request, "cases/course_detail.html", context)


def _placement_context(request: HttpRequest, course: Course, today: date) -> dict:
    """The "Praktik" section: the newest placement's summary (a fixed number of queries),
    or the button to create one while the course is in matching or preparation."""
    from jobbro.access import can
    from jobbro.placements.models import Placement
    from jobbro.placements.services import placement_summary

    newest = (
        scope(request.user, Placement.objects.filter(course=course))
        .select_related("workplace__company", "contact_person")
        .order_by("-created_at", "-id")
        .first()
    )
    current = newest if newest is not None and newest.is_current else None
    return {
        "placement": placement_summary(newest, today) if newest else None,
        "can_create_placement": current is None
        and course.phase in (Phase.MATCHING, Phase.PREPARATION)
        and can(request.user, "placement.create"),
    }


def _back(course: Course) -> str:
    return reverse("cases:course_detail", args=[course.pk])


def _course_action(request, course, form, run, *, title, submit, success, intro=""):
    """Run the service from the form, or show the form with its refusals."""
    done = run_service(request, form, run, success=success, back=_back(course))
    return done or form_page(
        request, form, title=title, submit=submit, back=_back(course), intro=intro
    )


@GET_POST
@require("course.edit")
def course_visitation(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.VisitationForm(
        request.POST or None, instance=course, initial={"version": course.version}
    )

    def run(data):
        fields = {k: v for k, v in data.items() if k != "version"}
        services.course_visitation_update(
            by=request.user, course=course, version=data["version"], fields=fields
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Visitation af %(name)s") % {"name": course.citizen},
        submit=_("Gem visitation"),
        success=_("Visitationen er gemt."),
    )


@GET_POST
@require("course.edit")
def course_transition(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.TransitionForm(
        request.POST or None,
        course=course,
        initial={"version": course.version, "to_phase": request.GET.get("til")},
    )

    def run(data):
        services.course_transition(
            by=request.user,
            course=course,
            version=data["version"],
            to_phase=data["to_phase"],
            reason=data["reason"],
            today=_today(),
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Skift fase for %(name)s") % {"name": course.citizen},
        intro=_("Nuværende fase: %(phase)s") % {"phase": course.get_phase_display()},
        submit=_("Skift fase"),
        success=_("Forløbet har skiftet fase."),
    )


@GET_POST
@require("course.edit")
def course_assign(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.AssignForm(
        request.POST or None,
        municipality_id=course.municipality_id,
        initial={
            "version": course.version,
            "caseworker": course.caseworker_id,
            "consultant": course.consultant_id,
        },
    )

    def run(data):
        services.course_assign(
            by=request.user,
            course=course,
            version=data["version"],
            caseworker=data["caseworker"],
            consultant=data["consultant"],
            today=_today(),
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Tildel medarbejdere"),
        submit=_("Gem tildeling"),
        success=_("Tildelingen er gemt."),
    )


@GET_POST
@require("course.edit")
def course_close(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    # ?resultat=job_same_company: the final conversation leads here with the outcome chosen.
    outcome = request.GET.get("resultat")
    form = forms.CloseForm(
        request.POST or None, initial={"version": course.version, "outcome": outcome}
    )

    def run(data):
        try:
            services.course_close(
                by=request.user,
                course=course,
                version=data["version"],
                outcome=data["outcome"],
                reason=data["reason"],
                upskilling=data["upskilling"],
                hours_per_week=data["hours_per_week"],
                start_on=data["start_on"],
                programme=data["programme"],
                today=_today(),
            )
        except services.CourseChanged:
            raise
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise ValidationError(
                    {forms.CLOSE_FIELD_NAMES.get(k, k): v for k, v in exc.error_dict.items()}
                ) from None
            raise

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Afslut forløb for %(name)s") % {"name": course.citizen},
        submit=_("Afslut forløb"),
        success=_("Forløbet er afsluttet."),
    )


@GET_POST
@require("course.reopen")
def course_reopen(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.reopen")
    form = forms.ReopenForm(request.POST or None, initial={"version": course.version})

    def run(data):
        services.course_reopen(
            by=request.user,
            course=course,
            version=data["version"],
            reason=data["reason"],
            today=_today(),
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Genåbn forløb for %(name)s") % {"name": course.citizen},
        submit=_("Genåbn forløb"),
        success=_("Forløbet er genåbnet."),
    )


@GET_POST
@require("course.edit")
def note_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    corrects = None
    if request.GET.get("retter") or request.POST.get("retter"):
        corrects = get_for_user(
            request.user,
            CourseEvent.objects.filter(course=course, kind="note"),
            "course.edit",
            log=None,
            pk=request.GET.get("retter") or request.POST.get("retter"),
        )
    form = forms.NoteForm(request.POST or None)

    def run(data):
        services.course_note_add(
            by=request.user, course=course, text=data["text"], corrects=corrects, today=_today()
        )

    title = _("Nyt journalnotat") if corrects is None else _("Ret notat med et nyt notat")
    return _course_action(
        request,
        course,
        form,
        run,
        title=title,
        submit=_("Gem notat"),
        success=_("Notatet er gemt."),
    )


@GET_POST
@require("course.edit")
def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_for_user(
        request.user,
        CourseEvent.objects.filter(kind="note").select_related("course"),
        "course.edit",
        pk=note_id,
    )
    form = forms.NoteForm(request.POST or None, initial={"text": note.text})

    def run(data):
        services.course_note_edit(by=request.user, note=note, text=data["text"])

    return _course_action(
        request,
        note.course,
        form,
        run,
        title=_("Ret notat"),
        submit=_("Gem notat"),
        success=_("Notatet er rettet."),
    )


@GET_POST
@require("course.edit")
def contact_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    form = forms.ContactForm(
        request.POST or None,
        initial={"occurred_on": _today(), "kind": request.GET.get("type", "company_contact")},
    )

    def run(data):
        services.course_contact_record(
            by=request.user,
            course=course,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            text=data["text"],
            today=_today(),
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Registrér kontakt"),
        submit=_("Gem kontakt"),
        success=_("Kontakten er registreret."),
    )


@GET_POST
@require("course.edit")
def homework_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "course.edit")
    services.homework_templates_ensure(municipality_id=course.municipality_id)
    form = forms.HomeworkForm(request.POST or None, municipality_id=course.municipality_id)

    def run(data):
        services.homework_assign(
            by=request.user,
            course=course,
            template=data["template"],
            description=data["description"],
            due_on=data["due_on"],
            today=_today(),
        )

    return _course_action(
        request,
        course,
        form,
        run,
        title=_("Nyt hjemmearbejde"),
        submit=_("Giv opgaven"),
        success=_("Hjemmearbejdet er givet."),
    )


@GET_POST
@require("course.edit")
def homework_update(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_for_user(
        request.user,
        HomeworkItem.objects.select_related("course__citizen"),
        "course.edit",
        pk=item_id,
    )
    wishes = item.kind == HomeworkTemplate.Kind.WISH_WORKPLACES
    initial = {"status": item.status, "answer": item.answer}
    if wishes:
        for wish in item.course.citizen.wish_workplaces.all():
            n = wish.position
            initial |= {
                f"wish_{n}_name": wish.company_name,
                f"wish_{n}_cvr": wish.cvr,
                f"wish_{n}_why": wish.why,
            }
    form = forms.HomeworkUpdateForm(request.POST or None, initial=initial, wish_workplaces=wishes)

    def run(data):
        services.homework_update(
            by=request.user,
            item=item,
            status=data["status"],
            answer=data["answer"],
            wish_workplaces=form.wish_rows(),
        )

    return _course_action(
        request,
        item.course,
        form,
        run,
        title=item.description,
        submit=_("Gem"),
        success=_("Hjemmearbejdet er opdateret."),
    )


# -- citizen -----------------------------------------------------------------------


@require_GET
@require("citizen.view")
def citizen_list(request: HttpRequest) -> HttpResponse:
    """All the jobcenter's citizens, searchable; every search is logged with its criteria."""
    from django.db.models import Exists, OuterRef

    user = request.user
    form = forms.CitizenSearchForm(request.GET or None)
    open_course = Course.objects.open().filter(citizen=OuterRef("pk"))
    citizens = scope(user, Citizen.objects.all()).annotate(
        open_course_id=open_course.values("pk")[:1], has_open=Exists(open_course)
    )
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        citizens = citizens.search(query)
    page = Paginator(
        citizens.select_related("target_group").order_by("last_name", "first_name", "id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("side"))
    if query:
        log_access(
            user,
            AccessLog.Action.SEARCH,
            object_type="citizens.Citizen",
            criteria={"q": query},
            purpose="citizen.list",
            citizen_ids=[c.pk for c in page],
        )
    params = request.GET.copy()
    params.pop("side", None)
    return render(
        request,
        "cases/citizen_list.html",
        {"page": page, "form": form, "query": params.urlencode()},
    )


@require_http_methods(["POST"])
@require("course.create")
def citizen_course_start(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """A new course for a citizen whose earlier course is closed."""
    citizen = get_for_user(request.user, Citizen, "course.create", pk=citizen_id)
    try:
        course = services.course_create(by=request.user, citizen=citizen, visitation_on=_today())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:citizen_list")
    messages.success(request, _("Et nyt forløb er oprettet."))
    return redirect("cases:course_detail", course.pk)


@GET_POST
@require("citizen.edit")
def citizen_edit(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = get_for_user(request.user, Citizen, "citizen.edit", pk=citizen_id)
    services.target_groups_ensure(municipality_id=citizen.municipality_id)
    form = forms.CitizenForm(
        request.POST or None, instance=citizen, municipality_id=citizen.municipality_id
    )
    course = citizen.courses.order_by("-created_at").first()
    back = _back(course) if course else reverse("cases:course_list")
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.citizen_update(by=request.user, citizen=citizen, fields=fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Borgerens oplysninger er gemt."))
            return redirect(back)
    return form_page(
        request,
        form,
        title=_("Rediger %(name)s") % {"name": citizen},
        submit=_("Gem"),
        back=back,
    )


@GET_POST
@require("citizen.edit")
def unemployment_period_create(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = get_for_user(request.user, Citizen, "citizen.edit", pk=citizen_id)
    course = citizen.courses.order_by("-created_at").first()
    form = forms.UnemploymentPeriodForm(request.POST or None)
    back = _back(course) if course else reverse("cases:course_list")
    if request.method == "POST" and form.is_valid():
        try:
            services.unemployment_period_add(by=request.user, citizen=citizen, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ledighedsperioden er gemt."))
            return redirect(back)
    return form_page(request, form, title=_("Ny ledighedsperiode"), submit=_("Gem"), back=back)


# -- information meetings ----------------------------------------------------------


@GET_POST
@require("meeting.list")
def meeting_list(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count, Q

    meetings = scope(request.user, InformationMeeting.objects.all()).annotate(
        invited=Count("invitations"),
        attended_count=Count("invitations", filter=Q(invitations__attended=True)),
    )
    page = Paginator(meetings.order_by("-starts_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Informationsmødet er oprettet."))
            return redirect("cases:meeting_detail", meeting.pk)
    return render(request, "cases/meeting_list.html", {"page": page, "form": form})


@GET_POST
@require("meeting.view")
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_for_user(request.user, InformationMeeting, "meeting.view", pk=meeting_id)
    invitations = meeting.invitations.select_related("citizen")
    invited_ids = [i.citizen_id for i in invitations]
    # Who may be invited: citizens just referred who have not attended a meeting yet,
    # those who have waited longest first.
    candidates = (
        scope(request.user, Citizen.objects.all())
        .filter(courses__phase=Phase.REFERRED, courses__info_meeting_attended=False)
        .exclude(pk__in=invited_ids)
        .annotate(referred_on=F("courses__visitation_on"))
        .order_by("referred_on", "last_name", "first_name", "id")
    )
    invite_form = forms.InviteForm(
        request.POST if "invite" in request.POST else None, queryset=candidates
    )
    attendance_form = forms.AttendanceForm(
        request.POST if "attendance" in request.POST else None,
        queryset=scope(request.user, Citizen.objects.filter(pk__in=invited_ids)),
        initial={"attended": [i.citizen_id for i in invitations if i.attended]},
    )
    if request.method == "POST":
        try:
            if "invite" in request.POST and invite_form.is_valid():
                services.meeting_invite(
                    by=request.user,
                    meeting=meeting,
                    citizens=list(invite_form.cleaned_data["citizens"]),
                )
                messages.success(request, _("Borgerne er inviteret."))
                return redirect("cases:meeting_detail", meeting.pk)
            if "attendance" in request.POST and attendance_form.is_valid():
                services.meeting_attendance_record(
                    by=request.user,
                    meeting=meeting,
                    attended_citizen_ids={c.pk for c in attendance_form.cleaned_data["attended"]},
                )
                messages.success(request, _("Fremmødet er gemt."))
                return redirect("cases:meeting_detail", meeting.pk)
        except ValidationError as exc:
            add_service_errors(invite_form, exc)
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "meeting": meeting,
            "invitations": invitations,
            "free": meeting.capacity - len(invited_ids),
            "invite_form": invite_form,
            "attendance_form": attendance_form,
        },
    )


# -- the municipality's settings ---------------------------------------------------


@GET_POST
@require("settings.edit")
def settings_edit(request: HttpRequest) -> HttpResponse:
    municipality_id = request.user.municipality_id
    services.target_groups_ensure(municipality_id=municipality_id)
    services.homework_templates_ensure(municipality_id=municipality_id)
    current = MunicipalitySettings.for_municipality(municipality_id)
    form = forms.SettingsForm(request.POST if "limits" in request.POST else None, instance=current)
    group_form = forms.TargetGroupForm(request.POST if "target_group" in request.POST else None)
    reminders_form = forms.RemindersForm(
        request.POST if "reminders" in request.POST else None, instance=current
    )
    if request.method == "POST":
        if "reminders" in request.POST and reminders_form.is_valid():
            enabled = reminders_form.cleaned_data["reminders_enabled"]
            services.reminders_set(by=request.user, enabled=enabled)
            messages.success(
                request,
                _("Påmindelserne er slået til.") if enabled else _("Påmindelserne er slået fra."),
            )
            return redirect("cases:settings")
        try:
            if "limits" in request.POST and form.is_valid():
                services.settings_update(by=request.user, **form.cleaned_data)
                messages.success(request, _("Fristerne er gemt."))
                return redirect("cases:settings")
            if "target_group" in request.POST and group_form.is_valid():
                services.target_group_create(by=request.user, name=group_form.cleaned_data["name"])
                messages.success(request, _("Målgruppen er tilføjet."))
                return redirect("cases:settings")
        except ValidationError as exc:
            add_service_errors(group_form if "target_group" in request.POST else form, exc)
    context = {
        "form": form,
        "group_form": group_form,
        "reminders_form": reminders_form,
        "groups": scope(request.user, TargetGroup.objects.all()),
        "templates": scope(request.user, HomeworkTemplate.objects.all()),
    }
    return render(request, "cases/settings.html", context)


@GET_POST
@require("settings.edit")
def homework_template_edit(request: HttpRequest, template_id: int | None = None) -> HttpResponse:
    template = (
        get_for_user(request.user, HomeworkTemplate, "settings.edit", log=None, pk=template_id)
        if template_id
        else None
    )
    form = forms.HomeworkTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.homework_template_save(
            by=request.user,
            template=template,
            **{k: form.cleaned_data[k] for k in ("title", "description", "kind", "is_active")},
        )
        messages.success(request, _("Skabelonen er gemt."))
        return redirect("cases:settings")
    return form_page(
        request,
        form,
        title=_("Skabelon for hjemmearbejde"),
        submit=_("Gem skabelon"),
        back=reverse("cases:settings"),
    )
