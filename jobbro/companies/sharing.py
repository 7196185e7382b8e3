"""Who may change shared partner data that other municipalities rely on.

Companies, workplaces and job contact persons are shared: one record serves every
municipality that works with the company. Relating to a company ("Tilføj til vores
virksomheder") is a municipality's own say-so, so it may give the right to keep
ordinary details up to date (names, addresses, titles) but never the right to change
what others rely on:

* a job contact person's e-mail (the portal identity a sign-in link goes to), phone
  and active flag: only a municipality that *works with the person* — a planned,
  current or recent placement with them, or an active cooperation agreement with their
  workplace — or the municipality that registered the person while nobody else works
  with them;
* a workplace's capacity inputs (BEK 2636/2021 § 65: employee count, other supported
  people, normal weekly hours and the statements): once another municipality works with
  the company, only a municipality that works with that workplace;
* the identifiers (CVR, P-number): only while no other municipality works with the
  company.

Every change is recorded as a ``SharedChange`` (who, which municipality, old → new)
that every municipality reading the company sees. The rules are written out in
docs/architecture.md.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from jobbro.companies import seams
from jobbro.companies.models import (
    Company,
    CompanyRelation,
    ContactPerson,
    CooperationAgreement,
    Workplace,
)

# A placement that ended within this many days still makes the municipality one that
# "works with" the job contact person: the final conversation and the feedback on the
# outcome come after the last day.
RECENT_PLACEMENT_DAYS = 180

CONTACT_IDENTITY_FIELDS = frozenset({"email", "phone", "is_active"})
CAPACITY_FIELDS = frozenset(
    {
        "ordinary_employees",
        "employees_stated_on",
        "other_schemes_count",
        "weekly_hours",
        "worker_rep_statement_on",
    }
)
IDENTIFIER_FIELDS = {Company: frozenset({"cvr"}), Workplace: frozenset({"p_number"})}


def _relied_on(today: date) -> QuerySet[Any]:
    """Placements that are planned, current or ended within RECENT_PLACEMENT_DAYS."""
    return seams.placements().relied_on(today - timedelta(days=RECENT_PLACEMENT_DAYS))


def _has_active_agreement(municipality_id: int, workplace_id: int, today: date) -> bool:
    return (
        CooperationAgreement.objects.filter(
            municipality_id=municipality_id, workplace_id=workplace_id
        )
        .active_on(today)
        .exists()
    )


def works_with_contact_person(municipality_id: int, person: ContactPerson, today: date) -> bool:
    """A planned, current or recent placement with the person, or an agreement at their
    workplace."""
    mine = _relied_on(today).filter(municipality_id=municipality_id)
    if mine.filter(contact_person_id=person.pk).exists():
        return True
    return _has_active_agreement(municipality_id, person.workplace_id, today)


def works_with_workplace(municipality_id: int, workplace: Workplace, today: date) -> bool:
    mine = _relied_on(today).filter(municipality_id=municipality_id)
    if mine.filter(workplace_id=workplace.pk).exists():
        return True
    return _has_active_agreement(municipality_id, workplace.pk, today)


def others_work_with_contact_person(
    municipality_id: int, person: ContactPerson, today: date
) -> bool:
    """Does any other municipality rely on this person (placement or agreement)?"""
    placements = (
        _relied_on(today)
        .filter(contact_person_id=person.pk)
        .exclude(municipality_id=municipality_id)
    )
    agreements = (
        CooperationAgreement.objects.filter(workplace_id=person.workplace_id)
        .exclude(municipality_id=municipality_id)
        .active_on(today)
    )
    return placements.exists() or agreements.exists()


def others_relate_to(municipality_id: int, company_id: int) -> bool:
    return (
        CompanyRelation.objects.filter(company_id=company_id)
        .exclude(municipality_id=municipality_id)
        .exists()
    )


def refusals(user: Any, obj: Model, changed: set[str], today: date) -> dict[str, str]:
    """Field → Danish reason, for each changed field this user's municipality may not
    change. Empty when the change may go ahead."""
    m = user.municipality_id
    if isinstance(obj, ContactPerson):
        return _contact_person_refusals(m, obj, changed, today)
    company_id = obj.company_id if isinstance(obj, Workplace) else obj.pk
    refused: dict[str, str] = {}
    identifiers = changed & IDENTIFIER_FIELDS.get(type(obj), frozenset())
    if identifiers and others_relate_to(m, company_id):
        for name in identifiers:
            refused[name] = _(
                "Kan ikke ændres, fordi andre kommuner også arbejder med virksomheden. "
                "Er nummeret forkert, så opret arbejdsstedet eller virksomheden med det "
                "rigtige nummer."
            )
    capacity = changed & CAPACITY_FIELDS
    if (
        isinstance(obj, Workplace)
        and capacity
        and others_relate_to(m, company_id)
        and not works_with_workplace(m, obj, today)
    ):
        for name in capacity:
            refused[name] = _(
                "Andre kommuner bruger tallet til rimelighedskravet (BEK 2636/2021 § 65). "
                "Det kan kun ændres af en kommune, der har en praktik eller en aktiv "
                "samarbejdsaftale på arbejdsstedet."
            )
    return refused


def locked_fields(user: Any, obj: Model, today: date) -> dict[str, str]:
    """The fields of an existing shared object this user's municipality may not change,
    with the reason (the edit forms show them disabled with it)."""
    if obj.pk is None:
        return {}
    lockable = (
        CONTACT_IDENTITY_FIELDS
        if isinstance(obj, ContactPerson)
        else IDENTIFIER_FIELDS.get(type(obj), frozenset())
        | (CAPACITY_FIELDS if isinstance(obj, Workplace) else frozenset())
    )
    return refusals(user, obj, set(lockable), today)


def may_change_contact_identity(municipality_id: int, person: ContactPerson, today: date) -> bool:
    if works_with_contact_person(municipality_id, person, today):
        return True
    registered_here = person.created_by_municipality_id == municipality_id
    return registered_here and not others_work_with_contact_person(municipality_id, person, today)


def _contact_person_refusals(
    municipality_id: int, person: ContactPerson, changed: set[str], today: date
) -> dict[str, str]:
    identity = changed & CONTACT_IDENTITY_FIELDS
    if not identity or may_change_contact_identity(municipality_id, person, today):
        return {}
    reason = _(
        "Låst: kan kun ændres af en kommune, der har en planlagt, igangværende eller nylig "
        "praktik med jobkontaktpersonen eller en aktiv samarbejdsaftale med arbejdsstedet."
    )
    refused = dict.fromkeys(identity, reason)
    if "email" in refused:
        refused["email"] = _(
            "Låst: e-mailen er jobkontaktpersonens login. Den kan kun ændres af en kommune, "
            "der har en planlagt, igangværende eller nylig praktik med jobkontaktpersonen "
            "eller en aktiv samarbejdsaftale med arbejdsstedet."
        )
    return refused
