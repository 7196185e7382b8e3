"""The seams of the citizen pages, for the apps above citizens.

citizens sits below cases in the layers (a course belongs to a citizen; see
docs/architecture.md), so it never imports cases. cases adds what these pages show
about courses by registering here from its AppConfig.ready():

* a column of the citizen list: an annotation of the list's queryset (in the same
  query, so the page keeps its query count) and a template for the cell, and buttons
  above the list ("Ny borger / nyt forløb");
* where a citizen's edit pages lead back to (the citizen's course page).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobbro.citizens.models import Citizen


@dataclass(frozen=True)
class Column:
    heading: str | Promise
    annotate: Callable[[QuerySet[Citizen]], QuerySet[Citizen]]
    template: str  # the cell's content, rendered with ``citizen`` (one row)


Link = tuple[str, str | Promise]  # (url, what the back link says)

list_columns: list[Column] = []
list_actions: list[str] = []  # templates of buttons above the list
_back_links: list[Callable[[Citizen], Link | None]] = []


def add_list_column(column: Column) -> None:
    list_columns.append(column)


def add_list_action(template: str) -> None:
    list_actions.append(template)


def add_back_link(link: Callable[[Citizen], Link | None]) -> None:
    """``link(citizen)``: where the citizen's edit pages return to, or None."""
    _back_links.append(link)


def back_to(citizen: Citizen) -> Link:
    for link in _back_links:
        if found := link(citizen):
            return found
    return reverse("citizens:citizen_list"), _("Tilbage til borgerne")
