from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.access import can, get_for_user, public, require, scope
from jobbro.accounts import lockouts
from jobbro.accounts.client import client_ip
from jobbro.accounts.colleagues import account_unlock, second_factor_reset
from jobbro.accounts.forms import (
    AccessLogFilterForm,
    JobbroPasswordChangeForm,
    JobbroPasswordResetForm,
    JobbroSetPasswordForm,
)
from jobbro.accounts.mfa import is_enrolled
from jobbro.accounts.models import AccessLog, User
from jobbro.accounts.notify import notify_security_change
from jobbro.accounts.services import user_sessions_end
from jobbro.accounts.throttle import request_throttled
from jobbro.web import AuthedRequest


class _PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        notify_security_change(self.request, form.user, "account/email/password_changed")
        return response


class _PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        notify_security_change(self.request, form.user, "account/email/password_reset")
        return response


password_change = require("account.password")(
    _PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        form_class=JobbroPasswordChangeForm,
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = require("account.password")(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
_password_reset_view = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    form_class=JobbroPasswordResetForm,
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)


@public
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponseBase:
    """Django's reset, throttled per address typed and per client address."""
    if request.method == "POST" and request_throttled(
        purpose="password_reset",
        email=request.POST.get("email", ""),
        ip=client_ip(request),
        per_email=settings.PASSWORD_RESET_RATE_PER_EMAIL,
        per_ip=settings.PASSWORD_RESET_RATE_PER_IP,
    ):
        return render(request, "accounts/password_reset_throttled.html", status=429)
    return _password_reset_view(request)


password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    _PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=JobbroSetPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)

STAFF_PAGE_SIZE = 50


@require_GET
@require("staff.list")
def staff_list(request: AuthedRequest) -> HttpResponse:
    users = scope(request.user, User.objects.staff()).select_related("municipality")
    page = Paginator(users.order_by("first_name", "last_name", "id"), STAFF_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(request, "accounts/staff_list.html", {"page": page})


@require_GET
@require("staff.view")
def staff_detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    person = get_for_user(request.user, User.objects.staff(), "staff.view", pk=user_id)
    context = {
        "person": person,
        "enrolled": is_enrolled(person),
        "locked": lockouts.is_locked(person.username),
        "perms_mfa_reset": can(request.user, "staff.mfa_reset"),
    }
    return render(request, "accounts/staff_detail.html", context)


def _colleague(request: AuthedRequest, user_id: int, action: str) -> User:
    return get_for_user(
        request.user, User.objects.staff(), action, log=AccessLog.Action.UPDATE, pk=user_id
    )


@require_POST
@require("staff.mfa_reset")
def staff_second_factor_reset(request: AuthedRequest, user_id: int) -> HttpResponse:
    person = _colleague(request, user_id, "staff.mfa_reset")
    try:
        second_factor_reset(by=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s skal oprette en ny anden faktor ved næste login.") % {"name": person},
        )
    return redirect("accounts:staff_detail", person.pk)


@require_POST
@require("staff.unlock")
def staff_unlock(request: AuthedRequest, user_id: int) -> HttpResponse:
    person = _colleague(request, user_id, "staff.unlock")
    account_unlock(by=request.user, user=person)
    messages.success(request, _("%(name)s kan logge ind igen.") % {"name": person})
    if request.POST.get("from") == "locked":
        return redirect("accounts:staff_locked")
    return redirect("accounts:staff_detail", person.pk)


@require_GET
@require("staff.unlock")
def staff_locked(request: AuthedRequest) -> HttpResponse:
    users = scope(request.user, User.objects.staff()).filter(
        username__in=lockouts.locked_usernames()
    )
    page = Paginator(users.order_by("first_name", "last_name", "id"), STAFF_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    context = {
        "page": page,
        "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
        "failure_limit": settings.LOGIN_FAILURE_LIMIT,
    }
    return render(request, "accounts/staff_locked.html", context)


@require("account.sessions")
@require_POST
def sessions_end(request: AuthedRequest) -> HttpResponse:
    user_sessions_end(user=request.user, keep=request)
    messages.success(
        request, _("Du er logget ud alle andre steder. Denne browser er stadig logget ind.")
    )
    next_url = request.POST.get("next", "")
    return redirect(next_url if _is_safe(request, next_url) else "home")


def _is_safe(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): the same login page, saying why."""
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )


ACCESS_LOG_PAGE_SIZE = 100


@require_GET
@require("accesslog.view")
def access_log(request: AuthedRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    entries: QuerySet[AccessLog] = scope(request.user, AccessLog.objects.all())
    if form.is_valid():
        entries = form.filter(entries)
    page = Paginator(entries.order_by("-at", "-id"), ACCESS_LOG_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "accounts/access_log.html",
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
        },
    )
