"""How well a workplace suits a citizen: pure functions, every weight in WEIGHTS.

The score is a sum of named signals; each signal that contributes also yields a
reason in plain Danish, so a consultant can see why a workplace is suggested.
Hard exclusions (no free place, the last employer, declined for this course) are
not scores: such workplaces are never suggested.

engine.py computes exactly the same score for all workplaces at once with numpy;
tests/matching/test_engine.py holds the two to each other.
"""

import math
import re
from dataclasses import dataclass, field

# One place for every weight. A wish workplace outweighs everything else together
# except a poor fit far away; location matters, but a matching industry matters more.
WEIGHTS = {
    "wish": 50.0,
    "industry_exact": 20.0,  # same DB07 6-digit code as a goal
    "industry_group": 15.0,  # same NACE class (first 4 digits)
    "industry_division": 8.0,  # same NACE division (first 2 digits)
    "occupation": 15.0,  # offers an occupation (DISCO-08 unit group) the citizen seeks
    "keyword": 4.0,  # per shared word stem between goals/competences and tasks
    "same_municipality": 10.0,
    "nearby": 10.0,  # at 0 km, falling linearly to nothing at NEARBY_KM
    "same_region": 4.0,  # only when a distance is unknown (a postal code without position)
    "agreement": 8.0,
    "trained_contact": 6.0,
    "free_place": 2.0,  # per free place
    "track_record": 30.0,  # times (shrunk hire rate − average hire rate)
}
MAX_KEYWORDS = 3
NEARBY_KM = 50
MAX_FREE_PLACES = 3
# Shrink a workplace's hire rate towards the average as if it had this many more
# interns at the average rate: 1 hire of 1 intern is weak evidence, 6 of 8 is not.
TRACK_PRIOR_STRENGTH = 4.0
STEM_LENGTH = 5
MIN_WORD_LENGTH = 4


# Kilometres east and north of the postal code's town (municipalities/data.py).
Position = tuple[float, float]


@dataclass(frozen=True)
class CitizenProfile:
    municipality: int
    region: int
    position: Position | None = None
    goal_industries: frozenset[str] = frozenset()  # DB07 6-digit codes
    occupations: frozenset[str] = frozenset()  # DISCO-08 6-digit codes
    stems: frozenset[str] = frozenset()  # from job goals and competences
    wish_cvrs: frozenset[str] = frozenset()
    last_employer_cvr: str = ""
    declined_workplaces: frozenset[int] = frozenset()


@dataclass(frozen=True)
class WorkplaceProfile:
    id: int
    cvr: str
    municipality: int
    region: int
    industry_code: str
    free_places: int
    position: Position | None = None
    active_agreement: bool = False
    trained_contact: bool = False
    occupations: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    past_interns: int = 0
    past_hired: int = 0


@dataclass(frozen=True)
class Suggestion:
    workplace_id: int
    score: float
    reasons: tuple[str, ...] = field(default=())


def stems(text: str) -> frozenset[str]:
    """Crude Danish stems: 'lagerarbejde' and 'lager' share 'lager'."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    return frozenset(w[:STEM_LENGTH] for w in words if len(w) >= MIN_WORD_LENGTH)


def excluded(citizen: CitizenProfile, workplace: WorkplaceProfile) -> bool:
    return (
        workplace.free_places <= 0
        or (citizen.last_employer_cvr != "" and workplace.cvr == citizen.last_employer_cvr)
        or workplace.id in citizen.declined_workplaces
    )


def distance_km(a: Position | None, b: Position | None) -> int | None:
    """Straight-line kilometres between two postal codes' towns, whole km; None if unknown."""
    if a is None or b is None:
        return None
    return round(math.hypot(a[0] - b[0], a[1] - b[1]))


def nearby_points(km: int) -> float:
    return WEIGHTS["nearby"] * max(NEARBY_KM - km, 0) / NEARBY_KM


