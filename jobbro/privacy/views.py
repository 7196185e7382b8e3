"""The municipal admin's page for how long closed courses are kept."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobbro.access import require
from jobbro.privacy import services
from jobbro.privacy.forms import RetentionSettingsForm
from jobbro.privacy.models import RetentionRun, RetentionSettings
from jobbro.web import run_service

SHOWN_RUNS = 10


@require_http_methods(["GET", "POST"])
@require("settings.edit")
def settings_edit(request: HttpRequest) -> HttpResponse:
    municipality_id = request.user.municipality_id
    current = RetentionSettings.for_municipality(municipality_id)
    form = RetentionSettingsForm(request.POST or None, instance=current)

    def run(data: dict) -> None:
        services.retention_settings_update(
            by=request.user, keep_months=data["keep_months"], enabled=data["enabled"]
        )

    back = reverse("privacy:settings")
    done = run_service(request, form, run, success=_("Opbevaringsperioden er gemt."), back=back)
    if done:
        return done
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
