"""Placements (praktikker), their planned meetings, weekly feedback and the three-party
agreement. Capacity (BEK 2636/2021 § 65) and one current placement per citizen are
rule conflicts: 409."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from jobbro.access import allows, get_for_user, log_access, scope
from jobbro.accounts.models import AccessLog, User
from jobbro.api.cases import course_for
from jobbro.api.common import ApiRequest, Id, PathId, api_fields, today, version_of
from jobbro.api.pagination import PageParams, paginate, search
from jobbro.api.schemas import ERRORS
from jobbro.companies.models import ContactPerson, Workplace
from jobbro.errors import Conflict
from jobbro.placements.models import AgreementVersion, Conversation, Placement
from jobbro.placements.services import (
    agreement_approve,
    approvals_missing,
    current_agreement,
    placement_activate,
    placement_create,
    weekly_feedback_save,
)

router = Router(tags=["placements"])

DEFAULT_PURPOSE: Literal["skills"] = "skills"  # Purpose.SKILLS (BEK 2636/2021 § 60)
DEFAULT_TASKS = "Arbejdsopgaverne aftales i forventningsafstemningen."

PLACEMENT_FIELDS = {
    "course": "case_id",
    "workplace": "workplace_id",
    "contact_person": "contact_person_id",
    "start_on": "start_date",
    "reason": "capacity_override_reason",
}


class MeetingOut(Schema):
    id: int
    kind: str = Field(description="start|midway|final|weekly_feedback")
    date: dt.date = Field(alias="planned_on")
    time: str | None = Field(
        None,
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="HH:MM, local time (Europe/Copenhagen); null until a time is booked",
    )
    duration_minutes: int
    location: str
    week: int
    status: str = Field(description="planned|held|cancelled|no_show")
    placement_id: int

    @staticmethod
    def resolve_time(obj: Conversation) -> str | None:
        return None if obj.planned_at is None else f"{obj.planned_at:%H:%M}"


class MeetingPage(Schema):
    count: int
    results: list[MeetingOut]


class PlacementOut(Schema):
    id: int
    case_id: int = Field(alias="course_id")
    citizen_id: Id
    workplace_id: Id
    contact_person_id: Id
    start_date: dt.date = Field(alias="start_on")
    weeks: int
    end_date: dt.date = Field(alias="end_on")
    hours_per_week: Decimal
    purpose: str
    tasks: str
    status: str = Field(description="planned|active|completed|ended_early")
    version: int
    meetings: list[MeetingOut]

    @staticmethod
    def resolve_meetings(obj: Placement) -> list[Conversation]:
        return list(obj.conversations.all())


class PlacementPage(Schema):
    count: int
    results: list[PlacementOut]


class PlacementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    case_id: Id
    workplace_id: Id
    contact_person_id: Id
    start_date: dt.date = Field(description="a working day")
    weeks: int | None = Field(None, ge=1, le=26, description="default: the municipality's")
    hours_per_week: Decimal = Field(gt=0, le=37, max_digits=4, decimal_places=1)
    purpose: Literal["ordinary_hours", "skills", "job_goal"] = Field(
        DEFAULT_PURPOSE, description=f"BEK 2636/2021 § 60; default {DEFAULT_PURPOSE}"
    )
    tasks: str = Field(DEFAULT_TASKS, min_length=1, max_length=5000)
    capacity_override_reason: str = Field(
        "", max_length=2000, description="managers only: exceed the capacity, with a reason"
    )


class PlacementFilter(PageParams):
    case_id: Id | None = None
    status: Literal["planned", "active", "completed", "ended_early"] | None = None


class FeedbackIn(Schema):
    model_config = ConfigDict(extra="forbid")

    professional: int = Field(ge=1, le=5)
    social: int = Field(ge=1, le=5)
    tasks_done: str = Field("", max_length=5000)
    behaviour: str = Field("", max_length=5000)
    cv_help: bool = False
    applications_helped: int = Field(0, ge=0, le=1000)
    network_contacts: int = Field(0, ge=0, le=1000)
    concerns: str = Field("", max_length=5000)


class FeedbackOut(FeedbackIn):
    id: int
    placement_id: int
    week: int
    on_behalf: bool


class ApprovalOut(Schema):
    party: str
    on_paper: bool
    approved_at: dt.datetime


class AgreementOut(Schema):
    placement_id: int
    number: int = Field(description="the version; approvals name it")
    goals: str
    tasks: str
    hours_and_place: str
    support: str
    feedback: str
    contacts: str
    ending: str
    approvals: list[ApprovalOut]
    missing: list[str] = Field(description="parties that have not approved this version")


class ApprovalIn(Schema):
    model_config = ConfigDict(extra="forbid")

    party: Literal["citizen", "contact_person", "jobcenter"]
    number: int | None = Field(None, description="the version approved; default the current")


def _placements(user: User):
    return scope(user, Placement.objects.prefetch_related("conversations")).order_by("-id")


def _placement(user: User, placement_id: int, action: str) -> Placement:
    return get_for_user(user, _placements(user), action, pk=placement_id)


def _current(placement: Placement) -> AgreementVersion:
    """Every placement has its agreement from the start (version 1 at creation)."""
    current = current_agreement(placement)
    if current is None:
        raise AgreementVersion.DoesNotExist
    return current


def _agreement(placement: Placement) -> dict:
    current = _current(placement)
    return {
        "placement_id": placement.pk,
        "number": current.number,
        **current.content(),
        "approvals": list(current.approvals.order_by("approved_at", "id")),
        "missing": approvals_missing(placement),
    }


@router.post("/placements", response={201: PlacementOut, **ERRORS})
@allows("placement.create")
def placement_post(request: ApiRequest, payload: PlacementIn):
    user = request.auth
    course = course_for(user, payload.case_id, "placement.create", log=None)
    workplace = get_for_user(
        user,
        Workplace.objects.select_related("company"),
        "company.view",
        pk=payload.workplace_id,
        log=None,
    )
    person = get_for_user(
        user, ContactPerson, "contactperson.view", pk=payload.contact_person_id, log=None
    )
    with api_fields(PLACEMENT_FIELDS):
        placement = placement_create(
            by=user,
            course=course,
            workplace=workplace,
            contact_person=person,
            start_on=payload.start_date,
            hours_per_week=payload.hours_per_week,
            purpose=payload.purpose,
            tasks=payload.tasks,
            weeks=payload.weeks,
            override_reason=payload.capacity_override_reason,
            today=today(),
        )
    log_access(user, AccessLog.Action.CREATE, placement, purpose="api.placement.create")
    return Status(201, _placements(user).get(pk=placement.pk))


@router.get("/placements", response={200: PlacementPage, **ERRORS})
@allows("placement.view")
def placement_list(request: ApiRequest, filters: Query[PlacementFilter]):
    chosen = filters.model_dump(include={"case_id", "status"}, exclude_none=True)
    if "case_id" in chosen:
        chosen["course_id"] = chosen.pop("case_id")
    return search(
        request.auth,
        Placement.objects.filter(**chosen).prefetch_related("conversations").order_by("-id"),
        "placement.view",
        filters,
        criteria=filters.model_dump(exclude_none=True),
        purpose="api.placement.list",
    )


@router.get("/placements/{placement_id}", response={200: PlacementOut, **ERRORS})
@allows("placement.view")
def placement_get(request: ApiRequest, placement_id: PathId):
    return _placement(request.auth, placement_id, "placement.view")


class StartIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(None, description="the placement version read (or If-Match)")
    override_reason: str = Field(
        "", description="managers only: start before all three parties approved the agreement"
    )


@router.post("/placements/{placement_id}/start", response={200: PlacementOut, **ERRORS})
@allows("placement.edit")
def placement_start(request: ApiRequest, placement_id: PathId, payload: StartIn):
    """Start a planned placement: all three parties have approved the current
    expectations agreement, or a manager gives a reason (logged)."""
    user = request.auth
    placement = _placement(user, placement_id, "placement.edit")
    try:
        placement_activate(
            by=user,
            placement=placement,
            version=version_of(request, payload.version, placement.version),
            override_reason=payload.override_reason,
            today=today(),
        )
    except Conflict:
        raise
    except ValidationError as exc:
        # Missing approvals or a placement that is not planned: a rule, not bad input.
        raise Conflict(exc.messages) from None
    return _placements(user).get(pk=placement.pk)


@router.get("/cases/{case_id}/meetings", response={200: MeetingPage, **ERRORS})
@allows("placement.view")
def meeting_list(request: ApiRequest, case_id: PathId, page: Query[PageParams]):
    user = request.auth
    course = course_for(user, case_id, "placement.view")
    meetings = scope(user, Conversation.objects.filter(placement__course=course))
    return paginate(meetings.order_by("planned_on", "id"), page)


@router.post("/meetings/{meeting_id}/feedback", response={201: FeedbackOut, **ERRORS})
@allows("placement.edit")
def meeting_feedback(request: ApiRequest, meeting_id: PathId, payload: FeedbackIn):
    """The job contact person's weekly feedback for the week of this meeting."""
    user = request.auth
    meeting = get_for_user(
        user,
        Conversation.objects.select_related("placement"),
        "placement.edit",
        pk=meeting_id,
        log=None,
    )
    feedback = weekly_feedback_save(
        by=user,
        placement=meeting.placement,
        week=meeting.week,
        data=payload.model_dump(),
        today=today(),
    )
    log_access(user, AccessLog.Action.UPDATE, meeting.placement, purpose="api.feedback")
    return Status(201, feedback)


@router.get("/placements/{placement_id}/agreement", response={200: AgreementOut, **ERRORS})
@allows("placement.view")
def agreement_get(request: ApiRequest, placement_id: PathId):
    return _agreement(_placement(request.auth, placement_id, "placement.view"))


@router.post(
    "/placements/{placement_id}/agreement/approvals", response={201: AgreementOut, **ERRORS}
)
@allows("placement.edit")
def agreement_approval(request: ApiRequest, placement_id: PathId, payload: ApprovalIn):
    """Staff approving for the citizen or the job contact person record an approval
    given on paper (``on_paper``)."""
    user = request.auth
    placement = _placement(user, placement_id, "placement.edit")
    number = payload.number or _current(placement).number
    agreement_approve(by=user, placement=placement, party=payload.party, number=number)
    return Status(201, _agreement(placement))
