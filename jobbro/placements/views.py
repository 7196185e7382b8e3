"""Placement pages: create, the placement page and each action on it, the follow-up
forms and the programme setting. Thin: decorator, lookup through the door, one service
call (jobbro.web), render or redirect."""

from datetime import timedelta
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.access import can, get_for_user, require, scope
from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course
from jobbro.lib import clock
from jobbro.placements import followup, selectors, services
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
    FollowUpTemplate,
    Placement,
    PlacementSettings,
)
from jobbro.placements.templatetags.conversations import when
from jobbro.web import AuthedRequest, FormPage, act, edit_page, submitted

GET_POST = require_http_methods(["GET", "POST"])


def _override_for(request: AuthedRequest, form: forms.BaseForm, action: str) -> None:
    """Offer the manager's override (of § 65, or of missing approvals) only to those who
    may give it."""
    if not can(request.user, action):
        del form.fields["override_reason"]


# -- the municipality's follow-up forms ----------------------------------------------


def _templates(request: AuthedRequest) -> Any:
    return scope(request.user, FollowUpTemplate.objects.all())


@require_GET
@require("followup.template.edit")
def template_list(request: AuthedRequest) -> HttpResponse:
    templates = [_templates(request).newest(kind) for kind in ConversationKind.values]
    return render(request, "placements/template_list.html", {"templates": templates})


@GET_POST
@require("followup.template.edit")
def template_edit(request: AuthedRequest, kind: str) -> HttpResponse:
    if kind not in ConversationKind.values:
        raise Http404
    current = _templates(request).newest(kind)
    form = TemplateForm(
        request.POST or None, initial={"lines": followup.as_lines(current.question_list)}
    )
    page = FormPage(
        title=current.get_kind_display(),
        back=reverse("placements:template_list"),
        crumbs=[(_("Opfølgningsskemaer"), reverse("placements:template_list"))],
        intro=_("Nu gælder version %(version)s. Når du gemmer, bliver det en ny version.")
        % {"version": current.version},
        submit=_("Gem ny version"),
    )
    return edit_page(
        request,
        form,
        lambda data: services.followup_template_update(user=request.user, kind=kind, **data),
        page,
        success=lambda saved: (
            _("%(kind)s er gemt som version %(version)s.")
            % {"kind": saved.get_kind_display(), "version": saved.version}
        ),
    )


# -- create ------------------------------------------------------------------------


