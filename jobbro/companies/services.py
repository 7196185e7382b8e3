"""Workflows on companies and the municipality's own work with them.

Each function validates (full_clean) and runs in one transaction; views, commands
and the API call these, never save() directly.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.access import can
from jobbro.accounts.models import User
from jobbro.companies.models import (
    CapacityOverride,
    Company,
    CompanyFollowUpSettings,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    TrainingRecord,
    Workplace,
)
from jobbro.lib.capacity import CapacityExceeded, CapacityStatus, capacity_status
from jobbro.lib.capacity import check_new_placement as _check_rule


@transaction.atomic
def company_create(*, user: User, company: Company, workplace: Workplace | None) -> Company:
    """Register a company (the web form adds its first workplace; the API adds workplaces
    separately); the creator's municipality knows it."""
    company.full_clean()
    company.save()
    if workplace is not None:
        workplace.company = company
        workplace.full_clean()
        workplace.save()
    company_relate(user=user, company=company)
    return company


@transaction.atomic
def company_relate(*, user: User, company: Company) -> CompanyRelation:
    """'Tilføj til vores virksomheder': the user's municipality starts working with it."""
    relation, _created = CompanyRelation.objects.get_or_create(
        company=company,
        municipality_id=user.municipality_id,
        defaults={"since": timezone.localdate()},
    )
    return relation


@transaction.atomic
def company_update(*, company: Company) -> Company:
    company.full_clean()
    company.save()
    return company


@transaction.atomic
def workplace_save(*, workplace: Workplace) -> Workplace:
    workplace.full_clean()
    workplace.save()
    return workplace


@transaction.atomic
def contact_person_save(*, contact_person: ContactPerson) -> ContactPerson:
    contact_person.full_clean()
    contact_person.save()
    return contact_person


@transaction.atomic
def agreement_save(*, user: User, agreement: CooperationAgreement) -> CooperationAgreement:
    agreement.municipality_id = user.municipality_id
    if agreement.created_by_id is None:
        agreement.created_by = user
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def visit_save(*, user: User, visit: CompanyVisit) -> CompanyVisit:
    visit.municipality_id = user.municipality_id
    visit.full_clean()
    if visit.consultant.municipality_id != user.municipality_id:
        raise ValidationError({"consultant": _("Konsulenten skal være ansat i jobcentret.")})
    visit.save()
    return visit


@transaction.atomic
def training_create(*, user: User, training: TrainingRecord) -> TrainingRecord:
    training.municipality_id = user.municipality_id
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def meeting_save(
    *, user: User, meeting: ExperienceMeeting, attendees: list[ContactPerson]
) -> ExperienceMeeting:
    meeting.municipality_id = user.municipality_id
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def followup_settings_save(*, user: User, visit_interval_months: int) -> CompanyFollowUpSettings:
    settings, _created = CompanyFollowUpSettings.objects.get_or_create(
        municipality_id=user.municipality_id
    )
    settings.visit_interval_months = visit_interval_months
    settings.full_clean()
    settings.save()
    return settings


def workplace_capacity(
    workplace: Workplace, start: date, end: date, *, exclude_placement_id: int | None = None
) -> CapacityStatus:
    """Capacity of one workplace over a period: the single source lists and checks use.

    ``Workplace.objects.with_capacity`` counts Jobbro's placements overlapping the
    period (all but ``exclude_placement_id``) plus the other schemes the consultant
    recorded; the pure rule in jobbro.lib.capacity does the arithmetic.
    """
    row = (
        Workplace.objects.with_capacity(start, end, exclude_placement_id=exclude_placement_id)
        .filter(pk=workplace.pk)
        .values("capacity_used", "other_schemes_count")
        .get()
    )
    jobbro_used = row["capacity_used"] - row["other_schemes_count"]
    return capacity_status(workplace.ordinary_employees, jobbro_used, row["other_schemes_count"])


@transaction.atomic
def capacity_check(
    workplace: Workplace,
    start: date,
    end: date,
    *,
    override_by: User | None = None,
    reason: str = "",
    exclude_placement_id: int | None = None,
) -> CapacityOverride | None:
    """Refuse one more supported person beyond § 65 unless a manager overrides with a reason.

    Returns the logged CapacityOverride when a manager let it through, None when the
    workplace had room. Placement creation and rescheduling call this in their
    transaction and link the override to the placement (``placement_id``); a
    rescheduled placement is ``exclude_placement_id``, so it is not counted twice.
    """
    # Lock the workplace row so two placements created (or moved) at once cannot both
    # take the last place (PostgreSQL; SQLite serialises writers anyway).
    Workplace.objects.select_for_update().filter(pk=workplace.pk).exists()
    status = workplace_capacity(workplace, start, end, exclude_placement_id=exclude_placement_id)
    try:
        _check_rule(status)
    except CapacityExceeded:
        if override_by is None:
            raise
        return _log_override(workplace, start, end, status, override_by, reason)
    return None


def _log_override(
    workplace: Workplace,
    start: date,
    end: date,
    status: CapacityStatus,
    manager: User,
    reason: str,
) -> CapacityOverride:
    if not can(manager, "capacity.override"):
        raise PermissionDenied(_("Kun en leder kan tilsidesætte rimelighedskravet."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Skriv en begrundelse for at tilsidesætte rimelighedskravet.")}
        )
    override = CapacityOverride(
        municipality_id=manager.municipality_id,
        workplace=workplace,
        manager=manager,
        reason=reason.strip(),
        period_start=start,
        period_end=end,
        allowed=status.allowed,
        used=status.total_used,
    )
    override.full_clean()
    override.save()
    return override
