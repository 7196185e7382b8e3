"""The municipal admin's page for how long closed courses are kept."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobbro.access import require
from jobbro.privacy import services
from jobbro.privacy.forms import RetentionSettingsForm
from jobbro.privacy.models import RetentionRun, RetentionSettings
from jobbro.web import AuthedRequest, submitted

SHOWN_RUNS = 10


@require_http_methods(["GET", "POST"])
@require("settings.edit")
def settings_edit(request: AuthedRequest) -> HttpResponse:
    municipality_id = request.user.jobcenter_id
    current = RetentionSettings.for_municipality(municipality_id)
    form = RetentionSettingsForm(request.POST or None, instance=current)
    saved = submitted(
        request,
        form,
        lambda data: services.retention_settings_update(
            by=request.user, keep_months=data["keep_months"], enabled=data["enabled"]
        ),
        success=_("Opbevaringsperioden er gemt."),
    )
    if saved is not None:
        return redirect("privacy:settings")
    plan = services.retention_plan(municipality_id=municipality_id)
    runs = [
        (r, r.counts.get(str(municipality_id)))
        for r in RetentionRun.objects.order_by("-started_at", "-id")[:SHOWN_RUNS]
    ]
    context = {
        "form": form,
        "settings": current,
        "plan": plan[0] if plan else None,
        "runs": runs,
    }
    return render(request, "privacy/settings.html", context)
