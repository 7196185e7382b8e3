"""Web pages for API tokens: each user lists and revokes their own; an admin sees and
revokes every token in the jobcenter."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.access import can, get_for_user, require, scope
from jobbro.accounts.models import AccessLog
from jobbro.api.models import ApiToken
from jobbro.web import AuthedRequest


def tokens_visible_to(user) -> QuerySet[ApiToken]:
    tokens = scope(user, ApiToken.objects.select_related("user"))
    return tokens if can(user, "apitoken.manage_all") else tokens.filter(user=user)


@require_GET
@require("apitoken.list")
def token_list(request: AuthedRequest) -> HttpResponse:
    tokens = tokens_visible_to(request.user).order_by("-created_at", "-id")
    page = Paginator(tokens, 50).get_page(request.GET.get("side"))
    return render(request, "api/token_list.html", {"page": page})


@require_POST
@require("apitoken.revoke")
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_for_user(
        request.user,
        tokens_visible_to(request.user),
        "apitoken.revoke",
        log=AccessLog.Action.UPDATE,
        pk=token_id,
    )
    token.revoke()
    messages.success(request, _("API-nøglen %(name)s er tilbagekaldt.") % {"name": token.name})
    return redirect("api_tokens:list")
