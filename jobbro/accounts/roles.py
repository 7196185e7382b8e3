"""The seven roles. Their codes are a public contract (commands, API): keep them as written."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Sagsbehandler")
    CONSULTANT = "consultant", _("Virksomhedskonsulent")
    MANAGER = "manager", _("Leder")
    ADMIN = "admin", _("Kommunal administrator")
    EVALUATOR = "evaluator", _("Programevaluator")
    CONTACT_PERSON = "contact_person", _("Jobkontaktperson")
    CITIZEN = "citizen", _("Borger")


# Jobcenter staff belong to exactly one municipality and see only its data.
STAFF_ROLES = frozenset({Role.CASEWORKER, Role.CONSULTANT, Role.MANAGER, Role.ADMIN})
ALL_ROLES = frozenset(Role)

# Who signs in with username and password, and so with a second factor as well: the
# jobcenter's staff and the programme evaluators. Job contact persons and citizens sign
# in with an emailed one-time link (or MitID) and have no password.
PASSWORD_ROLES = STAFF_ROLES | {Role.EVALUATOR}
