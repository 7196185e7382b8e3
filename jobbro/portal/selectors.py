"""Reads of the portal for other apps' pages."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest

from jobbro.access import can, scope
from jobbro.companies import sharing
from jobbro.companies.models import ContactPerson
from jobbro.lib import clock
from jobbro.placements.models import Placement, WeeklyFeedback
from jobbro.placements.services import FEEDBACK_FIELDS
from jobbro.portal.models import PortalInformation, WeeklyFeedbackDraft


def contact_person_signin(request: HttpRequest, person: ContactPerson) -> dict[str, Any]:
    """The contact person's page: staff may send a sign-in link only to a person their
    municipality works with (companies.sharing)."""
    user: Any = request.user
    may_send = can(user, "portal.signin.contact") and sharing.works_with_contact_person(
        user.jobcenter_id, person, clock.today()
    )
    return {"can_send_link": may_send}


def feedback_initial(user: Any, placement: Placement, week: int) -> dict[str, Any]:
    """The feedback form for one week: the feedback given (to edit), then the draft
    typed so far on top of it."""
    initial: dict[str, Any] = {"week": week}
    existing = placement.feedback.filter(week=week).first()
    if existing is not None:
        initial |= {name: getattr(existing, name) for name in FEEDBACK_FIELDS}
        initial["feedback_id"] = existing.pk
    drafts = WeeklyFeedbackDraft.objects.filter(placement=placement, week=week)
    draft = scope(user, drafts).first()
    if draft is not None:
        initial |= draft.data
    return initial


def feedback_to_edit(placement: Placement, data: Mapping[str, Any]) -> WeeklyFeedback | None:
    if not data.get("feedback_id"):
        return None
    return placement.feedback.filter(pk=data["feedback_id"], week=data["week"]).first()


def information(material: Iterable[PortalInformation]) -> list[dict[str, Any]]:
    """Each sending municipality's role and training texts as lines; the practice
    sheet's defaults when no municipality has sent the person an intern yet."""
    sections = [
        {
            "municipality": info.municipality.name,
            "role": [line for line in info.role_text.splitlines() if line.strip()],
            "training": [line for line in info.training_text.splitlines() if line.strip()],
        }
        for info in material
    ]
    if sections:
        return sections
    default = PortalInformation()
    return [
        {
            "municipality": "",
            "role": default.role_text.splitlines(),
            "training": default.training_text.splitlines(),
        }
    ]