def shrunk_hire_rate(interns: int, hired: int, average: float) -> float:
    return (hired + TRACK_PRIOR_STRENGTH * average) / (interns + TRACK_PRIOR_STRENGTH)


def static_score(workplace: WorkplaceProfile, average_hire_rate: float) -> float:
    """The part of the score that does not depend on the citizen."""
    rate = shrunk_hire_rate(workplace.past_interns, workplace.past_hired, average_hire_rate)
    return (
        WEIGHTS["agreement"] * workplace.active_agreement
        + WEIGHTS["trained_contact"] * workplace.trained_contact
        + WEIGHTS["free_place"] * min(workplace.free_places, MAX_FREE_PLACES)
        + WEIGHTS["track_record"] * (rate - average_hire_rate)
    )


def industry_level(goals: frozenset[str], code: str) -> str | None:
    if code in goals:
        return "industry_exact"
    if code[:4] in {goal[:4] for goal in goals}:
        return "industry_group"
    if code[:2] in {goal[:2] for goal in goals}:
        return "industry_division"
    return None


def occupation_hit(citizen: CitizenProfile, workplace: WorkplaceProfile) -> bool:
    wanted = {code[:4] for code in citizen.occupations}
    return any(code[:4] in wanted for code in workplace.occupations)


def score_pair(
    citizen: CitizenProfile, workplace: WorkplaceProfile, average_hire_rate: float
) -> Suggestion | None:
    """The score and reasons for one workplace, or None if it must not be suggested."""
    if excluded(citizen, workplace):
        return None
    score = static_score(workplace, average_hire_rate)
    reasons: list[str] = []
    if workplace.cvr in citizen.wish_cvrs:
        score += WEIGHTS["wish"]
        reasons.append("Ønskearbejdsplads")
    level = industry_level(citizen.goal_industries, workplace.industry_code)
    if level:
        score += WEIGHTS[level]
        code = workplace.industry_code
        reasons.append(f"Branche matcher jobmål (DB07 {code[:2]}.{code[2:4]})")
    if occupation_hit(citizen, workplace):
        score += WEIGHTS["occupation"]
        reasons.append("Tilbyder praktik i en stilling, borgeren søger")
    shared = sorted(citizen.stems & workplace.stems)
    if shared:
        score += WEIGHTS["keyword"] * min(len(shared), MAX_KEYWORDS)
        reasons.append("Opgaver matcher: " + ", ".join(shared[:MAX_KEYWORDS]))
    same_municipality = workplace.municipality == citizen.municipality
    if same_municipality:
        score += WEIGHTS["same_municipality"]
        reasons.append("Samme kommune")
    km = distance_km(citizen.position, workplace.position)
    if km is not None:
        score += nearby_points(km)
        reasons.append("Samme by" if km == 0 else f"{km} km")
    elif not same_municipality and workplace.region == citizen.region:
        score += WEIGHTS["same_region"]
        reasons.append("Samme region")
    reasons.extend(static_reasons(workplace))
    return Suggestion(workplace.id, round(score, 6), tuple(reasons))


def static_reasons(workplace: WorkplaceProfile) -> list[str]:
    reasons = []
    if workplace.active_agreement:
        reasons.append("Aktiv samarbejdsaftale")
    if workplace.trained_contact:
        reasons.append("Uddannet jobkontaktperson")
    places = workplace.free_places
    reasons.append("1 ledig plads" if places == 1 else f"{places} ledige pladser")
    if workplace.past_interns:
        reasons.append(
            f"{workplace.past_hired} af {workplace.past_interns} tidligere praktikanter fik job"
        )
    return reasons


def rank(
    citizen: CitizenProfile,
    workplaces: list[WorkplaceProfile],
    average_hire_rate: float,
    limit: int = 20,
) -> list[Suggestion]:
    """Reference ranking: best score first, ties by workplace id (deterministic)."""
    scored = [s for w in workplaces if (s := score_pair(citizen, w, average_hire_rate))]
    scored.sort(key=lambda s: (-s.score, s.workplace_id))
    return scored[:limit]
