"""The numpy engine ranks exactly as the reference scoring does."""

import random

from jobbro.matching.engine import WorkplaceIndex
from jobbro.matching.scoring import CitizenProfile, WorkplaceProfile, rank

INDUSTRIES = ["471120", "471190", "475210", "620100", "561010", "521000", "881000"]
STEMS = ["lager", "truck", "pakni", "kunde", "rengø", "køkke", "pleje", "kasse"]
PLACES = [(751, 1082), (746, 1082), (101, 1084), (461, 1083)]


def random_position(rng: random.Random):
    """Mostly located (0.1 km grid, as in the data file), some without a position;
    a few on the same spot, where the whole-km rounding must agree too."""
    if rng.random() < 0.15:
        return None
    if rng.random() < 0.1:
        return (-48.9, 6244.3)
    return (round(rng.uniform(-150, 250), 1), round(rng.uniform(6050, 6400), 1))


def random_workplaces(rng: random.Random, n: int) -> list[WorkplaceProfile]:
    places = []
    for i in range(1, n + 1):
        municipality, region = rng.choice(PLACES)
        interns = rng.randrange(6)
        places.append(
            WorkplaceProfile(
                id=i,
                cvr=str(10_000_000 + rng.randrange(n // 2)),  # some share a company
                municipality=municipality,
                region=region,
                position=random_position(rng),
                industry_code=rng.choice(INDUSTRIES),
                free_places=rng.randrange(-1, 4),
                active_agreement=rng.random() < 0.4,
                trained_contact=rng.random() < 0.5,
                occupations=frozenset(rng.sample(["932910", "522300", "911200"], rng.randrange(2))),
                stems=frozenset(rng.sample(STEMS, rng.randrange(4))),
                past_interns=interns,
                past_hired=rng.randrange(interns + 1),
            )
        )
    return places


def random_citizen(rng: random.Random, workplaces) -> CitizenProfile:
    municipality, region = rng.choice(PLACES)
    return CitizenProfile(
        municipality=municipality,
        region=region,
        position=random_position(rng),
        goal_industries=frozenset(rng.sample(INDUSTRIES, rng.randrange(3))),
        occupations=frozenset(rng.sample(["932910", "522300"], rng.randrange(2))),
        stems=frozenset(rng.sample(STEMS, rng.randrange(4))),
        wish_cvrs=frozenset(w.cvr for w in rng.sample(workplaces, 2)),
        last_employer_cvr=rng.choice(workplaces).cvr,
        declined_workplaces=frozenset(w.id for w in rng.sample(workplaces, 3)),
    )


def test_engine_equals_reference_on_random_data():
    rng = random.Random(42)
    workplaces = random_workplaces(rng, 400)
    index = WorkplaceIndex(workplaces, average_hire_rate=0.3)
    for _ in range(80):
        profile = random_citizen(rng, workplaces)
        assert index.rank(profile, limit=15) == rank(profile, workplaces, 0.3, limit=15)


def test_engine_scores_every_workplace_as_the_reference_does():
    rng = random.Random(7)
    workplaces = random_workplaces(rng, 300)
    index = WorkplaceIndex(workplaces, average_hire_rate=0.3)
    for _ in range(20):
        profile = random_citizen(rng, workplaces)
        everything = rank(profile, workplaces, 0.3, limit=len(workplaces))
        assert index.rank(profile, limit=len(workplaces)) == everything


def test_engine_handles_ties_at_the_cut_deterministically():
    same = [
        WorkplaceProfile(
            id=i, cvr=str(i), municipality=751, region=1082, industry_code="620100", free_places=1
        )
        for i in (7, 3, 9, 1, 5)
    ]
    index = WorkplaceIndex(same, average_hire_rate=0.3)
    profile = CitizenProfile(municipality=751, region=1082)
    assert [s.workplace_id for s in index.rank(profile, limit=3)] == [1, 3, 5]


def test_engine_with_nothing_to_suggest():
    index = WorkplaceIndex(
        [
            WorkplaceProfile(
                id=1, cvr="1", municipality=751, region=1082, industry_code="620100", free_places=0
            )
        ],
        average_hire_rate=0.3,
    )
    assert index.rank(CitizenProfile(municipality=751, region=1082)) == []


def test_a_municipalitys_agreement_overlay_ranks_as_if_the_profiles_carried_the_flag():
    from dataclasses import replace

    rng = random.Random(11)
    national = [replace(w, active_agreement=False) for w in random_workplaces(rng, 300)]
    agreed = frozenset(w.id for w in rng.sample(national, 60))
    flagged = [replace(w, active_agreement=w.id in agreed) for w in national]
    index = WorkplaceIndex(national, average_hire_rate=0.3)
    for _ in range(30):
        profile = random_citizen(rng, national)
        expected = rank(profile, flagged, 0.3, limit=15)
        assert index.rank(profile, limit=15, agreed=agreed) == expected
