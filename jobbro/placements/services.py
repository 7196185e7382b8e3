"""Workflows of placements; for now the follow-up form templates."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from jobbro.accounts.models import User
from jobbro.municipalities.models import Municipality
from jobbro.placements import followup
from jobbro.placements.models import ConversationKind, FollowUpTemplate


def followup_template_current(*, municipality: Municipality, kind: str) -> FollowUpTemplate:
    """The newest version, made from the practice sheet's questions on first use."""
    template = (
        FollowUpTemplate.objects.filter(municipality=municipality, kind=kind)
        .order_by("-version")
        .first()
    )
    if template is not None:
        return template
    questions = followup.parse_lines(followup.DEFAULT_TEMPLATES[kind])
    try:
        with transaction.atomic():
            return FollowUpTemplate.objects.create(
                municipality=municipality,
                kind=kind,
                version=1,
                questions=followup.to_data(questions),
            )
    except IntegrityError:
        # Two requests made version 1 at once; the other one won.
        return FollowUpTemplate.objects.get(municipality=municipality, kind=kind, version=1)


@transaction.atomic
def followup_template_update(*, user: User, kind: str, lines: str) -> FollowUpTemplate:
    """Save edited questions as a new version (unchanged questions make none)."""
    if kind not in ConversationKind.values:
        raise ValidationError({"kind": "Ukendt samtaletype."})
    try:
        questions = followup.parse_lines(lines)
    except followup.TemplateError as exc:
        raise ValidationError({"lines": str(exc)}) from None
    current = followup_template_current(municipality=user.municipality, kind=kind)
    if current.questions == followup.to_data(questions):
        return current
    newest = FollowUpTemplate.objects.filter(municipality=user.municipality, kind=kind).aggregate(
        Max("version")
    )["version__max"]
    return FollowUpTemplate.objects.create(
        municipality=user.municipality,
        kind=kind,
        version=newest + 1,
        questions=followup.to_data(questions),
        created_by=user,
    )
