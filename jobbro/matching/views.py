"""Matching pages: suggestions for a course, citizens for a workplace, and recording a
contact attempt from a suggestion row (htmx). Thin: the door, one service call, render."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.access import get_for_user, log_access, require
from jobbro.accounts.models import AccessLog
from jobbro.cases.models import Course
from jobbro.companies.models import Workplace
from jobbro.forms import add_service_errors
from jobbro.matching import services
from jobbro.matching.forms import ContactAttemptForm
from jobbro.matching.models import ContactAttempt
from jobbro.matching.profiles import waiting_courses

PAGE_SIZE = 20


def _today() -> date:
    return timezone.localdate()


def _course(request: HttpRequest, course_id: int, action: str) -> Course:
    return get_for_user(
        request.user,
        Course.objects.select_related("citizen", "municipality"),
        action,
        pk=course_id,
        purpose="matching",
    )


def _workplace(request: HttpRequest, workplace_id: int) -> Workplace:
    return get_for_user(
        request.user,
        Workplace.objects.select_related("company"),
        "company.view",
        pk=workplace_id,
        log=None,
    )


def _contact_cell(request, course, workplace_id: int, attempts, form=None) -> dict:
    return {
        "course": course,
        "workplace_id": workplace_id,
        "attempts": attempts,
        "form": form
        or ContactAttemptForm(initial={"contacted_on": _today()}, workplace_id=workplace_id),
    }


@require_GET
@require("matching.view")
def course_suggestions(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "matching.view")
    today = _today()
    suggestions = services.course_suggestions(course=course, today=today)
    page = Paginator(suggestions, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [
        {
            "suggestion": row.suggestion,
            "workplace": row.workplace,
            "contact": _contact_cell(request, course, row.workplace.pk, row.attempts),
        }
        for row in services.suggestion_rows(
            course=course, suggestions=page.object_list, today=today
        )
    ]
    context = {
        "course": course,
        "citizen": course.citizen,
        "page": page,
        "rows": rows,
        "contacted": course.contact_attempts.values("workplace").distinct().count(),
    }
    return render(request, "matching/course_suggestions.html", context)


@require_POST
@require("contactattempt.create")
def contact_attempt_create(request: HttpRequest, course_id: int, workplace_id: int) -> HttpResponse:
    course = _course(request, course_id, "contactattempt.create")
    workplace = _workplace(request, workplace_id)
    form = ContactAttemptForm(request.POST, workplace_id=workplace.pk)
    recorded = False
    if form.is_valid():
        try:
            services.contact_attempt_record(
                by=request.user,
                course=course,
                workplace=workplace,
                today=_today(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            recorded = True
    if not request.headers.get("HX-Request"):
        if recorded:
            messages.success(request, _("Kontakten er registreret."))
        else:
            messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("matching:course_suggestions", course.pk)
    attempts = list(ContactAttempt.objects.filter(course=course, workplace=workplace))
    cell = _contact_cell(request, course, workplace.pk, attempts, None if recorded else form)
    cell["recorded"] = recorded
    return render(request, "matching/_contact_cell.html", cell)


@require_GET
@require("matching.view")
def workplace_candidates(request: HttpRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id)
    user = request.user
    matches = services.workplace_candidates(
        workplace=workplace,
        municipality_id=user.municipality_id,
        courses=waiting_courses(user.municipality_id),
        today=_today(),
    )
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("side"))
    # Citizens' data is read to rank them: log it like a search, one row per citizen shown.
    log_access(
        user,
        AccessLog.Action.SEARCH,
        object_type="matching.workplace_candidates",
        criteria={"workplace": workplace.pk},
        citizen_ids=[m.course.citizen_id for m in page.object_list],
    )
    return render(
        request,
        "matching/workplace_candidates.html",
        {"workplace": workplace, "company": workplace.company, "page": page},
    )
