from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from jobbro.access import get_for_user, public, require, scope
from jobbro.accounts.forms import (
    AccessLogFilterForm,
    JobbroPasswordChangeForm,
    JobbroPasswordResetForm,
    JobbroSetPasswordForm,
    LoginForm,
)
from jobbro.accounts.models import AccessLog, User
from jobbro.web import AuthedRequest

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public(require_POST(auth_views.LogoutView.as_view()))
password_change = require("account.password")(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        form_class=JobbroPasswordChangeForm,
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = require("account.password")(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=JobbroPasswordResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
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
    return render(request, "accounts/staff_detail.html", {"person": person})


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
