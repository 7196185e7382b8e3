"""Citizens: create, list (a logged search), read (logged), update. The CPR number goes in
and never comes out again: responses carry ``masked_cpr`` (DDMMYY-XXXX) only."""

from datetime import date

from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, field_validator

from jobbro.access import allows, get_for_user
from jobbro.api.common import ApiRequest, PathId, english_cpr, english_cvr
from jobbro.api.pagination import PageParams, search
from jobbro.api.schemas import ERRORS
from jobbro.citizens.models import Citizen
from jobbro.citizens.services import citizen_create, citizen_update

router = Router(tags=["citizens"])

POSTCODE = r"^\d{4}$"


class CitizenOut(Schema):
    id: int
    masked_cpr: str = Field(description="DDMMYY-XXXX: the full CPR number is never returned")
    first_name: str
    last_name: str
    postcode: str
    email: str
    phone: str
    unemployed_since: date | None
    last_employer_cvr: str


class CitizenPage(Schema):
    count: int
    results: list[CitizenOut]


class _CitizenFields(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("last_employer_cvr", check_fields=False)
    @classmethod
    def _cvr(cls, value: str | None) -> str | None:
        return english_cvr(value) if value else value


class CitizenIn(_CitizenFields):
    cpr: str = Field(description="10 digits, with or without a dash (DDMMYY-XXXX)")
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    postcode: str = Field("", pattern=r"^(\d{4})?$")
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    unemployed_since: date | None = None
    last_employer_cvr: str = Field("", description="8 digits; a placement there is refused")

    @field_validator("cpr")
    @classmethod
    def _cpr(cls, value: str) -> str:
        return english_cpr(value)


class CitizenPatch(_CitizenFields):
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    postcode: str | None = Field(None, pattern=r"^(\d{4})?$")
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)
    unemployed_since: date | None = None
    last_employer_cvr: str | None = None


class CitizenFilter(PageParams):
    q: str = Field("", description="exact CPR number or words of the name; logged")


def _fields(payload: Schema, *, partial: bool) -> dict:
    fields = payload.model_dump(exclude_unset=partial)
    if "email" in fields:
        fields["email"] = fields["email"] or ""
    for name in ("first_name", "last_name", "postcode", "phone", "last_employer_cvr"):
        if partial and name in fields and fields[name] is None:
            del fields[name]
    return fields


@router.post("/citizens", response={201: CitizenOut, **ERRORS})
@allows("citizen.edit")
def citizen_post(request: ApiRequest, payload: CitizenIn):
    return Status(201, citizen_create(by=request.auth, fields=_fields(payload, partial=False)))


@router.get("/citizens", response={200: CitizenPage, **ERRORS})
@allows("citizen.view")
def citizen_list(request: ApiRequest, filters: Query[CitizenFilter]):
    q = filters.q.strip()
    return search(
        request.auth,
        (Citizen.objects.search(q) if q else Citizen.objects.all()).order_by(
            "last_name", "first_name", "id"
        ),
        "citizen.view",
        filters,
        criteria={"q": filters.q.strip(), "limit": filters.limit, "offset": filters.offset},
        purpose="api.citizen.list",
    )


@router.get("/citizens/{citizen_id}", response={200: CitizenOut, **ERRORS})
@allows("citizen.view")
def citizen_get(request: ApiRequest, citizen_id: PathId):
    return get_for_user(request.auth, Citizen, "citizen.view", pk=citizen_id)


@router.patch("/citizens/{citizen_id}", response={200: CitizenOut, **ERRORS})
@allows("citizen.edit")
def citizen_patch(request: ApiRequest, citizen_id: PathId, payload: CitizenPatch):
    citizen = get_for_user(request.auth, Citizen, "citizen.edit", pk=citizen_id, log=None)
    return citizen_update(by=request.auth, citizen=citizen, fields=_fields(payload, partial=True))
