from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jobbro.access import public
from jobbro.portal.forms import SignInRequestForm
from jobbro.portal.services import SignInRefused, signin_link_request, signin_link_use


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR is the proxy's address behind a proxy; gunicorn's
    # --forwarded-allow-ips decides whom to believe, so use what it passes on.
    return request.META.get("REMOTE_ADDR", "")


@public
@require_http_methods(["GET", "POST"])
def signin_request(request: HttpRequest) -> HttpResponse:
    form = SignInRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = signin_link_request(email=form.cleaned_data["email"], ip=client_ip(request))
        return render(
            request,
            "portal/signin_sent.html",
            {"rate_limited": outcome.rate_limited, "minutes": settings.SIGNIN_LINK_MINUTES},
        )
    return render(request, "portal/signin_request.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def signin_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners that open links must not spend them.
    if request.method == "GET":
        return render(request, "portal/signin_confirm.html", {})
    try:
        user = signin_link_use(token=token)
    except SignInRefused as refusal:
        return render(request, "portal/signin_refused.html", {"reason": str(refusal)}, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.set_expiry(settings.PORTAL_SESSION_DAYS * 24 * 3600)
    return redirect("home")
