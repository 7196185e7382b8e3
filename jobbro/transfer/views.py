"""Import and export for the jobcenter's manager and municipal admin."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.access import can, check, require
from jobbro.transfer.formats import FORMATS, FileFormatError, read_rows, too_big_message
from jobbro.transfer.forms import ImportForm
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import export_file, import_rows
from jobbro.web import AuthedRequest

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHOWN_ERRORS = 500


# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD = 64 * 1024


class SizeLimitHandler(FileUploadHandler):
    """Stops reading an upload the moment it passes IMPORT_MAX_BYTES, whatever the
    request's Content-Length said (a chunked request has none)."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received, self.too_big = 0, False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.IMPORT_MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


# CSRF is checked inside (csrf_protect), after the upload handler is in place: the
# CSRF middleware would otherwise read the whole body first.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@require("transfer.import")
def import_page(request: AuthedRequest) -> HttpResponse:
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.method == "POST" and declared > settings.IMPORT_MAX_BYTES + FORM_OVERHEAD:
        return _refuse_size(request, declared)
    limit = SizeLimitHandler(request)
    request.upload_handlers.insert(0, limit)
    return _import_page(request, limit)


def _refuse_size(request: AuthedRequest, size: int | None) -> HttpResponse:
    """Too big: say so at the field. From the headers alone, the body is never read."""
    form = ImportForm(user=request.user)
    form.cleaned_data = {}  # unbound: shown with the one error and nothing else
    form.add_error("file", too_big_message(size))
    context = {"form": form, "report": None, "shown_errors": [], "kinds": KINDS.values()}
    return render(request, "transfer/import.html", context, status=413)


@csrf_protect
def _import_page(request: AuthedRequest, limit: SizeLimitHandler) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if limit.too_big:
        return _refuse_size(request, None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            header, rows = read_rows(upload, upload.name)
        except FileFormatError as exc:
            form.add_error("file", str(exc))
        else:
            report = import_rows(
                kind=KINDS[form.cleaned_data["kind"]],
                header=header,
                rows=rows,
                municipality=request.user.municipality,
                user=request.user,
                dry_run=request.POST.get("action") != "import",
            )
    context = {
        "form": form,
        "report": report,
        "shown_errors": report.errors[:SHOWN_ERRORS] if report else [],
        "kinds": [kind for kind in KINDS.values() if can(request.user, kind.read_action)],
    }
    return render(request, "transfer/import.html", context)


@require_GET
@require("transfer.export")
def export(request: AuthedRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    # A role that may not read citizens may not download them either.
    check(request.user, KINDS[kind].read_action)
    data = export_file(
        kind=KINDS[kind], fmt=fmt, municipality=request.user.municipality, user=request.user
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    filename = f"jobbro-{kind}-{request.user.municipality_id}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
