"""The landing page: each role's worklist."""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from jobbro.access import public, require, scope
from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.cases.views import course_figures, worklist_context
from jobbro.portal.views import citizen_home, contact_home
from jobbro.web import AuthedRequest

set_language = public(django_set_language)


@public
def operations_login(request: HttpRequest) -> HttpResponse:
    # Django's admin has a login form of its own that knows no second factor: /drift/
    # signs in through Jobbro's sign-in like everybody else.
    return redirect_to_login(request.GET.get("next") or "/drift/")


def _staff_figures(request: AuthedRequest) -> dict:
    counts = (
        scope(request.user, User.objects.staff().filter(is_active=True))
        .values("role")
        .annotate(count=Count("id"))
        .order_by("role")
    )
    labels = dict(Role.choices)
    return {"staff_by_role": [{"label": labels[c["role"]], "count": c["count"]} for c in counts]}


def _programme_figures(request: AuthedRequest) -> dict:
    running = User.objects.staff().values("municipality_id").distinct().count()
    return {"municipalities_running": running}


def _my_courses(request: AuthedRequest) -> dict:
    return worklist_context(request, mine=True)


def _manager_figures(request: AuthedRequest) -> dict:
    return _staff_figures(request) | course_figures(request)


ROLE_CONTEXT = {
    Role.CASEWORKER: _my_courses,
    Role.CONSULTANT: _my_courses,
    Role.MANAGER: _manager_figures,
    Role.ADMIN: _staff_figures,
    Role.EVALUATOR: _programme_figures,
    Role.CONTACT_PERSON: contact_home,
    Role.CITIZEN: citizen_home,
}


@require_GET
@require("home.view")
def home(request: AuthedRequest) -> HttpResponse:
    role = Role(request.user.role)
    context = ROLE_CONTEXT[role](request) if role in ROLE_CONTEXT else {}
    return render(request, f"home/{role}.html", context)
