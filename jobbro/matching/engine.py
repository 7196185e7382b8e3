"""Rank every workplace for a citizen at once: the scores of scoring.py, vectorised.

At national scale (40,000 workplaces) a Python loop over score_pair takes far longer
than the 50 ms a consultant should wait. The index keeps one numpy array per signal;
ranking is a handful of array operations, and only the top rows get their reasons
from score_pair, which keeps text and numbers identical.
"""

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np

from jobbro.matching.scoring import (
    MAX_KEYWORDS,
    NEARBY_KM,
    WEIGHTS,
    CitizenProfile,
    Suggestion,
    WorkplaceProfile,
    score_pair,
    static_score,
)


def _inverted(keys_per_row: list[set[str]]) -> dict[str, np.ndarray]:
    index: dict[str, list[int]] = defaultdict(list)
    for row, keys in enumerate(keys_per_row):
        for key in keys:
            index[key].append(row)
    return {key: np.array(rows, dtype=np.int64) for key, rows in index.items()}


def _codes(values: list[str], width: int) -> np.ndarray:
    return np.array([int(v[:width]) if v[:width].isdigit() else -1 for v in values], np.int64)


@dataclass
class WorkplaceIndex:
    profiles: list[WorkplaceProfile]
    average_hire_rate: float

    def __post_init__(self) -> None:
        p = self.profiles
        self.ids = np.array([w.id for w in p], dtype=np.int64)
        self.position = {w.id: row for row, w in enumerate(p)}
        self.static = np.array([static_score(w, self.average_hire_rate) for w in p])
        # The same static score with an active agreement, for a municipality's overlay
        # (agreements are per municipality; the rest of the index is national).
        self.static_agreed = np.array(
            [static_score(replace(w, active_agreement=True), self.average_hire_rate) for w in p]
        )
        self.full = np.array([w.free_places <= 0 for w in p], dtype=bool)
        self.municipality = np.array([w.municipality for w in p], dtype=np.int64)
        self.region = np.array([w.region for w in p], dtype=np.int64)
        self.located = np.array([w.position is not None for w in p], dtype=bool)
        self.x = np.array([w.position[0] if w.position else np.nan for w in p])
        self.y = np.array([w.position[1] if w.position else np.nan for w in p])
        industries = [w.industry_code for w in p]
        self.ind6, self.ind4, self.ind2 = (_codes(industries, n) for n in (6, 4, 2))
        self.by_cvr = _inverted([{w.cvr} for w in p])
        self.by_occupation = _inverted([{code[:4] for code in w.occupations} for w in p])
        self.by_stem = _inverted([set(w.stems) for w in p])

    def __len__(self) -> int:
        return len(self.profiles)

    def _rows(self, index: dict[str, np.ndarray], keys) -> np.ndarray:
        found = [index[key] for key in keys if key in index]
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def agreed_rows(self, agreed: frozenset[int]) -> np.ndarray:
        mask = np.zeros(len(self), dtype=bool)
        mask[[self.position[i] for i in agreed if i in self.position]] = True
        return mask

    def scores(self, citizen: CitizenProfile, agreed: frozenset[int] = frozenset()) -> np.ndarray:
        """Every workplace's score; -inf for the excluded. Same order of additions as
        score_pair, so the floats are identical. ``agreed``: ids of workplaces with an
        active agreement with the viewing municipality (overlay on the profiles' flag)."""
        score = self.static.copy()
        if agreed:
            mask = self.agreed_rows(agreed)
            score[mask] = self.static_agreed[mask]
        score[self._rows(self.by_cvr, citizen.wish_cvrs)] += WEIGHTS["wish"]
        score += self._industry(citizen.goal_industries)
        occupation = np.zeros(len(self), dtype=bool)
        occupation[self._rows(self.by_occupation, {c[:4] for c in citizen.occupations})] = True
        score += WEIGHTS["occupation"] * occupation
        shared = np.zeros(len(self), dtype=np.int64)
        np.add.at(shared, self._rows(self.by_stem, citizen.stems), 1)
        score += WEIGHTS["keyword"] * np.minimum(shared, MAX_KEYWORDS)
        same_municipality = self.municipality == citizen.municipality
        score += WEIGHTS["same_municipality"] * same_municipality
        same_region = (self.region == citizen.region) & ~same_municipality
        if citizen.position is not None:
            score += self._nearby(citizen.position)
            same_region &= ~self.located
        score += WEIGHTS["same_region"] * same_region
        score = np.round(score, 6)
        score[self.full] = -np.inf
        if citizen.last_employer_cvr:
            score[self._rows(self.by_cvr, {citizen.last_employer_cvr})] = -np.inf
        declined = [self.position[i] for i in citizen.declined_workplaces if i in self.position]
        score[declined] = -np.inf
        return score

    def _nearby(self, position: tuple[float, float]) -> np.ndarray:
        """scoring.nearby_points for every located workplace (0 for the others), with the
        same whole-km rounding (both round half to even) and the same operations."""
        km = np.rint(np.hypot(self.x - position[0], self.y - position[1]))
        points = WEIGHTS["nearby"] * np.maximum(NEARBY_KM - km, 0) / NEARBY_KM
        return np.where(self.located, points, 0.0)

    def _industry(self, goals: frozenset[str]) -> np.ndarray:
        bonus = np.zeros(len(self))
        for goal in goals:
            level = np.where(
                self.ind6 == int(goal),
                WEIGHTS["industry_exact"],
                np.where(
                    self.ind4 == int(goal[:4]),
                    WEIGHTS["industry_group"],
                    np.where(self.ind2 == int(goal[:2]), WEIGHTS["industry_division"], 0.0),
                ),
            )
            np.maximum(bonus, level, out=bonus)
        return bonus

    def profile(self, row: int, agreed: frozenset[int]) -> WorkplaceProfile:
        workplace = self.profiles[row]
        if workplace.id in agreed and not workplace.active_agreement:
            return replace(workplace, active_agreement=True)
        return workplace

    def rank(
        self, citizen: CitizenProfile, limit: int = 20, agreed: frozenset[int] = frozenset()
    ) -> list[Suggestion]:
        score = self.scores(citizen, agreed)
        allowed = np.flatnonzero(score > -np.inf)
        if not len(allowed) or limit < 1:
            return []
        if len(allowed) > limit:
            # Everything scoring at least the limit-th best, ties included, then an
            # exact (score desc, id asc) sort of that small set: deterministic.
            threshold = np.partition(score[allowed], len(allowed) - limit)[len(allowed) - limit]
            allowed = allowed[score[allowed] >= threshold]
        order = np.lexsort((self.ids[allowed], -score[allowed]))
        top = allowed[order[:limit]]
        scored = (
            score_pair(citizen, self.profile(row, agreed), self.average_hire_rate) for row in top
        )
        return [suggestion for suggestion in scored if suggestion is not None]
