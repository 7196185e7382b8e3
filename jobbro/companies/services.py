"""Workflows on companies and the municipality's own work with them.

Each function validates (full_clean) and runs in one transaction; views, commands
and the API call these, never save() directly.
"""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jobbro.access import can, check_company_edit
from jobbro.accounts.models import User
from jobbro.companies import seams, sharing
from jobbro.companies.models import (
    CapacityOverride,
    Company,
    CompanyFollowUpSettings,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    SharedChange,
    TrainingRecord,
    Workplace,
)
from jobbro.lib import clock
from jobbro.lib.capacity import CapacityExceeded, CapacityStatus, capacity_status
from jobbro.lib.capacity import check_new_placement as _check_rule


@transaction.atomic
def company_create(*, user: User, company: Company, workplace: Workplace | None) -> Company:
    """Register a company (the web form adds its first workplace; the API adds workplaces
    separately); the creator's municipality knows it."""
    company.full_clean()
    company.save()
    record_change(user=user, company_id=company.pk, obj=company, action=SharedChange.Action.CREATED)
    if workplace is not None:
        workplace.company = company
        workplace_save(user=user, workplace=workplace)
    company_relate(user=user, company=company)
    return company


@transaction.atomic
def company_relate(*, user: User, company: Company) -> CompanyRelation:
    """'Tilføj til vores virksomheder': the user's municipality starts working with it.

    On its own say-so, so it grants only what companies/sharing.py allows a related
    municipality; the others see that it happened."""
    relation, created = CompanyRelation.objects.get_or_create(
        company=company,
        municipality_id=user.jobcenter_id,
        defaults={"since": clock.today()},
    )
    if created:
        record_change(
            user=user, company_id=company.pk, obj=company, action=SharedChange.Action.RELATED
        )
    return relation


@transaction.atomic
def company_update(*, user: User, company: Company, today: date | None = None) -> Company:
    return _shared_save(user=user, obj=company, company_id=company.pk, today=today)[0]


@transaction.atomic
def workplace_save(*, user: User, workplace: Workplace, today: date | None = None) -> Workplace:
    return _shared_save(user=user, obj=workplace, company_id=workplace.company_id, today=today)[0]


@transaction.atomic
def contact_person_save(
    *, user: User, contact_person: ContactPerson, today: date | None = None
) -> ContactPerson:
    """Save a job contact person; a changed e-mail follows to their portal account.

    The e-mail is the portal identity a sign-in link goes to, so it (and the phone and
    the active flag) may only be changed by a municipality that works with the person
    (sharing.py). Each change is recorded and announced to the address it leaves;
    unused sign-in links sent to the old address stop working.
    """
    person = contact_person
    if person.pk is None and person.created_by_municipality_id is None:
        person.created_by_municipality_id = user.jobcenter_id
    person, changes = _shared_save(
        user=user, obj=person, company_id=person.workplace.company_id, today=today
    )
    if "email" in changes and person.user_id is not None:
        _portal_address_follows(person)
    if changes.keys() & {"email", "phone"}:
        _announce_contact_change(user=user, person=person, changes=changes)
    return person


def _shared_save(
    *, user: User, obj: Any, company_id: int, today: date | None
) -> tuple[Any, dict[str, tuple[Any, Any]]]:
    """Validate, check the sharing rules, save and record one shared object."""
    obj.full_clean()
    if obj.pk is None:
        obj.save()
        record_change(user=user, company_id=company_id, obj=obj, action=SharedChange.Action.CREATED)
        return obj, {}
    changes = _changes(obj)
    refused = sharing.refusals(user, obj, set(changes), today or clock.today())
    if refused:
        raise ValidationError(refused)
    obj.save()
    for name, (old, new) in changes.items():
        record_change(
            user=user,
            company_id=company_id,
            obj=obj,
            action=SharedChange.Action.CHANGED,
            field=name,
            old=old,
            new=new,
        )
    return obj, changes


# Bookkeeping, not data a person changes.
_UNRECORDED = frozenset(
    {"id", "created_at", "updated_at", "user", "created_by_municipality", "company"}
)


def _changes(obj: Any) -> dict[str, tuple[str, str]]:
    """Field → (old, new) as text, for each field that differs from the database."""
    before = type(obj)._default_manager.get(pk=obj.pk)
    changes = {}
    for field in obj._meta.concrete_fields:
        if field.name in _UNRECORDED:
            continue
        old, new = field.value_from_object(before), field.value_from_object(obj)
        if old == new:
            continue
        if field.is_relation:
            old, new = getattr(before, field.name), getattr(obj, field.name)
        changes[field.name] = (_text(old), _text(new))
    return changes


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _history_row(
    obj: Any,
    *,
    company_id: int,
    action: str,
    municipality_id: int | None,
    user: User | None,
    actor: str,
    field: str = "",
    old: str = "",
    new: str = "",
) -> SharedChange:
    return SharedChange(
        company_id=company_id,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        object_label=str(obj)[:300],
        action=action,
        field=field,
        old_value=old,
        new_value=new,
        municipality_id=municipality_id,
        user=user,
        username=user.get_username() if user is not None else actor,
    )


