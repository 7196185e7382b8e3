"""View helpers shared by the apps: a plain form page, and running one service from
a valid form (refusals land at the fields they name, nothing is saved)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jobbro.forms import add_service_errors


def form_page(
    request: HttpRequest, form, *, title: str, submit: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "cases/form.html",
        {"form": form, "title": title, "submit": submit, "back": back, "intro": intro},
    )


def run_service(
    request: HttpRequest, form, run: Callable[[dict], object], *, success: str, back: str
) -> HttpResponse | None:
    """POST with a valid form: run the service and redirect; otherwise None (show the form).

    A stale version (StaleVersion) has no field, so it lands above the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        run(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(back)
