"""The portals: sign-in by link, the job contact person's interns and weekly feedback,
the citizen's own plan and access log, and staff sending the link. Thin views."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.access import get_for_user, public, require, scope
from jobbro.accounts.client import client_ip
from jobbro.accounts.models import AccessLog
from jobbro.accounts.roles import Role
from jobbro.cases.forms import wish_initial
from jobbro.cases.models import Course, HomeworkItem, HomeworkTemplate, Phase
from jobbro.cases.services import homework_update
from jobbro.companies.models import ContactPerson
from jobbro.lib import clock, ics
from jobbro.matching.services import citizen_workplace_choices, contact_attempt_record
from jobbro.placements.models import (
    ACTIVE_STATUSES,
    Conversation,
    Party,
    Placement,
)
from jobbro.placements.selectors import current_agreement, current_week
from jobbro.placements.services import agreement_approve
from jobbro.portal import selectors
from jobbro.portal.forms import (
    CitizenContactAttemptForm,
    CitizenHomeworkForm,
    PortalInformationForm,
    SignInRequestForm,
    WeeklyFeedbackForm,
)
from jobbro.portal.models import PortalInformation
from jobbro.portal.services import (
    SignInRefused,
    citizen_signin_send,
    contact_person_signin_send,
    feedback_draft_save,
    feedback_submit,
    portal_information_update,
    signin_link_request,
    signin_link_use,
)
from jobbro.web import AuthedRequest, act, submitted


def _next_path(request: HttpRequest) -> str:
    """Where to go after signing in: a path on this site, or nothing (never elsewhere)."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if safe and value.startswith("/") and not value.startswith("//") else ""


@public
@require_http_methods(["GET", "POST"])
def signin_request(request: HttpRequest) -> HttpResponse:
    form = SignInRequestForm(request.POST or None)
    next_path = _next_path(request)
    if request.method == "POST" and form.is_valid():
        outcome = signin_link_request(
            email=form.cleaned_data["email"], ip=client_ip(request), next_path=next_path
        )
        return render(
            request,
            "portal/signin_sent.html",
            {"rate_limited": outcome.rate_limited, "minutes": settings.SIGNIN_LINK_MINUTES},
        )
    return render(request, "portal/signin_request.html", {"form": form, "next": next_path})


@public
@require_http_methods(["GET", "POST"])
def signin_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners that open links must not spend them.
    if request.method == "GET":
        return render(request, "portal/signin_confirm.html", {"next": _next_path(request)})
    try:
        user = signin_link_use(token=token)
    except SignInRefused as refusal:
        return render(request, "portal/signin_refused.html", {"reason": str(refusal)}, status=400)
    # The session lasts PORTAL_SESSION_HOURS from now (jobbro.accounts.sessions).
    login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return redirect(_next_path(request) or "home")


# -- shared helpers ---------------------------------------------------------------------

PAGE_SIZE = 25


def _conversations_upcoming_first(placement: Placement, today: date) -> list[Conversation]:
    conversations = list(placement.conversations.all())
    upcoming = [
        c
        for c in conversations
        if c.status == Conversation.Status.PLANNED and c.planned_on >= today
    ]
    rest = [c for c in conversations if c not in upcoming]
    return upcoming + sorted(rest, key=lambda c: c.planned_on, reverse=True)


def _event(conversation: Conversation) -> ics.Event:
    placement = conversation.placement
    workplace = placement.workplace
    where = ", ".join(
        part for part in (workplace.name, workplace.address, workplace.postcode) if part
    )
    return ics.Event(
        uid=f"conversation-{conversation.pk}@jobbro",
        summary=_("%(kind)s: %(name)s")
        % {"kind": conversation.get_kind_display(), "name": placement.citizen.full_name},
        on=conversation.planned_on,
        starts_at=conversation.planned_at,
        minutes=conversation.duration_minutes,
        location=conversation.location or where,
        description=_("Praktik hos %(w)s, uge %(n)s.")
        % {"w": workplace.name, "n": conversation.week},
    )


def _ics_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- the job contact person ---------------------------------------------------------------


