"""Suggested workplaces for a case: the same ranking as the web's suggestions page
(jobbro/matching/services.py, with the per-process index cache)."""

from ninja import Field, Query, Router, Schema

from jobbro.access import allows
from jobbro.api.cases import course_for
from jobbro.api.common import ApiRequest, Id, PathId, today
from jobbro.api.schemas import ERRORS
from jobbro.matching.services import SUGGESTION_LIMIT, course_suggestions

router = Router(tags=["matching"])


class MatchOut(Schema):
    workplace_id: Id
    score: float
    reasons: list[str] = Field(description="why it was suggested (Danish, as in the UI)")


class MatchList(Schema):
    results: list[MatchOut]


class MatchParams(Schema):
    limit: int = Field(10, ge=1, le=SUGGESTION_LIMIT)


@router.get("/cases/{case_id}/matches", response={200: MatchList, **ERRORS})
@allows("matching.view")
def case_matches(request: ApiRequest, case_id: PathId, params: Query[MatchParams]):
    course = course_for(request.auth, case_id, "matching.view")
    suggestions = course_suggestions(course=course, today=today())[: params.limit]
    return {
        "results": [
            {"workplace_id": s.workplace_id, "score": s.score, "reasons": list(s.reasons)}
            for s in suggestions
        ]
    }
