"""Reads of citizens for the pages; the views pass them through the access door."""

from django.db.models import QuerySet

from jobbro.citizens import pages
from jobbro.citizens.models import Citizen


def citizen_list(query: str) -> QuerySet[Citizen]:
    """The citizen list: a name or an exact CPR number, with the columns other apps add."""
    found = Citizen.objects.select_related("target_group")
    citizens: QuerySet[Citizen] = found.search(query) if query else found
    for column in pages.list_columns:
        citizens = column.annotate(citizens)
    return citizens.order_by("last_name", "first_name", "id")
