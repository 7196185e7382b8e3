"""What companies needs from the apps above it, which it may not import.

companies sits below placements and portal in the layers (docs/architecture.md): a
placement is at a workplace, so placements imports companies, never the reverse. Two
rules of companies still depend on placements, and one change matters to the portal:

* the capacity rule (BEK 2636/2021 § 65) counts Jobbro's planned and active placements
  at a workplace in a period (``placements().used``);
* the sharing rules ask which municipalities rely on a job contact person or workplace
  through a planned, current or recent placement (``placements().relied_on``);
* when a job contact person's e-mail changes, the portal stops the sign-in links sent to
  the old address (``email_changed``).

The placements and portal apps register here from their AppConfig.ready().
"""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Expression, QuerySet

if TYPE_CHECKING:
    from jobbro.companies.models import ContactPerson


class Placements(Protocol):
    def used(self, start: date, end: date, exclude_placement_id: int | None) -> Expression:
        """Planned and active placements overlapping [start, end] at the workplace
        ``OuterRef("pk")``, as a correlated subquery (0 when none), every municipality's."""
        ...

    def relied_on(self, since: date) -> QuerySet[Any]:
        """Placements that are planned or current, or ended on or after ``since``; rows
        with municipality_id, workplace_id and contact_person_id."""
        ...


_placements: list[Placements] = []
email_changed: list[Callable[["ContactPerson"], None]] = []


def provide_placements(provider: Placements) -> None:
    _placements[:] = [provider]


def placements() -> Placements:
    if not _placements:
        raise ImproperlyConfigured("jobbro.placements must be installed to count placements.")
    return _placements[0]


def on_email_changed(listener: Callable[["ContactPerson"], None]) -> None:
    email_changed.append(listener)
