"""The JSON API at /api/v1/: thin, strict schemas, the same access door and services
as the web UI. OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import NinjaAPI, Query
from ninja.security import HttpBearer

from jobbro.access import allows, can
from jobbro.api.common import ApiRequest
from jobbro.api.errors import ReadOnlyToken, install_error_handlers
from jobbro.api.pagination import PageParams, paginate
from jobbro.api.schemas import ERRORS, Me, MunicipalityPage
from jobbro.api.services import token_authenticate
from jobbro.municipalities.models import Municipality

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # noqa: ANN201
        found = token_authenticate(token)
        if found is None:
            return None
        user, api_token = found
        if not can(user, "api.me"):
            # The API is for the jobcenter's systems. Job contact persons and citizens
            # are refused before their request body is even read (403, not 422).
            raise PermissionDenied
        if api_token.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        return user


def docs_for_signed_in(view):
    """The API's docs and OpenAPI schema: for a signed-in user (session or token),
    unless API_DOCS_PUBLIC opens them (docs/configuration.md)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if settings.API_DOCS_PUBLIC or can(request.user, "api.me"):
            return view(request, *args, **kwargs)
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer" and token_authenticate(token.strip()) is not None:
            return view(request, *args, **kwargs)
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())

    return wrapper


api = NinjaAPI(
    title="Jobbro API",
    version="1",
    description=(
        "Case management for Danish jobcenters. Authenticate with a personal token: "
        "`Authorization: Bearer <token>` (create one with `jobbro create-token USERNAME`). "
        "Errors have one shape: "
        '`{"error": {"code": "...", "message": "...", "fields": {"field": ["..."]}}}`. '
        'Lists take `limit` and `offset` and answer `{"count": N, "results": [...]}`. '
        "JSON bodies are strict (unknown fields are refused); unknown query parameters "
        "are ignored."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=docs_for_signed_in,
)
install_error_handlers(api)


def _add_resources() -> None:
    # Imported here: the resource modules import services, which import models.
    from jobbro.api import cases, citizens, companies, matches, placements

    for module in (citizens, cases, companies, placements, matches):
        api.add_router("", module.router)


@api.get("/me", response={200: Me, **ERRORS}, tags=["accounts"])
@allows("api.me")
def me(request: ApiRequest):
    user = request.auth
    return {
        "id": user.pk,
        "username": user.username,
        "role": user.role,
        "municipality": user.municipality_id,
        "name": user.get_full_name(),
    }


@api.get("/municipalities", response={200: MunicipalityPage, **ERRORS}, tags=["reference"])
@allows("reference.read")
def municipalities(request: ApiRequest, page: Query[PageParams]):
    return paginate(Municipality.objects.order_by("code"), page)


_add_resources()
