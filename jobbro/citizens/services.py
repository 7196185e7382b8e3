"""Workflows on citizens: what the citizen pages, cases, the API and import call.

Each validates (full_clean), runs in one transaction and logs the use of personal data.
"""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog, User
from jobbro.citizens.models import (
    DEFAULT_TARGET_GROUP,
    DEFAULT_TARGET_GROUPS,
    MAX_WISH_WORKPLACES,
    Citizen,
    TargetGroup,
    UnemploymentPeriod,
    WishWorkplace,
)
from jobbro.lib.cpr import normalize_cpr


def target_groups_provision(*, municipality_ids: Collection[int]) -> None:
    """The national target groups for municipalities being set up (idempotent)."""
    TargetGroup.objects.bulk_create(
        [
            TargetGroup(municipality_id=m, code=code, name=name)
            for m in municipality_ids
            for code, name in DEFAULT_TARGET_GROUPS
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def target_group_create(*, by: User, name: str) -> TargetGroup:
    group = TargetGroup(municipality_id=by.jobcenter_id, name=name, code=slugify(name)[:40])
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def citizen_create(*, by: User, fields: dict[str, Any], log: bool = True) -> Citizen:
    """A citizen in the user's municipality (CPR normalised, default target group)."""
    municipality_id = by.jobcenter_id
    fields = dict(fields)
    fields["cpr"] = normalize_cpr(fields["cpr"]) if fields.get("cpr") else fields.get("cpr", "")
    if fields.get("target_group") is None:
        fields["target_group"] = TargetGroup.objects.get(
            municipality_id=municipality_id, code=DEFAULT_TARGET_GROUP
        )
    elif fields["target_group"].municipality_id != municipality_id:
        raise ValidationError({"target_group": _("Vælg en målgruppe fra listen.")})
    if Citizen.objects.filter(municipality_id=municipality_id, cpr=fields["cpr"]).exists():
        raise ValidationError(
            {"cpr": _("Der findes allerede en borger med dette CPR-nummer i kommunen.")}
        )
    citizen = Citizen(municipality_id=municipality_id, **fields)
    citizen.full_clean()
    citizen.save()
    if log:
        log_access(by, AccessLog.Action.CREATE, citizen, purpose="citizen.create")
    return citizen


@transaction.atomic
def citizen_update(*, by: User, citizen: Citizen, fields: dict[str, Any]) -> Citizen:
    for name, value in fields.items():
        setattr(citizen, name, value)
    if citizen.target_group and citizen.target_group.municipality_id != citizen.municipality_id:
        raise ValidationError({"target_group": _("Vælg en målgruppe fra listen.")})
    citizen.full_clean()
    citizen.save()
    log_access(by, AccessLog.Action.UPDATE, citizen, purpose="citizen.edit")
    return citizen


@transaction.atomic
def unemployment_period_add(
    *, by: User, citizen: Citizen, start_on: date, end_on: date | None
) -> UnemploymentPeriod:
    period = UnemploymentPeriod(
        municipality_id=citizen.municipality_id, citizen=citizen, start_on=start_on, end_on=end_on
    )
    period.full_clean()
    period.save()
    log_access(by, AccessLog.Action.UPDATE, citizen, purpose="citizen.edit")
    return period


def wish_workplaces_replace(*, by: User, citizen: Citizen, rows: list[dict[str, str]]) -> None:
    """The citizen's (at most three) wish workplaces become exactly these rows."""
    rows = [r for r in rows if r.get("company_name", "").strip()]
    if len(rows) > MAX_WISH_WORKPLACES:
        raise ValidationError(_("Højst tre ønskearbejdspladser."))
    WishWorkplace.objects.filter(citizen=citizen).delete()
    for position, row in enumerate(rows, start=1):
        wish = WishWorkplace(
            municipality_id=citizen.municipality_id,
            citizen=citizen,
            position=position,
            company_name=row["company_name"].strip(),
            cvr=row.get("cvr", "").strip(),
            why=row.get("why", "").strip(),
        )
        wish.full_clean()
        wish.save()
