from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.access import require
from jobbro.placements import followup
from jobbro.placements.forms import TemplateForm
from jobbro.placements.models import ConversationKind
from jobbro.placements.services import followup_template_current, followup_template_update


@require_GET
@require("followup.template.edit")
def template_list(request: HttpRequest) -> HttpResponse:
    templates = [
        followup_template_current(municipality=request.user.municipality, kind=kind)
        for kind in ConversationKind.values
    ]
    return render(request, "placements/template_list.html", {"templates": templates})


@require_http_methods(["GET", "POST"])
@require("followup.template.edit")
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ConversationKind.values:
        raise Http404
    current = followup_template_current(municipality=request.user.municipality, kind=kind)
    form = TemplateForm(
        request.POST or None, initial={"lines": followup.as_lines(current.question_list)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = followup_template_update(
                user=request.user, kind=kind, lines=form.cleaned_data["lines"]
            )
        except ValidationError as exc:
            form.add_error("lines", exc.message_dict.get("lines", exc.messages))
        else:
            messages.success(
                request,
                _("%(kind)s er gemt som version %(version)s.")
                % {"kind": saved.get_kind_display(), "version": saved.version},
            )
            return redirect("placements:template_list")
    return render(request, "placements/template_edit.html", {"form": form, "current": current})
