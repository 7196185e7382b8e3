"""Companies, workplaces (P-numbers) and job contact persons: shared partners every staff
member reads; changing a company's workplaces and people needs the municipality to work
with the company (``company_editable_by``), as in the web UI."""

from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, field_validator

from jobbro.access import allows, check_company_edit, get_for_user, scope
from jobbro.api.common import ApiRequest, Id, english_cvr, english_p_number, today
from jobbro.api.pagination import PageParams, paginate
from jobbro.api.schemas import ERRORS
from jobbro.companies.industries import COMMON_DB07
from jobbro.companies.models import Company, ContactPerson, Workplace
from jobbro.companies.services import company_create, contact_person_save, workplace_save

router = Router(tags=["companies"])


class CompanyOut(Schema):
    id: int
    cvr: str
    name: str
    industry_code: str
    industry_text: str


class CompanyPage(Schema):
    count: int
    results: list[CompanyOut]


class CompanyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    cvr: str = Field(description="8 digits")
    name: str = Field(min_length=1, max_length=200)
    industry_code: str = Field(pattern=r"^\d{6}$", description="DB07, 6 digits")
    industry_text: str = Field(
        "", max_length=200, description="default: the DB07 name when known, else the code"
    )

    @field_validator("cvr")
    @classmethod
    def _cvr(cls, value: str) -> str:
        return english_cvr(value)


class CompanyFilter(PageParams):
    cvr: str = ""
    q: str = Field("", description="words of the name")


class WorkplaceOut(Schema):
    id: int
    company_id: Id
    p_number: str
    name: str
    postcode: str
    ordinary_employees: Decimal
    weekly_hours: Decimal
    capacity: int = Field(
        alias="capacity_allowed",
        description="supported people allowed today (BEK 2636/2021 § 65)",
    )
    capacity_used: int = Field(description="placements and other schemes counted today")


class WorkplacePage(Schema):
    count: int
    results: list[WorkplaceOut]


class WorkplaceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    company_id: Id
    p_number: str = Field(description="10 digits")
    name: str = Field(min_length=1, max_length=200)
    postcode: str = Field(pattern=r"^\d{4}$")
    ordinary_employees: Decimal = Field(ge=0, le=100000, max_digits=7, decimal_places=1)
    weekly_hours: Decimal = Field(Decimal("37"), gt=0, le=37, max_digits=4, decimal_places=1)

    @field_validator("p_number")
    @classmethod
    def _p_number(cls, value: str) -> str:
        return english_p_number(value)


class WorkplaceFilter(PageParams):
    company_id: Id | None = None


class ContactPersonOut(Schema):
    id: int
    workplace_id: Id
    name: str
    email: str
    phone: str
    is_active: bool


class ContactPersonPage(Schema):
    count: int
    results: list[ContactPersonOut]


class ContactPersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    workplace_id: Id
    name: str = Field(min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)


class ContactPersonFilter(PageParams):
    workplace_id: Id | None = None


def _workplaces(user):
    return scope(user, Workplace.objects.with_capacity(today())).order_by("id")


@router.post("/companies", response={201: CompanyOut, **ERRORS})
@allows("company.create")
def company_post(request: ApiRequest, payload: CompanyIn):
    text = payload.industry_text or COMMON_DB07.get(payload.industry_code, payload.industry_code)
    company = Company(
        cvr=payload.cvr, name=payload.name, industry_code=payload.industry_code, industry_text=text
    )
    return Status(201, company_create(user=request.auth, company=company, workplace=None))


@router.get("/companies", response={200: CompanyPage, **ERRORS})
@allows("company.view")
def company_list(request: ApiRequest, filters: Query[CompanyFilter]):
    companies = scope(request.auth, Company.objects.all()).order_by("name", "id")
    if filters.cvr:
        companies = companies.filter(cvr=filters.cvr.strip())
    for word in filters.q.split():
        companies = companies.filter(name__icontains=word)
    return paginate(companies, filters)


@router.post("/workplaces", response={201: WorkplaceOut, **ERRORS})
@allows("company.edit")
def workplace_post(request: ApiRequest, payload: WorkplaceIn):
    user = request.auth
    company = get_for_user(user, Company, "company.edit", pk=payload.company_id, log=None)
    check_company_edit(user, company)
    workplace = workplace_save(
        user=user,
        workplace=Workplace(company=company, **payload.model_dump(exclude={"company_id"})),
    )
    return Status(201, _workplaces(user).get(pk=workplace.pk))


@router.get("/workplaces", response={200: WorkplacePage, **ERRORS})
@allows("company.view")
def workplace_list(request: ApiRequest, filters: Query[WorkplaceFilter]):
    workplaces = _workplaces(request.auth)
    if filters.company_id is not None:
        workplaces = workplaces.filter(company_id=filters.company_id)
    return paginate(workplaces, filters)


@router.post("/contact-persons", response={201: ContactPersonOut, **ERRORS})
@allows("contactperson.edit")
def contact_person_post(request: ApiRequest, payload: ContactPersonIn):
    user = request.auth
    workplace = get_for_user(
        user,
        Workplace.objects.select_related("company"),
        "contactperson.edit",
        pk=payload.workplace_id,
        log=None,
    )
    check_company_edit(user, workplace.company)
    person = ContactPerson(workplace=workplace, **payload.model_dump(exclude={"workplace_id"}))
    return Status(201, contact_person_save(user=user, contact_person=person))


@router.get("/contact-persons", response={200: ContactPersonPage, **ERRORS})
@allows("contactperson.view")
def contact_person_list(request: ApiRequest, filters: Query[ContactPersonFilter]):
    people = scope(request.auth, ContactPerson.objects.all()).order_by("id")
    if filters.workplace_id is not None:
        people = people.filter(workplace_id=filters.workplace_id)
    return paginate(people, filters)
