"""Placement pages: create, the placement page and each action on it. Thin: the door,
one service call, render or redirect."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.access import can, get_for_user, require
from jobbro.accounts.models import AccessLog
from jobbro.accounts.roles import Role
from jobbro.cases.models import Course
from jobbro.forms import add_service_errors
from jobbro.placements import followup, services
from jobbro.placements.forms import (
    ActivateForm,
    AgreementForm,
    EndEarlyForm,
    FeedbackForm,
    HoldForm,
    PlacementForm,
    PlacementSettingsForm,
    PlanForm,
    RescheduleForm,
    SupportForm,
    TemplateForm,
)
from jobbro.placements.models import (
    Conversation,
    ConversationKind,
    Party,
    Placement,
    PlacementSettings,
)
from jobbro.placements.services import followup_template_current, followup_template_update
from jobbro.placements.templatetags.conversations import when
from jobbro.web import form_page, run_service

GET_POST = require_http_methods(["GET", "POST"])


def _today() -> date:
    return timezone.localdate()


def _capacity_override_for_managers(request: HttpRequest, form) -> None:
    """Create and reschedule offer the override of § 65 to those who may give it."""
    if not can(request.user, "capacity.override"):
        del form.fields["override_reason"]


@require_GET
@require("followup.template.edit")
def template_list(request: HttpRequest) -> HttpResponse:
    templates = [
        followup_template_current(municipality=request.user.municipality, kind=kind)
        for kind in ConversationKind.values
    ]
    return render(request, "placements/template_list.html", {"templates": templates})


@GET_POST
@require("followup.template.edit")
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ConversationKind.values:
        raise Http404
    current = followup_template_current(municipality=request.user.municipality, kind=kind)
    form = TemplateForm(
        request.POST or None, initial={"lines": followup.as_lines(current.question_list)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = followup_template_update(
                user=request.user, kind=kind, lines=form.cleaned_data["lines"]
            )
        except ValidationError as exc:
            form.add_error("lines", exc.message_dict.get("lines", exc.messages))
        else:
            messages.success(
                request,
                _("%(kind)s er gemt som version %(version)s.")
                % {"kind": saved.get_kind_display(), "version": saved.version},
            )
            return redirect("placements:template_list")
    return render(request, "placements/template_edit.html", {"form": form, "current": current})


# -- create ------------------------------------------------------------------------


@GET_POST
@require("placement.create")
def placement_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_for_user(
        request.user, Course.objects.select_related("citizen"), "placement.create", pk=course_id
    )
    setting = PlacementSettings.for_municipality(course.municipality_id)
    today = _today()
    start = today + timedelta(days=7 - today.weekday())  # next Monday
    form = PlacementForm(
        request.POST or None,
        municipality_id=course.municipality_id,
        period=(start, start + timedelta(weeks=setting.weeks)),
        initial={"start_on": start, "weeks": setting.weeks, "hours_per_week": 37},
    )
    _capacity_override_for_managers(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = services.placement_create(
                by=request.user,
                course=course,
                workplace=data["workplace"],
                contact_person=data["contact_person"],
                start_on=data["start_on"],
                weeks=data["weeks"],
                hours_per_week=data["hours_per_week"],
                purpose=data["purpose"],
                tasks=data["tasks"],
                override_reason=data.get("override_reason", ""),
                today=today,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Praktikken er oprettet, og samtalerne er planlagt."))
            return redirect("placements:placement_detail", placement.pk)
    return render(
        request,
        "placements/placement_create.html",
        {"form": form, "course": course, "setting": setting},
    )


# -- the placement page ------------------------------------------------------------


def _placement(request: HttpRequest, placement_id: int, action: str, log=AccessLog.Action.READ):
    return get_for_user(
        request.user,
        Placement.objects.select_related(
            "course__citizen", "course__consultant", "workplace__company", "contact_person"
        ),
        action,
        log=log,
        pk=placement_id,
    )


def _back(placement: Placement) -> str:
    return reverse("placements:placement_detail", args=[placement.pk])


@require_GET
@require("placement.view")
def placement_detail(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.view")
    today = _today()
    versions = list(
        placement.agreement_versions.select_related("created_by").prefetch_related(
            "approvals__approved_by"
        )
    )
    current = versions[0] if versions else None
    approvals = {a.party: a for a in current.approvals.all()} if current else {}
    context = {
        "placement": placement,
        "course": placement.course,
        "setting": PlacementSettings.for_municipality(placement.municipality_id),
        "current": current,
        "content": [
            (current._meta.get_field(name).verbose_name, getattr(current, name))
            for name in current.CONTENT_FIELDS
        ]
        if current
        else [],
        "parties": [(value, label, approvals.get(value)) for value, label in Party.choices],
        "all_approved": len(approvals) == len(Party.values),
        "versions": versions,
        "conversations": placement.conversations.select_related("recorded_by"),
        "side_by_side": services.followup_side_by_side(placement),
        "feedback": placement.feedback.select_related("author"),
        "support": placement.support.select_related("author"),
        "attendance": services.attendance_of(placement, today),
        "activate_form": ActivateForm(initial={"version": placement.version}),
        "feedback_form": FeedbackForm(initial={"week": _current_week(placement, today)}),
        "support_form": SupportForm(initial={"on": today}),
        "is_manager": request.user.role == Role.MANAGER,
        "today": today,
    }
    return render(request, "placements/placement_detail.html", context)


def _current_week(placement: Placement, today: date) -> int:
    week = (today - placement.start_on).days // 7 + 1
    return max(1, min(week, placement.weeks))


@GET_POST
@require("placement.edit")
def placement_activate(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    form = ActivateForm(request.POST or None, initial={"version": placement.version})
    if request.user.role != Role.MANAGER:
        del form.fields["override_reason"]

    def run(data):
        services.placement_activate(
            by=request.user,
            placement=placement,
            version=data["version"],
            override_reason=data.get("override_reason", ""),
            today=_today(),
        )

    done = run_service(
        request, form, run, success=_("Praktikken er startet."), back=_back(placement)
    )
    return done or form_page(
        request,
        form,
        title=_("Start praktikken"),
        submit=_("Start praktikken"),
        back=_back(placement),
        intro=_("Alle tre parter skal have godkendt den gældende forventningsafstemning."),
    )


@GET_POST
@require("placement.edit")
def placement_reschedule(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    form = RescheduleForm(
        request.POST or None,
        initial={
            "version": placement.version,
            "start_on": placement.start_on,
            "weeks": placement.weeks,
        },
    )
    _capacity_override_for_managers(request, form)

    def run(data):
        services.placement_reschedule(
            by=request.user,
            placement=placement,
            version=data["version"],
            start_on=data["start_on"],
            weeks=data["weeks"],
            reason=data["reason"],
            override_reason=data.get("override_reason", ""),
        )

    done = run_service(
        request,
        form,
        run,
        success=_("Praktikken er ændret, og de planlagte samtaler er flyttet."),
        back=_back(placement),
    )
    return done or form_page(
        request,
        form,
        title=_("Ændr praktikkens datoer"),
        submit=_("Gem ændring"),
        back=_back(placement),
        intro=_("Samtaler, der ikke er holdt, planlægges igen ud fra de nye datoer."),
    )


@GET_POST
@require("placement.edit")
def placement_end_early(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    form = EndEarlyForm(request.POST or None, initial={"version": placement.version})

    def run(data):
        services.placement_end_early(
            by=request.user,
            placement=placement,
            version=data["version"],
            reason=data["reason"],
            today=_today(),
        )

    done = run_service(
        request, form, run, success=_("Praktikken er afbrudt."), back=_back(placement)
    )
    return done or form_page(
        request,
        form,
        title=_("Afbryd praktikken"),
        submit=_("Afbryd praktikken"),
        back=_back(placement),
        intro=_("De planlagte samtaler aflyses, og forløbet går tilbage til matching."),
    )


# -- the expectations agreement ----------------------------------------------------


@GET_POST
@require("placement.edit")
def agreement_edit(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    current = services.current_agreement(placement)
    form = AgreementForm(request.POST or None, initial=current.content() if current else None)

    def run(data):
        services.agreement_update(by=request.user, placement=placement, content=data)

    done = run_service(
        request,
        form,
        run,
        success=_("Forventningsafstemningen er gemt som en ny version. Den skal godkendes igen."),
        back=_back(placement) + "#forventningsafstemning",
    )
    return done or form_page(
        request,
        form,
        title=_("Ret forventningsafstemningen"),
        submit=_("Gem ny version"),
        back=_back(placement),
        intro=_(
            "Når du gemmer, bliver det en ny version, og alle tre godkendelser skal gives igen."
        ),
    )


@require_POST
@require("placement.edit")
def agreement_approve(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=None)
    try:
        services.agreement_approve(
            by=request.user,
            placement=placement,
            party=request.POST.get("party", ""),
            number=int(request.POST.get("number") or 0),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Godkendelsen er registreret."))
    return redirect(_back(placement) + "#forventningsafstemning")


# -- conversations -----------------------------------------------------------------


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_for_user(
        request.user,
        Conversation.objects.select_related(
            "placement__course__citizen", "placement__course__municipality"
        ),
        "placement.edit",
        pk=conversation_id,
    )


@GET_POST
@require("placement.edit")
def conversation_hold(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    placement = conversation.placement
    template = services.template_for(conversation)
    form = HoldForm(
        request.POST or None,
        questions=template.question_list if template else [],
        initial={"held_on": min(conversation.planned_on, _today())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_hold(
                by=request.user,
                conversation=conversation,
                held_on=form.cleaned_data["held_on"],
                notes=form.cleaned_data["notes"],
                answers=form.answers(),
                today=_today(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Samtalen er registreret som holdt."))
            placement.refresh_from_db(fields=["status"])
            if (
                conversation.kind == Conversation.Kind.FINAL
                and placement.status == Placement.Status.COMPLETED
            ):
                # The final conversation leads straight to the course's outcome.
                url = reverse("cases:course_close", args=[placement.course_id])
                return redirect(f"{url}?resultat=job_same_company")
            return redirect(_back(placement) + "#samtaler")
    return render(
        request,
        "placements/conversation_hold.html",
        {"form": form, "conversation": conversation, "placement": placement},
    )


@GET_POST
@require("placement.edit")
def conversation_move(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    fields = ("planned_on", "planned_at", "duration_minutes", "location")
    form = PlanForm(
        request.POST or None, initial={name: getattr(conversation, name) for name in fields}
    )

    def run(data):
        services.conversation_move(
            by=request.user, conversation=conversation, **{name: data[name] for name in fields}
        )

    back = _back(conversation.placement) + "#samtaler"
    done = run_service(request, form, run, success=_("Samtalen er planlagt."), back=back)
    return done or form_page(
        request,
        form,
        title=_("Flyt eller planlæg: %(c)s")
        % {"c": f"{conversation.get_kind_display()}, {when(conversation)}"},
        submit=_("Gem"),
        back=back,
    )


@require_POST
@require("placement.edit")
def conversation_status(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    try:
        services.conversation_set_status(
            by=request.user, conversation=conversation, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Samtalen er opdateret."))
    return redirect(_back(conversation.placement) + "#samtaler")


# -- weekly feedback and support ---------------------------------------------------


@require_POST
@require("placement.edit")
def feedback_create(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=None)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.weekly_feedback_save(
                by=request.user,
                placement=placement,
                week=data.pop("week"),
                data=data,
                today=_today(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ugens feedback er registreret."))
            return redirect(_back(placement) + "#feedback")
    return form_page(
        request,
        form,
        title=_("Ugentlig feedback"),
        submit=_("Gem feedback"),
        back=_back(placement),
    )


@require_POST
@require("placement.edit")
def support_create(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=None)
    form = SupportForm(request.POST)
    if form.is_valid():
        try:
            services.support_entry_add(by=request.user, placement=placement, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Støtten er registreret."))
            return redirect(_back(placement) + "#stoette")
    return form_page(
        request, form, title=_("Registrér støtte"), submit=_("Gem"), back=_back(placement)
    )


# -- the municipality's programme setting ------------------------------------------


@GET_POST
@require("placementsettings.edit")
def settings_edit(request: HttpRequest) -> HttpResponse:
    current = PlacementSettings.for_municipality(request.user.municipality_id)
    form = PlacementSettingsForm(request.POST or None, instance=current)

    def run(data):
        services.placement_settings_update(
            by=request.user, weeks=data["weeks"], legal_basis=data["legal_basis"]
        )

    back = reverse("cases:settings")
    done = run_service(request, form, run, success=_("Praktikindstillingerne er gemt."), back=back)
    return done or form_page(
        request,
        form,
        title=_("Praktikkens længde og lovgrundlag"),
        submit=_("Gem"),
        back=back,
        intro=_("Gælder nye praktikker. Allerede oprettede praktikker beholder deres længde."),
    )
