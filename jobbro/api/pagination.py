from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from jobbro.access import search_for_user

MAX_LIMIT = 500
# Beyond any real list, and within what the database drivers take as an OFFSET.
MAX_OFFSET = 10**9


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def paginate(queryset: QuerySet, params: PageParams) -> dict:
    """{"count": N, "results": [...]} with one COUNT and one sliced query (lists that
    hold no personal data; those go through access.search_for_user: ``search``)."""
    return {
        "count": queryset.count(),
        "results": list(queryset[params.offset : params.offset + params.limit]),
    }


def search(user: Any, queryset: QuerySet, action: str, params: PageParams, **kw: Any) -> dict:
    """A list of personal data: scoped, one page, logged as a search with its criteria
    (access.search_for_user, the same door as the web's lists)."""
    page = search_for_user(
        user, queryset, action, offset=params.offset, per_page=params.limit, **kw
    )
    return {"count": page.paginator.count, "results": page.object_list}