def record_change(
    *,
    user: User | None,
    company_id: int,
    obj: Any,
    action: str,
    field: str = "",
    old: str = "",
    new: str = "",
    actor: str = "",
) -> SharedChange:
    """One row of the shared record's history (``user`` None for the command line)."""
    row = _history_row(
        obj,
        company_id=company_id,
        action=action,
        municipality_id=getattr(user, "municipality_id", None),
        user=user,
        actor=actor,
        field=field,
        old=old,
        new=new,
    )
    row.save()
    return row


def record_created(
    objs: list[Any],
    *,
    company_ids: list[int],
    municipality_id: int,
    user: User | None,
    actor: str,
    action: str = SharedChange.Action.CREATED,
) -> None:
    """The history rows for shared objects created (or related to) in bulk (import)."""
    rows = [
        _history_row(
            obj,
            company_id=company_id,
            action=action,
            municipality_id=municipality_id,
            user=user,
            actor=actor,
        )
        for obj, company_id in zip(objs, company_ids, strict=True)
    ]
    SharedChange.objects.bulk_create(rows, batch_size=2000)


def _portal_address_follows(person: ContactPerson) -> None:
    """The portal account's address is the record's; links sent to the old one die
    (the portal does that: companies.seams.email_changed)."""
    User.objects.filter(pk=person.user_id).update(email=person.email)
    for listener in seams.email_changed:
        listener(person)


def _announce_contact_change(
    *, user: User, person: ContactPerson, changes: dict[str, tuple[str, str]]
) -> None:
    """Tell the person at the address they had before the change (no other data)."""
    old_email = changes["email"][0] if "email" in changes else person.email
    if not old_email:
        return
    context = {
        "person": person,
        "fields": [
            str(getattr(ContactPerson._meta.get_field(name), "verbose_name", name))
            for name in changes
        ],
        "municipality": user.municipality,
        "by": user.get_full_name() or user.get_username(),
        "at": clock.now(),
    }
    # After commit: a change that rolls back is never announced.
    transaction.on_commit(
        lambda: send_mail(
            _("Dine kontaktoplysninger i Jobbro er ændret"),
            render_to_string("companies/email/contact_person_changed.txt", context),
            None,
            [old_email],
        )
    )


@transaction.atomic
def agreement_save(*, user: User, agreement: CooperationAgreement) -> CooperationAgreement:
    """The municipality's agreement with one workplace of a company it works with."""
    check_company_edit(user, agreement.workplace.company)
    agreement.municipality_id = user.jobcenter_id
    if agreement.created_by_id is None:
        agreement.created_by = user
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def visit_save(*, user: User, visit: CompanyVisit) -> CompanyVisit:
    """A visit to a company the municipality works with, by one of its own consultants."""
    check_company_edit(user, visit.company)
    visit.municipality_id = user.jobcenter_id
    visit.full_clean()
    if visit.consultant.municipality_id != user.jobcenter_id:
        raise ValidationError({"consultant": _("Konsulenten skal være ansat i jobcentret.")})
    visit.save()
    return visit


@transaction.atomic
def training_create(*, user: User, training: TrainingRecord) -> TrainingRecord:
    """Training the municipality gave a job contact person of a company it works with."""
    check_company_edit(user, training.contact_person.workplace.company)
    training.municipality_id = user.jobcenter_id
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def meeting_save(
    *, user: User, meeting: ExperienceMeeting, attendees: list[ContactPerson]
) -> ExperienceMeeting:
    meeting.municipality_id = user.jobcenter_id
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def followup_settings_provision(*, municipality_ids: Collection[int]) -> None:
    """The default visit interval for municipalities being set up."""
    CompanyFollowUpSettings.objects.bulk_create(
        [CompanyFollowUpSettings(municipality_id=m) for m in municipality_ids],
        ignore_conflicts=True,
    )


@transaction.atomic
def followup_settings_save(*, user: User, visit_interval_months: int) -> CompanyFollowUpSettings:
    settings = CompanyFollowUpSettings.objects.get(municipality_id=user.jobcenter_id)
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
        municipality_id=manager.jobcenter_id,
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
