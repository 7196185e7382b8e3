"""The citizen pages: the searchable list, the citizen's profile and unemployment periods.
Thin: decorator, lookup through the door, one service call, render or redirect."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.access import get_for_user, require, search_for_user
from jobbro.citizens import pages, selectors, services
from jobbro.citizens.forms import CitizenForm, CitizenSearchForm, UnemploymentPeriodForm
from jobbro.citizens.models import Citizen
from jobbro.web import AuthedRequest, FormPage, edit_page

GET_POST = require_http_methods(["GET", "POST"])


@require_GET
@require("citizen.view")
def citizen_list(request: AuthedRequest) -> HttpResponse:
    """All the jobcenter's citizens, searchable; every list is a logged search."""
    form = CitizenSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = search_for_user(
        request.user,
        selectors.citizen_list(query),
        "citizen.view",
        criteria={"q": query} if query else {},
        page=request.GET.get("side"),
        purpose="citizen.list",
    )
    params = request.GET.copy()
    params.pop("side", None)
    context = {"page": page, "form": form, "query": params.urlencode(), "pages": pages}
    return render(request, "citizens/citizen_list.html", context)


def _page(citizen: Citizen, title: str) -> FormPage:
    back, label = pages.back_to(citizen)
    return FormPage(title=title, back=back, back_label=label)


@GET_POST
@require("citizen.edit")
def citizen_edit(request: AuthedRequest, citizen_id: int) -> HttpResponse:
    user = request.user
    citizen = get_for_user(user, Citizen, "citizen.edit", pk=citizen_id)
    form = CitizenForm(
        request.POST or None, instance=citizen, municipality_id=citizen.municipality_id
    )
    return edit_page(
        request,
        form,
        lambda data: services.citizen_update(
            by=user, citizen=citizen, fields={name: data[name] for name in form.Meta.fields}
        ),
        _page(citizen, _("Rediger %(name)s") % {"name": citizen}),
        success=_("Borgerens oplysninger er gemt."),
    )


@GET_POST
@require("citizen.edit")
def unemployment_period_create(request: AuthedRequest, citizen_id: int) -> HttpResponse:
    user = request.user
    citizen = get_for_user(user, Citizen, "citizen.edit", pk=citizen_id)
    return edit_page(
        request,
        UnemploymentPeriodForm(request.POST or None),
        lambda data: services.unemployment_period_add(by=user, citizen=citizen, **data),
        _page(citizen, _("Ny ledighedsperiode")),
        success=_("Ledighedsperioden er gemt."),
    )
