"""Import and export for the jobcenter's manager and municipal admin."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.access import can, check, require
from jobbro.transfer.formats import FORMATS, FileFormatError, read_rows
from jobbro.transfer.forms import ImportForm
from jobbro.transfer.kinds import KINDS
from jobbro.transfer.services import export_file, import_rows

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHOWN_ERRORS = 500


@require_http_methods(["GET", "POST"])
@require("transfer.import")
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
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
def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
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