@GET_POST
@require("placement.create")
def placement_create(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = get_for_user(
        request.user, Course.objects.select_related("citizen"), "placement.create", pk=course_id
    )
    setting = get_for_user(request.user, PlacementSettings, "placement.create", log=None)
    today = clock.today()
    start = today + timedelta(days=7 - today.weekday())  # next Monday
    form = PlacementForm(
        request.POST or None,
        municipality_id=course.municipality_id,
        period=(start, start + timedelta(weeks=setting.weeks)),
        initial={"start_on": start, "weeks": setting.weeks, "hours_per_week": 37},
    )
    _override_for(request, form, "capacity.override")
    placement = submitted(
        request,
        form,
        lambda data: services.placement_create(by=request.user, course=course, today=today, **data),
        success=_("Praktikken er oprettet, og samtalerne er planlagt."),
    )
    if placement is not None:
        return redirect("placements:placement_detail", placement.pk)
    context = {"form": form, "course": course, "setting": setting}
    return render(request, "placements/placement_create.html", context)


# -- the placement page ------------------------------------------------------------


def _placement(
    request: AuthedRequest, placement_id: int, action: str, *, log: bool = True
) -> Placement:
    return get_for_user(
        request.user,
        Placement.objects.select_related(
            "course__citizen", "course__consultant", "workplace__company", "contact_person"
        ),
        action,
        log=AccessLog.Action.READ if log else None,
        pk=placement_id,
    )


def _back(placement: Placement, anchor: str = "") -> str:
    return reverse("placements:placement_detail", args=[placement.pk]) + anchor


def _page(placement: Placement, title: str, submit: str, intro: str = "") -> FormPage:
    """An edit page of the placement: back to the placement page."""
    return FormPage(
        title=title,
        back=_back(placement),
        back_label=_("Tilbage til praktikken"),
        submit=submit,
        intro=intro,
    )


@require_GET
@require("placement.view")
def placement_detail(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.view")
    today = clock.today()
    setting = get_for_user(request.user, PlacementSettings, "placement.view", log=None)
    context = selectors.placement_page(placement, today) | {
        "setting": setting,
        "activate_form": ActivateForm(initial={"version": placement.version}),
        "feedback_form": FeedbackForm(initial={"week": selectors.current_week(placement, today)}),
        "support_form": SupportForm(initial={"on": today}),
    }
    return render(request, "placements/placement_detail.html", context)


@GET_POST
@require("placement.edit")
def placement_activate(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    form = ActivateForm(request.POST or None, initial={"version": placement.version})
    _override_for(request, form, "placement.start_unapproved")
    return edit_page(
        request,
        form,
        lambda data: services.placement_activate(
            by=request.user, placement=placement, today=clock.today(), **data
        ),
        _page(
            placement,
            _("Start praktikken"),
            _("Start praktikken"),
            intro=_("Alle tre parter skal have godkendt den gældende forventningsafstemning."),
        ),
        success=_("Praktikken er startet."),
    )


@GET_POST
@require("placement.edit")
def placement_reschedule(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    initial = {"start_on": placement.start_on, "weeks": placement.weeks}
    form = RescheduleForm(request.POST or None, initial={"version": placement.version, **initial})
    _override_for(request, form, "capacity.override")
    return edit_page(
        request,
        form,
        lambda data: services.placement_reschedule(by=request.user, placement=placement, **data),
        _page(
            placement,
            _("Ændr praktikkens datoer"),
            _("Gem ændring"),
            intro=_("Samtaler, der ikke er holdt, planlægges igen ud fra de nye datoer."),
        ),
        success=_("Praktikken er ændret, og de planlagte samtaler er flyttet."),
    )


@GET_POST
@require("placement.edit")
def placement_end_early(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    return edit_page(
        request,
        EndEarlyForm(request.POST or None, initial={"version": placement.version}),
        lambda data: services.placement_end_early(
            by=request.user, placement=placement, today=clock.today(), **data
        ),
        _page(
            placement,
            _("Afbryd praktikken"),
            _("Afbryd praktikken"),
            intro=_("De planlagte samtaler aflyses, og forløbet går tilbage til matching."),
        ),
        success=_("Praktikken er afbrudt."),
    )


# -- the expectations agreement ----------------------------------------------------


@GET_POST
@require("placement.edit")
def agreement_edit(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit")
    current = selectors.current_agreement(placement)
    return edit_page(
        request,
        AgreementForm(request.POST or None, initial=current.content() if current else None),
        lambda data: services.agreement_update(by=request.user, placement=placement, content=data),
        _page(
            placement,
            _("Ret forventningsafstemningen"),
            _("Gem ny version"),
            intro=_(
                "Når du gemmer, bliver det en ny version, og alle tre godkendelser skal gives igen."
            ),
        ),
        success=_("Forventningsafstemningen er gemt som en ny version. Den skal godkendes igen."),
        then=_back(placement, "#forventningsafstemning"),
    )


@require_POST
@require("placement.edit")
def agreement_approve(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=False)
    return act(
        request,
        lambda: services.agreement_approve(
            by=request.user,
            placement=placement,
            party=request.POST.get("party", ""),
            number=int(request.POST.get("number") or 0),
        ),
        success=_("Godkendelsen er registreret."),
        then=_back(placement, "#forventningsafstemning"),
    )


# -- conversations -----------------------------------------------------------------


def _conversation(request: AuthedRequest, conversation_id: int) -> Conversation:
    return get_for_user(
        request.user,
        Conversation.objects.select_related(
            "placement__course__citizen", "placement__course__municipality"
        ),
        "placement.edit",
        pk=conversation_id,
    )


def _after_hold(conversation: Conversation) -> str:
    """The final conversation of a completed placement leads straight to the outcome."""
    placement = conversation.placement
    placement.refresh_from_db(fields=["status"])
    if conversation.kind == Conversation.Kind.FINAL and placement.status == "completed":
        url = reverse("cases:course_close", args=[placement.course_id])
        return f"{url}?resultat=job_same_company"
    return _back(placement, "#samtaler")


@GET_POST
@require("placement.edit")
def conversation_hold(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    template = services.template_for(conversation)
    form = HoldForm(
        request.POST or None,
        questions=template.question_list if template else [],
        initial={"held_on": min(conversation.planned_on, clock.today())},
    )
    held = submitted(
        request,
        form,
        lambda data: services.conversation_hold(
            by=request.user,
            conversation=conversation,
            held_on=data["held_on"],
            notes=data["notes"],
            answers=form.answers(),
            today=clock.today(),
        ),
        success=_("Samtalen er registreret som holdt."),
    )
    if held is not None:
        return redirect(_after_hold(held))
    context = {"form": form, "conversation": conversation, "placement": conversation.placement}
    return render(request, "placements/conversation_hold.html", context)


@GET_POST
@require("placement.edit")
def conversation_move(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    fields = ("planned_on", "planned_at", "duration_minutes", "location")
    form = PlanForm(
        request.POST or None, initial={name: getattr(conversation, name) for name in fields}
    )
    title = _("Flyt eller planlæg: %(c)s") % {
        "c": f"{conversation.get_kind_display()}, {when(conversation)}"
    }
    return edit_page(
        request,
        form,
        lambda data: services.conversation_move(
            by=request.user, conversation=conversation, **{name: data[name] for name in fields}
        ),
        _page(conversation.placement, title, _("Gem")),
        success=_("Samtalen er planlagt."),
        then=_back(conversation.placement, "#samtaler"),
    )


@require_POST
@require("placement.edit")
def conversation_status(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    return act(
        request,
        lambda: services.conversation_set_status(
            by=request.user, conversation=conversation, status=request.POST.get("status", "")
        ),
        success=_("Samtalen er opdateret."),
        then=_back(conversation.placement, "#samtaler"),
    )


# -- weekly feedback and support ---------------------------------------------------


@require_POST
@require("placement.edit")
def feedback_create(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=False)
    return edit_page(
        request,
        FeedbackForm(request.POST),
        lambda data: services.weekly_feedback_save(
            by=request.user,
            placement=placement,
            week=data["week"],
            data=data,
            today=clock.today(),
        ),
        _page(placement, _("Ugentlig feedback"), _("Gem feedback")),
        success=_("Ugens feedback er registreret."),
        then=_back(placement, "#feedback"),
    )


@require_POST
@require("placement.edit")
def support_create(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _placement(request, placement_id, "placement.edit", log=False)
    return edit_page(
        request,
        SupportForm(request.POST),
        lambda data: services.support_entry_add(by=request.user, placement=placement, data=data),
        _page(placement, _("Registrér støtte"), _("Gem")),
        success=_("Støtten er registreret."),
        then=_back(placement, "#stoette"),
    )


# -- the municipality's programme setting ------------------------------------------


@GET_POST
@require("placementsettings.edit")
def settings_edit(request: AuthedRequest) -> HttpResponse:
    current = get_for_user(request.user, PlacementSettings, "placementsettings.edit", log=None)
    return edit_page(
        request,
        PlacementSettingsForm(request.POST or None, instance=current),
        lambda data: services.placement_settings_update(by=request.user, **data),
        FormPage(
            title=_("Praktikkens længde og lovgrundlag"),
            back=reverse("cases:settings"),
            back_label=_("Tilbage til indstillingerne"),
            intro=_("Gælder nye praktikker. Allerede oprettede praktikker beholder deres længde."),
        ),
        success=_("Praktikindstillingerne er gemt."),
    )
