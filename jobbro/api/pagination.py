from django.db.models import QuerySet
from ninja import Field, Schema

MAX_LIMIT = 500
# Beyond any real list, and within what the database drivers take as an OFFSET.
MAX_OFFSET = 10**9


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def paginate(queryset: QuerySet, params: PageParams) -> dict:
    """{"count": N, "results": [...]} with one COUNT and one sliced query."""
    return {
        "count": queryset.count(),
        "results": list(queryset[params.offset : params.offset + params.limit]),
    }
