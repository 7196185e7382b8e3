"""The API's one error shape: {"error": {"code", "message", "fields": {field: [...]}}}."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from jobbro.api.common import ApiRequest
from jobbro.errors import Conflict


class ReadOnlyToken(PermissionDenied):
    """A read-only token asked to change something."""


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _field_name(location: list | tuple) -> str:
    # ninja reports ("body", "payload", "cpr") or ("query", "limit"); the last
    # string is the field the client sent.
    names = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(names) or "__all__"


def schema_errors(exc: SchemaValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(error.get("msg", ""))
    return fields


def model_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: ApiRequest, status: int, body: dict) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(SchemaValidationError)
    def invalid_input(request, exc):
        return respond(
            request, 422, error_body("invalid", "The input is invalid.", schema_errors(exc))
        )

    @api.exception_handler(Conflict)
    def conflict(request, exc):
        return respond(
            # The class names the code: ValidationError sets .code on the instance (None
            # for a dict or a list), which would hide Conflict/StaleVersion's code.
            request,
            409,
            error_body(type(exc).code, " ".join(exc.messages), model_errors(exc)),
        )

    @api.exception_handler(ValidationError)
    def invalid_data(request, exc):
        return respond(
            request, 422, error_body("invalid", "The input is invalid.", model_errors(exc))
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, error_body("not_found", "No such object."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, error_body("forbidden", "Your role may not do this."))

    @api.exception_handler(ReadOnlyToken)
    def read_only(request, exc):
        body = error_body("read_only", "This token may only read (GET); it was made read-only.")
        return respond(request, 403, body)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        body = error_body("unauthenticated", "Send a valid token: Authorization: Bearer <token>.")
        return respond(request, 401, body)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return respond(request, exc.status_code, error_body("error", str(exc)))
