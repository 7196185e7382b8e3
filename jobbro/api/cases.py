"""Cases (forløb): create, list, read, update, phase transitions, closing with an outcome,
and the case's homework. Every change carries the ``version`` the client read
(optimistic locking): a stale one is refused with 409 ``stale_version``."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from jobbro.access import allows, get_for_user, log_access, scope
from jobbro.accounts.models import AccessLog, User
from jobbro.api.common import ApiRequest, Id, PathId, api_fields, today, version_of
from jobbro.api.pagination import PageParams, paginate, search
from jobbro.api.schemas import ERRORS
from jobbro.cases.models import Course, HomeworkItem, HomeworkTemplate, Outcome, Phase
from jobbro.cases.services import (
    course_assign,
    course_close,
    course_create,
    course_transition,
    course_visitation_update,
    homework_assign,
    homework_update,
)
from jobbro.citizens.models import Citizen
from jobbro.errors import Conflict, StaleVersion

router = Router(tags=["cases"])

PhaseCode = Literal["referred", "matching", "preparation", "in_placement", "follow_up", "closed"]
OutcomeCode = Literal[
    "job_same_company", "job_other_company", "education", "other_programme", "still_unemployed"
]

# Service field names → the API's public names.
CASE_FIELDS = {
    "caseworker": "caseworker_id",
    "consultant": "consultant_id",
    "citizen": "citizen_id",
    "motivation_notes": "motivation",
    "to_phase": "to",
}
OUTCOME_FIELDS = {
    "outcome_hours_per_week": "hours_per_week",
    "outcome_start_on": "start_date",
    "outcome_programme": "programme",
    "close_reason": "reason",
}
HOMEWORK_FIELDS = {"due_on": "due_date", "template": "template_id"}


class CaseOut(Schema):
    id: int
    citizen_id: Id
    caseworker_id: int
    consultant_id: int | None
    phase: str = Field(description="referred|matching|preparation|in_placement|follow_up|closed")
    phase_started_on: date
    version: int = Field(description="send it back with changes (or as If-Match)")
    visitation_on: date
    voluntary: bool
    motivation: str = Field(alias="motivation_notes")
    consent_to_share: bool
    outcome: str = Field(description="empty until the case is closed")
    closed_on: date | None


class CasePage(Schema):
    count: int
    results: list[CaseOut]


class CaseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    citizen_id: Id
    caseworker_id: Id | None = Field(None, description="default: the token's user")
    consultant_id: Id | None = None
    visitation_on: date | None = Field(None, description="default: today")
    voluntary: bool = True
    motivation: str = Field("", max_length=5000)
    consent_to_share: bool = False


class CasePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(None, description="the version read; or send If-Match")
    caseworker_id: Id | None = None
    consultant_id: Id | None = None
    visitation_on: date | None = None
    voluntary: bool | None = None
    motivation: str | None = Field(None, max_length=5000)
    consent_to_share: bool | None = None


class CaseFilter(PageParams):
    phase: PhaseCode | None = None
    citizen_id: Id | None = None


class TransitionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to: PhaseCode
    reason: str = Field("", max_length=5000)
    version: int | None = None


class OutcomeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    outcome: OutcomeCode
    reason: str = Field(max_length=5000, description="why the case closes (required)")
    hours_per_week: Decimal | None = Field(
        None, ge=0, le=100, max_digits=4, decimal_places=1, description="job outcomes: 1–60"
    )
    start_date: date | None = Field(None, description="job and education outcomes")
    programme: str = Field("", max_length=200, description="other_programme: which one")
    upskilling: str = Field("", max_length=5000)
    version: int | None = None


class HomeworkOut(Schema):
    id: int
    case_id: int = Field(alias="course_id")
    kind: str
    description: str
    due_date: date = Field(alias="due_on")
    status: str = Field(description="open|done|not_done")
    answer: str


class HomeworkPage(Schema):
    count: int
    results: list[HomeworkOut]


class HomeworkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    description: str = Field("", max_length=5000, description="default: the template's title")
    due_date: date
    template_id: Id | None = None


class HomeworkPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    status: Literal["open", "done", "not_done"] | None = None
    answer: str | None = Field(None, max_length=10000)


def course_for(user: User, course_id: int, action: str, *, log=AccessLog.Action.READ) -> Course:
    return get_for_user(
        user, Course.objects.select_related("citizen"), action, pk=course_id, log=log
    )


def _staff(user: User, user_id: int | None, field: str) -> User | None:
    """A colleague by id; the services check the role."""
    if user_id is None:
        return None
    found = scope(user, User.objects.filter(pk=user_id)).first()
    if found is None:
        raise ValidationError({field: ["No such staff member in your jobcenter."]})
    return found


@router.post("/cases", response={201: CaseOut, **ERRORS})
@allows("course.create")
def case_post(request: ApiRequest, payload: CaseIn):
    user = request.auth
    citizen = get_for_user(user, Citizen, "course.create", pk=payload.citizen_id, log=None)
    with api_fields(CASE_FIELDS):
        course = course_create(
            by=user,
            citizen=citizen,
            visitation_on=payload.visitation_on or today(),
            caseworker=_staff(user, payload.caseworker_id, "caseworker_id"),
            consultant=_staff(user, payload.consultant_id, "consultant_id"),
            voluntary=payload.voluntary,
            motivation_notes=payload.motivation,
            consent_to_share=payload.consent_to_share,
        )
    log_access(user, AccessLog.Action.CREATE, course, purpose="api.case.create")
    return Status(201, course)


@router.get("/cases", response={200: CasePage, **ERRORS})
@allows("course.list")
def case_list(request: ApiRequest, filters: Query[CaseFilter]):
    chosen = filters.model_dump(include={"phase", "citizen_id"}, exclude_none=True)
    return search(
        request.auth,
        Course.objects.filter(**chosen).order_by("-created_at", "-id"),
        "course.list",
        filters,
        criteria=filters.model_dump(exclude_none=True),
        purpose="api.case.list",
    )


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS})
@allows("course.view")
def case_get(request: ApiRequest, case_id: PathId):
    return course_for(request.auth, case_id, "course.view")


@router.patch("/cases/{case_id}", response={200: CaseOut, **ERRORS})
@allows("course.edit")
@transaction.atomic
def case_patch(request: ApiRequest, case_id: PathId, payload: CasePatch):
    user = request.auth
    course = course_for(user, case_id, "course.edit", log=None)
    version = version_of(request, payload.version, course.version)
    changes = payload.model_dump(exclude_unset=True)
    visitation = {
        ("motivation_notes" if name == "motivation" else name): value
        for name, value in changes.items()
        if name in ("visitation_on", "voluntary", "motivation", "consent_to_share")
        and value is not None
    }
    with api_fields(CASE_FIELDS):
        if visitation:
            course = course_visitation_update(
                by=user, course=course, version=version, fields=visitation
            )
            version = course.version
        if "caseworker_id" in changes or "consultant_id" in changes:
            caseworker = (
                _staff(user, payload.caseworker_id, "caseworker_id")
                if payload.caseworker_id is not None
                else None
            ) or course.caseworker
            consultant = (
                _staff(user, payload.consultant_id, "consultant_id")
                if "consultant_id" in changes
                else course.consultant
            )
            course = course_assign(
                by=user,
                course=course,
                version=version,
                caseworker=caseworker,
                consultant=consultant,
                today=today(),
            )
        elif not visitation and version != course.version:
            raise StaleVersion("The case has changed since that version. Read it again.")
    return course


@router.post("/cases/{case_id}/transitions", response={200: CaseOut, **ERRORS})
@allows("course.edit")
def case_transition(request: ApiRequest, case_id: PathId, payload: TransitionIn):
    user = request.auth
    course = course_for(user, case_id, "course.edit", log=None)
    if payload.to == Phase.CLOSED:
        raise Conflict(
            {"to": ["A case is closed with its outcome: POST /api/v1/cases/{id}/outcome."]}
        )
    with api_fields(CASE_FIELDS):
        course = course_transition(
            by=user,
            course=course,
            version=version_of(request, payload.version, course.version),
            to_phase=payload.to,
            reason=payload.reason,
            today=today(),
        )
    log_access(user, AccessLog.Action.UPDATE, course, purpose="api.case.transition")
    return course


@router.post("/cases/{case_id}/outcome", response={200: CaseOut, **ERRORS})
@allows("course.edit")
def case_outcome(request: ApiRequest, case_id: PathId, payload: OutcomeIn):
    """Close the case with its outcome (the only way into phase ``closed``)."""
    user = request.auth
    course = course_for(user, case_id, "course.edit", log=None)
    if course.is_closed:
        raise Conflict("The case is already closed.")
    with api_fields(OUTCOME_FIELDS):
        return course_close(
            by=user,
            course=course,
            version=version_of(request, payload.version, course.version),
            outcome=Outcome(payload.outcome),
            reason=payload.reason,
            upskilling=payload.upskilling,
            hours_per_week=payload.hours_per_week,
            start_on=payload.start_date,
            programme=payload.programme,
            today=today(),
        )


# -- homework ------------------------------------------------------------------------


@router.get("/cases/{case_id}/homework", response={200: HomeworkPage, **ERRORS})
@allows("course.view")
def homework_list(request: ApiRequest, case_id: PathId, page: Query[PageParams]):
    course = course_for(request.auth, case_id, "course.view")
    return paginate(course.homework.order_by("due_on", "id"), page)


@router.post("/cases/{case_id}/homework", response={201: HomeworkOut, **ERRORS})
@allows("course.edit")
def homework_post(request: ApiRequest, case_id: PathId, payload: HomeworkIn):
    user = request.auth
    course = course_for(user, case_id, "course.edit", log=None)
    template = None
    if payload.template_id is not None:
        template = scope(user, HomeworkTemplate.objects.filter(pk=payload.template_id)).first()
        if template is None:
            raise ValidationError({"template_id": ["Choose a template of your jobcenter."]})
    with api_fields(HOMEWORK_FIELDS):
        item = homework_assign(
            by=user,
            course=course,
            description=payload.description,
            due_on=payload.due_date,
            template=template,
            today=today(),
        )
    return Status(201, item)


@router.patch("/homework/{homework_id}", response={200: HomeworkOut, **ERRORS})
@allows("course.edit")
def homework_patch(request: ApiRequest, homework_id: PathId, payload: HomeworkPatch):
    user = request.auth
    item = get_for_user(
        user, HomeworkItem.objects.select_related("course"), "course.edit", pk=homework_id
    )
    return homework_update(
        by=user,
        item=item,
        status=payload.status or item.status,
        answer=item.answer if payload.answer is None else payload.answer,
    )
