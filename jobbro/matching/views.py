"""Matching pages: suggestions for a course, citizens for a workplace, and recording a
contact attempt from a suggestion row (htmx). Thin: the door, one service call, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.access import get_for_user, log_search, require, scope
from jobbro.cases.models import Course
from jobbro.companies.models import Workplace
from jobbro.lib import clock
from jobbro.matching import services
from jobbro.matching.forms import ContactAttemptForm
from jobbro.matching.models import ContactAttempt
from jobbro.matching.profiles import waiting_courses
from jobbro.web import AuthedRequest, submitted

PAGE_SIZE = 20


def _course(request: AuthedRequest, course_id: int, action: str) -> Course:
    return get_for_user(
        request.user,
        Course.objects.select_related("citizen", "municipality"),
        action,
        pk=course_id,
        purpose="matching",
    )


def _workplace(request: AuthedRequest, workplace_id: int) -> Workplace:
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
        or ContactAttemptForm(initial={"contacted_on": clock.today()}, workplace_id=workplace_id),
    }


@require_GET
@require("matching.view")
def course_suggestions(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id, "matching.view")
    today = clock.today()
    suggestions = services.course_suggestions(course=course, today=today)
    page = Paginator(suggestions, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [
        {
            "suggestion": row.suggestion,
            "workplace": row.workplace,
            "contact": _contact_cell(request, course, row.workplace.pk, row.attempts),
        }
        for row in services.suggestion_rows(
            course=course, suggestions=list(page.object_list), today=today
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
def contact_attempt_create(
    request: AuthedRequest, course_id: int, workplace_id: int
) -> HttpResponse:
    course = _course(request, course_id, "contactattempt.create")
    workplace = _workplace(request, workplace_id)
    form = ContactAttemptForm(request.POST, workplace_id=workplace.pk)
    htmx = bool(request.headers.get("HX-Request"))
    recorded = submitted(
        request,
        form,
        lambda data: services.contact_attempt_record(
            by=request.user, course=course, workplace=workplace, today=clock.today(), **data
        ),
        # The suggestion row shows it at once (htmx); a full page says it with a message.
        success=None if htmx else _("Kontakten er registreret."),
    )
    if not htmx:
        if recorded is None:
            messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
        return redirect("matching:course_suggestions", course.pk)
    attempts = list(
        scope(request.user, ContactAttempt.objects.filter(course=course, workplace=workplace))
    )
    done = recorded is not None
    cell = _contact_cell(request, course, workplace.pk, attempts, None if done else form)
    return render(request, "matching/_contact_cell.html", cell | {"recorded": done})


@require_GET
@require("matching.view")
def workplace_candidates(request: AuthedRequest, workplace_id: int) -> HttpResponse:
    workplace = _workplace(request, workplace_id)
    user = request.user
    matches = services.workplace_candidates(
        workplace=workplace,
        municipality_id=user.jobcenter_id,
        courses=waiting_courses(user.jobcenter_id),
        today=clock.today(),
    )
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("side"))
    # Citizens' data is read to rank them: log it like a search, one row per citizen shown.
    log_search(
        user,
        object_type="matching.workplace_candidates",
        criteria={"workplace": workplace.pk},
        purpose="matching.view",
        citizen_ids=[m.course.citizen_id for m in page.object_list],
    )
    return render(
        request,
        "matching/workplace_candidates.html",
        {"workplace": workplace, "company": workplace.company, "page": page},
    )
