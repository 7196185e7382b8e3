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