def contact_home(request: AuthedRequest) -> dict:
    """The job contact person's front page: current interns, then past ones (paginated)."""
    placements = scope(
        request.user, Placement.objects.select_related("citizen", "workplace")
    ).order_by("-start_on", "-id")
    current = list(placements.current())
    past = Paginator(placements.exclude(status__in=ACTIVE_STATUSES), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    upcoming = (
        scope(request.user, Conversation.objects.select_related("placement__citizen"))
        .filter(status=Conversation.Status.PLANNED, planned_on__gte=clock.today())
        .order_by("planned_on", "id")[:5]
    )
    return {"current": current, "past": past, "upcoming": upcoming}


def _my_placement(request: AuthedRequest, placement_id: int, *, log: bool = True) -> Placement:
    return get_for_user(
        request.user,
        Placement.objects.select_related("citizen", "course", "workplace", "contact_person"),
        "portal.contact",
        log=AccessLog.Action.READ if log else None,
        purpose=_("Jobkontaktperson fulgte praktikken"),
        pk=placement_id,
    )


@require_GET
@require("portal.contact")
def intern_detail(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _my_placement(request, placement_id)
    today = clock.today()
    citizen = placement.citizen
    # Only what the role needs: never the CPR number, the journal or the course events.
    intern = {"name": citizen.full_name}
    if placement.course.consent_to_share:
        intern |= {"phone": citizen.phone, "email": citizen.email}
    agreement = current_agreement(placement)
    context: dict[str, Any] = {
        "placement": placement,
        "intern": intern,
        "consent": placement.course.consent_to_share,
        "agreement": agreement,
        "approved": agreement is not None
        and agreement.approvals.filter(party=Party.CONTACT_PERSON).exists(),
        "conversations": _conversations_upcoming_first(placement, today),
        "feedback": list(placement.feedback.all()),
        "today": today,
        "can_give_feedback": placement.status
        in (Placement.Status.ACTIVE, Placement.Status.COMPLETED),
        "week": current_week(placement, today),
    }
    context["week_given"] = any(item.week == context["week"] for item in context["feedback"])
    return render(request, "portal/intern_detail.html", context)


def _approve(request: AuthedRequest, placement: Placement, party: str, then: str) -> HttpResponse:
    number = _int(request.POST.get("number", ""))
    if number is None:
        messages.error(request, _("Genindlæs siden og prøv igen."))
        return redirect(then)
    return act(
        request,
        lambda: agreement_approve(by=request.user, placement=placement, party=party, number=number),
        success=_("Tak. Du har godkendt forventningsafstemningen."),
        then=then,
    )


@require_POST
@require("portal.contact")
def intern_agreement_approve(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _my_placement(request, placement_id, log=False)
    then = reverse("portal:intern_detail", args=[placement.pk])
    return _approve(request, placement, Party.CONTACT_PERSON, then)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _week_from(request: AuthedRequest, placement: Placement, today: date) -> int:
    try:
        return int(request.GET.get("uge", ""))
    except ValueError:
        return current_week(placement, today)


def _feedback_form(request: AuthedRequest, placement: Placement) -> WeeklyFeedbackForm:
    """The posted form, or the week's feedback to edit or the draft typed so far."""
    if request.method == "POST":
        return WeeklyFeedbackForm(request.POST, weeks=placement.weeks)
    week = _week_from(request, placement, clock.today())
    initial = selectors.feedback_initial(request.user, placement, week)
    return WeeklyFeedbackForm(initial=initial, weeks=placement.weeks)


@require_http_methods(["GET", "POST"])
@require("portal.contact")
def feedback_give(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = _my_placement(request, placement_id, log=False)
    form = _feedback_form(request, placement)
    saved = submitted(
        request,
        form,
        lambda data: feedback_submit(
            by=request.user,
            placement=placement,
            week=data["week"],
            data=form.feedback_data(),
            feedback=selectors.feedback_to_edit(placement, data),
            today=clock.today(),
        ),
        success=lambda item: _("Tak! Din feedback for uge %(w)s er gemt.") % {"w": item.week},
    )
    if saved is not None:
        return redirect("portal:intern_detail", placement.pk)
    week = form.initial.get("week") or form.data.get("week")
    context = {
        "placement": placement,
        "form": form,
        "week": _int(week) or current_week(placement, clock.today()),
        "weeks": range(1, placement.weeks + 1),
        "given": set(placement.feedback.values_list("week", flat=True)),
        "editing": bool(form["feedback_id"].value()),
    }
    return render(request, "portal/feedback_form.html", context)


@require_POST
@require("portal.contact")
def feedback_draft(request: AuthedRequest, placement_id: int) -> HttpResponse:
    """htmx: keep what is typed so far, on every change."""
    placement = _my_placement(request, placement_id, log=False)
    try:
        week = int(request.POST.get("week", ""))
        feedback_draft_save(
            person=request.user.contact_person,
            placement=placement,
            week=week,
            data=request.POST.dict(),
        )
    except (ValueError, ValidationError):
        return render(request, "portal/_draft_status.html", {"failed": True})
    return render(request, "portal/_draft_status.html", {"saved_at": clock.now()})


@require_GET
@require("portal.contact")
def information(request: AuthedRequest) -> HttpResponse:
    """The information material of each municipality that sent the person an intern."""
    material = scope(
        request.user, PortalInformation.objects.select_related("municipality")
    ).order_by("municipality_id")
    return render(request, "portal/information.html", {"sections": selectors.information(material)})


# -- calendars ------------------------------------------------------------------------------


@require_GET
@require("portal.calendar")
def conversation_ics(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = get_for_user(
        request.user,
        Conversation.objects.select_related("placement__citizen", "placement__workplace"),
        "portal.calendar",
        log=None,
        pk=conversation_id,
    )
    text = ics.calendar([_event(conversation)], now=clock.now())
    return _ics_response(text, f"samtale-{conversation.pk}.ics")


@require_GET
@require("portal.calendar")
def calendar_feed(request: AuthedRequest) -> HttpResponse:
    """All upcoming conversations of the signed-in person, one calendar file."""
    upcoming = scope(
        request.user,
        Conversation.objects.select_related("placement__citizen", "placement__workplace"),
    ).filter(status=Conversation.Status.PLANNED, planned_on__gte=clock.today())
    text = ics.calendar(
        [_event(c) for c in upcoming.order_by("planned_on", "id")],
        now=clock.now(),
        name=str(_("Jobbro – mine samtaler")),
    )
    return _ics_response(text, "jobbro-samtaler.ics")


# -- the citizen -----------------------------------------------------------------------------


def _my_course(user) -> Course | None:
    """The citizen's open course, else the latest closed one (NULLs first on every
    database: PostgreSQL sorts them last by default)."""
    if not hasattr(user, "citizen"):
        return None
    return (
        scope(user, Course.objects.select_related("citizen"))
        .order_by(F("closed_on").asc(nulls_first=True), "-created_at", "-pk")
        .first()
    )


def citizen_home(request: AuthedRequest) -> dict:
    user = request.user
    course = _my_course(user)
    if course is None:
        return {"course": None}
    today = clock.today()
    placement = (
        scope(user, Placement.objects.select_related("workplace", "contact_person"))
        .filter(course=course)
        .order_by("-start_on")
        .first()
    )
    next_conversation = (
        scope(user, Conversation.objects.all())
        .filter(status=Conversation.Status.PLANNED, planned_on__gte=today)
        .order_by("planned_on")
        .first()
    )
    agreement = current_agreement(placement) if placement else None
    return {
        "course": course,
        "phase": Phase(course.phase),
        "homework": scope(user, HomeworkItem.objects.all()).filter(course=course),
        "placement": placement,
        "next_conversation": next_conversation,
        "agreement": agreement,
        "approved": agreement is not None
        and agreement.approvals.filter(party=Party.CITIZEN).exists(),
        "contacts": course.contact_attempts.count(),
        "today": today,
    }


@require_http_methods(["GET", "POST"])
@require("portal.citizen")
def homework_answer(request: AuthedRequest, item_id: int) -> HttpResponse:
    # The citizen's own data: no access-log row for reading it themself.
    item = get_for_user(
        request.user,
        HomeworkItem.objects.select_related("course__citizen"),
        "portal.citizen",
        log=None,
        pk=item_id,
    )
    wishes = item.kind == HomeworkTemplate.Kind.WISH_WORKPLACES
    initial = {"answer": item.answer} | (wish_initial(item.course.citizen) if wishes else {})
    form = CitizenHomeworkForm(request.POST or None, initial=initial, wish_workplaces=wishes)
    done = "done" in request.POST
    saved = submitted(
        request,
        form,
        lambda data: homework_update(
            by=request.user,
            item=item,
            status=HomeworkItem.Status.DONE if done else item.status,
            answer=data["answer"],
            wish_workplaces=form.wish_rows(),
        ),
        success=_("Godt gået! Opgaven er markeret som udført.") if done else _("Dit svar er gemt."),
    )
    if saved is not None:
        return redirect("home")
    return render(request, "portal/homework.html", {"item": item, "form": form})


@require_POST
@require("portal.citizen")
def citizen_agreement_approve(request: AuthedRequest, placement_id: int) -> HttpResponse:
    placement = get_for_user(
        request.user, Placement.objects.all(), "portal.citizen", log=None, pk=placement_id
    )
    return _approve(request, placement, Party.CITIZEN, reverse("home"))


def _contact_form(
    request: AuthedRequest, course: Course, query: str, today: date
) -> CitizenContactAttemptForm:
    choices = citizen_workplace_choices(course=course, query=query, today=today)
    initial: dict[str, Any] = {"contacted_on": today}
    if len(choices.found) == 1:  # the search found it: one click less
        initial["workplace"] = choices.found[0].pk
    return CitizenContactAttemptForm(request.POST or None, initial=initial, choices=choices)


@require_http_methods(["GET", "POST"])
@require("portal.citizen")
def contacts(request: AuthedRequest) -> HttpResponse:
    """'Jeg har kontaktet en virksomhed': the citizen records a contact with a company
    for their course, and sees every contact recorded for it (theirs and the jobcenter's)."""
    course = _my_course(request.user)
    if course is None:
        return render(request, "portal/contacts.html", {"course": None})
    today = clock.today()
    query = request.GET.get("q", "").strip()[:100]
    form = None if course.is_closed else _contact_form(request, course, query, today)
    attempt = form and submitted(
        request,
        form,
        lambda data: contact_attempt_record(by=request.user, course=course, today=today, **data),
        success=lambda attempt: (
            _("Tak. Din kontakt til %(name)s er gemt, og jobcentret kan se den.")
            % {"name": attempt.workplace.name}
        ),
    )
    if attempt is not None:
        return redirect("portal:contacts")
    attempts = course.contact_attempts.select_related("workplace")
    context = {
        "course": course,
        "form": form,
        "query": query,
        "found_nothing": form is not None and bool(query) and not form.workplace_choices.found,
        "wish_names": [w.company_name for w in course.citizen.wish_workplaces.all() if not w.cvr],
        "page": Paginator(attempts, PAGE_SIZE).get_page(request.GET.get("side")),
    }
    return render(request, "portal/contacts.html", context)


def _purpose(entry: AccessLog) -> str:
    """Say why, in plain Danish; the log's purpose is an access action or a free text."""
    action = entry.purpose
    if entry.role == Role.CONTACT_PERSON:
        return str(_("Din jobkontaktperson så oplysninger om din praktik"))
    if action.startswith(("course.", "citizen.", "meeting.")):
        return str(_("Jobcentret arbejdede med dit forløb"))
    if entry.action == AccessLog.Action.SEARCH:
        return str(_("Jobcentret søgte efter borgere"))
    if entry.action == AccessLog.Action.EXPORT:
        return str(_("Jobcentret lavede et udtræk"))
    return action or entry.get_action_display()


@require_GET
@require("portal.citizen")
def access_log(request: AuthedRequest) -> HttpResponse:
    """Who has looked at my data: dates and purposes, never the employees' names."""
    entries = (
        scope(request.user, AccessLog.objects.all())
        .exclude(user=request.user)
        .only("at", "action", "purpose", "role")
        .order_by("-at", "-id")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [
        {
            "at": entry.at,
            "what": entry.get_action_display(),
            "purpose": _purpose(entry),
            "who": entry.get_role_display(),
        }
        for entry in page
    ]
    return render(request, "portal/access_log.html", {"page": page, "rows": rows})


# -- staff ----------------------------------------------------------------------------------


@require_POST
@require("portal.signin.citizen")
def citizen_signin_resend(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = get_for_user(
        request.user,
        Course.objects.select_related("citizen__user"),
        "portal.signin.citizen",
        log=AccessLog.Action.UPDATE,
        pk=course_id,
    )
    return act(
        request,
        lambda: citizen_signin_send(by=request.user, citizen=course.citizen),
        success=_("Et login-link er sendt til %(email)s.") % {"email": course.citizen.email},
        then=reverse("cases:course_detail", args=[course.pk]),
    )


@require_POST
@require("portal.signin.contact")
def contact_person_signin_resend(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_for_user(
        request.user,
        ContactPerson.objects.select_related("workplace__company", "user"),
        "portal.signin.contact",
        log=None,
        pk=person_id,
    )
    return act(
        request,
        lambda: contact_person_signin_send(by=request.user, person=person),
        success=_("Et login-link er sendt til %(email)s.") % {"email": person.email},
        then=reverse("companies:contact_person_detail", args=[person.pk]),
    )


@require_http_methods(["GET", "POST"])
@require("portal.info.edit")
def information_edit(request: AuthedRequest) -> HttpResponse:
    info = get_for_user(request.user, PortalInformation, "portal.info.edit", log=None)
    form = PortalInformationForm(
        request.POST or None,
        initial={"role_text": info.role_text, "training_text": info.training_text},
    )
    saved = submitted(
        request,
        form,
        lambda data: portal_information_update(by=request.user, **data),
        success=_("Informationsmaterialet er gemt."),
    )
    if saved is not None:
        return redirect("portal:information_edit")
    return render(request, "portal/information_edit.html", {"form": form})
