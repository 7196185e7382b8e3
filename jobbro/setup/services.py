"""Setting Jobbro up: a municipality's defaults, and a new user with what the role needs.

When a municipality is set up (the reference data loaded, seed-demo, add-user for its
first staff member) every app's defaults are created here, once, so that reading a page
never writes: the waiting-time settings and homework templates (cases), the national
target groups (citizens), the programme's length and the follow-up forms (placements),
the information material for job contact persons (portal) and the visit interval
(companies). Each step is idempotent. The data migrations named "provision_…" did the
same for the municipalities that existed before.

This app sits at the top of the layers with the root URLs and views: it may call
every app, and no app calls it.
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction

from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.accounts.services import user_create
from jobbro.cases.services import course_defaults_provision
from jobbro.citizens.services import target_groups_provision
from jobbro.companies.models import ContactPerson, Workplace
from jobbro.companies.services import followup_settings_provision
from jobbro.municipalities.models import Municipality
from jobbro.placements.services import placement_defaults_provision
from jobbro.portal.services import portal_information_provision


@transaction.atomic
def municipality_provision(*, municipality_ids: Collection[int] | None = None) -> None:
    """Create the missing defaults of these municipalities (all of them when None)."""
    ids = (
        list(Municipality.objects.values_list("code", flat=True))
        if municipality_ids is None
        else list(municipality_ids)
    )
    target_groups_provision(municipality_ids=ids)
    course_defaults_provision(municipality_ids=ids)
    placement_defaults_provision(municipality_ids=ids)
    followup_settings_provision(municipality_ids=ids)
    portal_information_provision(municipality_ids=ids)


@transaction.atomic
def account_create(
    *,
    username: str,
    role: Role,
    municipality: Municipality | None = None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    workplace: Workplace | None = None,
    superuser: bool = False,
) -> User:
    """``jobbro add-user``: the user; a job contact person's record at their workplace;
    for staff, their municipality set up (its defaults provisioned, if not yet)."""
    if role == Role.CONTACT_PERSON and workplace is None:
        raise ValidationError("A job contact person belongs to a workplace; give --p-number.")
    user = user_create(
        username=username,
        role=role,
        municipality=municipality,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        superuser=superuser,
    )
    if workplace is not None and role == Role.CONTACT_PERSON:
        ContactPerson.objects.create(workplace=workplace, user=user, name=str(user), email=email)
    if user.municipality_id is not None:
        municipality_provision(municipality_ids=[user.municipality_id])
    return user
