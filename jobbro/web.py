"""The one edit-page mechanism every app's views use.

A view looks its object up through the door, builds its form and hands this module one
service call; this module runs it on a valid POST, shows the service's refusals at the
fields they name (nothing is saved: the service runs in one transaction), says what
happened and redirects, or renders the form again. Pages with only a form use the one
neutral template ``form.html``; pages with more on them render their own template and
use ``submitted`` for the POST.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobbro.accounts.models import User
from jobbro.forms import add_service_errors

T = TypeVar("T")
Text = str | Promise
Message = Text | Callable[[Any], Text]


class AuthedRequest(HttpRequest):
    """A request that passed ``@require``: its user is signed in (for the type checker)."""

    user: User


@dataclass(frozen=True)
class FormPage:
    """What the neutral form page shows around the form.

    ``back`` is where the back link and "Annuller" lead, ``back_label`` what the back
    link says ("Tilbage til praktikken"); ``crumbs`` ((label, url), …) show breadcrumbs
    ending in the title instead of the back link.
    """

    title: Text
    back: str
    back_label: Text = ""
    submit: Text = _("Gem")
    intro: Text = ""
    crumbs: Sequence[tuple[Text, str]] = ()


def _as_list(form: forms.BaseForm | Sequence[forms.BaseForm]) -> list[forms.BaseForm]:
    return [form] if isinstance(form, forms.BaseForm) else list(form)


def submitted(
    request: HttpRequest,
    form: forms.BaseForm | Sequence[forms.BaseForm],
    save: Callable[[dict[str, Any]], T],
    *,
    success: Message | None,
) -> T | None:
    """On a POST with valid forms run ``save`` (one service call) with the first form's
    cleaned data and return its result (services return what they saved, never None).

    A refusal (ValidationError, also Conflict and StaleVersion) lands at the fields it
    names, else above the form, and gives None: show the form again.
    """
    all_forms = _as_list(form)
    # Validate every form (no short cut), so each shows its own errors.
    valid = [f.is_valid() for f in all_forms]
    if request.method != "POST" or not all(valid):
        return None
    try:
        result = save(all_forms[0].cleaned_data)
    except ValidationError as exc:
        add_service_errors(all_forms[0], exc)
        return None
    if success is not None:  # None: the caller says it (an htmx fragment, say)
        messages.success(request, str(success(result) if callable(success) else success))
    return result


def form_page(
    request: HttpRequest,
    form: forms.BaseForm | Sequence[forms.BaseForm],
    page: FormPage,
    **extra: Any,
) -> HttpResponse:
    """The neutral form page: heading, intro, errors, fields, submit and cancel."""
    return render(request, "form.html", {"forms": _as_list(form), "page": page, **extra})


def edit_page(
    request: HttpRequest,
    form: forms.BaseForm | Sequence[forms.BaseForm],
    save: Callable[[dict[str, Any]], T],
    page: FormPage,
    *,
    success: Message,
    then: str | Callable[[T], str] | None = None,
) -> HttpResponse:
    """A whole edit page: the form until ``save`` ran, then a redirect to ``then`` (a
    URL, or a function of the saved result), by default back where the page came from."""
    result = submitted(request, form, save, success=success)
    if result is None:
        return form_page(request, form, page)
    return redirect(then(result) if callable(then) else then or page.back)


def posted(request: HttpRequest, button: str) -> Any:
    """The POST data when the form with this button was sent, else None (several forms
    on one page each name their submit button)."""
    return request.POST if button in request.POST else None


def act(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    success: Message,
    then: str | Callable[[T], str],
    refused: str | None = None,
) -> HttpResponse:
    """A button without a form (POST): run the service, say how it went, redirect to
    ``then`` (a URL or a function of the result). A refusal is an error message on the
    page ``refused`` (default ``then``) leads to."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(refused or then)
    messages.success(request, str(success(result) if callable(success) else success))
    return redirect(then(result) if callable(then) else then)
