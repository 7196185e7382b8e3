"""Suggested workplaces for a case, ranked by the pure matching core
(jobbro/matching/scoring.py + engine.py). The profiles are built here from the database
in a few aggregate queries; the ranking itself is the engine's."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from jobbro.access import allows
from jobbro.api.cases import course_for
from jobbro.api.common import Id, PathId, today
from jobbro.api.schemas import ERRORS
from jobbro.cases.models import Course, Outcome
from jobbro.companies.models import CooperationAgreement, TrainingRecord, Workplace
from jobbro.matching.engine import WorkplaceIndex
from jobbro.matching.scoring import CitizenProfile, WorkplaceProfile, stems
from jobbro.municipalities.models import Municipality, PostalArea

router = Router(tags=["matching"])


class MatchOut(Schema):
    workplace_id: Id
    score: float
    reasons: list[str] = Field(description="why it was suggested (Danish, as in the UI)")


class MatchList(Schema):
    results: list[MatchOut]


class MatchParams(Schema):
    limit: int = Field(10, ge=1, le=100)


def _codes(text: str) -> frozenset[str]:
    return frozenset(code.strip() for code in text.split(",") if code.strip())


def _places_of_postcodes() -> dict[str, tuple[int, int]]:
    regions = dict(Municipality.objects.values_list("code", "region_code"))
    return {
        postcode: (municipality, regions.get(municipality, 0))
        for postcode, municipality in PostalArea.objects.values_list("postcode", "municipality")
    }


def citizen_profile(course: Course) -> CitizenProfile:
    citizen = course.citizen
    region = Municipality.objects.values_list("region_code", flat=True).get(
        pk=citizen.municipality_id
    )
    declined = frozenset(
        course.placements.filter(status="ended_early").values_list("workplace_id", flat=True)
    )
    return CitizenProfile(
        municipality=citizen.municipality_id,
        region=region,
        goal_industries=_codes(citizen.wish_industry_codes),
        occupations=_codes(citizen.occupation_codes),
        stems=stems(f"{citizen.job_goals} {citizen.competences} {citizen.work_experience}"),
        wish_cvrs=frozenset(c for c in citizen.wish_workplaces.values_list("cvr", flat=True) if c),
        last_employer_cvr=citizen.last_employer_cvr,
        declined_workplaces=declined,
    )


def workplace_profiles(municipality_id: int, on: date) -> list[WorkplaceProfile]:
    """Every workplace with its free places today, this jobcenter's active agreement (its
    occupations and tasks), a trained contact person and its placements' track record."""
    agreements = CooperationAgreement.objects.filter(
        municipality_id=municipality_id, workplace=OuterRef("pk")
    ).active_on(on)
    rows = (
        Workplace.objects.with_capacity(on)
        .annotate(
            active_agreement=Exists(agreements),
            trained_contact=Exists(
                TrainingRecord.objects.filter(
                    contact_person__workplace=OuterRef("pk"), completed=True
                )
            ),
            past_interns=Count("placements", filter=Q(placements__status="completed")),
            past_hired=Count(
                "placements",
                filter=Q(
                    placements__status="completed",
                    placements__course__outcome=Outcome.JOB_SAME_COMPANY,
                ),
            ),
        )
        .values(
            "pk",
            "company__cvr",
            "company__industry_code",
            "postcode",
            "capacity_free",
            "active_agreement",
            "trained_contact",
            "past_interns",
            "past_hired",
        )
    )
    # The active agreements say which occupations and tasks a workplace offers.
    occupations: dict[int, set[str]] = {}
    tasks: dict[int, list[str]] = {}
    for workplace_id, codes, text in (
        CooperationAgreement.objects.filter(municipality_id=municipality_id)
        .active_on(on)
        .values_list("workplace_id", "occupation_codes", "tasks")
    ):
        occupations.setdefault(workplace_id, set()).update(_codes(codes))
        tasks.setdefault(workplace_id, []).append(text)
    places = _places_of_postcodes()
    profiles = []
    for row in rows:
        municipality, region = places.get(row["postcode"], (0, 0))
        profiles.append(
            WorkplaceProfile(
                id=row["pk"],
                cvr=row["company__cvr"],
                municipality=municipality,
                region=region,
                industry_code=row["company__industry_code"],
                free_places=row["capacity_free"],
                active_agreement=row["active_agreement"],
                trained_contact=row["trained_contact"],
                occupations=frozenset(occupations.get(row["pk"], ())),
                stems=stems(" ".join(tasks.get(row["pk"], ()))),
                past_interns=row["past_interns"],
                past_hired=row["past_hired"],
            )
        )
    return profiles


def _average_hire_rate(profiles: list[WorkplaceProfile]) -> float:
    interns = sum(p.past_interns for p in profiles)
    return sum(p.past_hired for p in profiles) / interns if interns else 0.0


@router.get("/cases/{case_id}/matches", response={200: MatchList, **ERRORS})
@allows("course.view")
def case_matches(request: HttpRequest, case_id: PathId, params: Query[MatchParams]):
    course = course_for(request.auth, case_id, "course.view")
    profiles = workplace_profiles(course.municipality_id, today())
    index = WorkplaceIndex(profiles, _average_hire_rate(profiles))
    suggestions = index.rank(citizen_profile(course), limit=params.limit)
    return {
        "results": [
            {"workplace_id": s.workplace_id, "score": s.score, "reasons": list(s.reasons)}
            for s in suggestions
        ]
    }
