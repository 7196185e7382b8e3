"""The scoring rules, on small hand-made cases."""

from jobbro.matching.scoring import (
    NEARBY_KM,
    WEIGHTS,
    CitizenProfile,
    WorkplaceProfile,
    rank,
    score_pair,
    shrunk_hire_rate,
    stems,
)

AVERAGE = 0.3
AARHUS, SKANDERBORG, KOBENHAVN = 751, 746, 101
MIDT, HOVEDSTADEN = 1082, 1084


def citizen(**fields) -> CitizenProfile:
    fields.setdefault("municipality", AARHUS)
    fields.setdefault("region", MIDT)
    return CitizenProfile(**fields)


def workplace(id: int, **fields) -> WorkplaceProfile:
    fields.setdefault("cvr", f"1000000{id}")
    fields.setdefault("municipality", AARHUS)
    fields.setdefault("region", MIDT)
    fields.setdefault("industry_code", "620100")
    fields.setdefault("free_places", 1)
    return WorkplaceProfile(id=id, **fields)


def ids(suggestions) -> list[int]:
    return [s.workplace_id for s in suggestions]


def test_a_wish_workplace_beats_a_closer_one():
    far_wish = workplace(1, cvr="24256790", municipality=KOBENHAVN, region=HOVEDSTADEN)
    near = workplace(2)
    ranked = rank(citizen(wish_cvrs=frozenset({"24256790"})), [near, far_wish], AVERAGE)
    assert ids(ranked) == [1, 2]
    assert "Ønskearbejdsplads" in ranked[0].reasons


def test_zero_capacity_never_appears():
    assert rank(citizen(), [workplace(1, free_places=0)], AVERAGE) == []


def test_the_last_employer_never_appears_even_as_a_wish():
    last = workplace(1, cvr="61126228")
    profile = citizen(last_employer_cvr="61126228", wish_cvrs=frozenset({"61126228"}))
    assert rank(profile, [last, workplace(2)], AVERAGE)[0].workplace_id == 2
    assert len(rank(profile, [last, workplace(2)], AVERAGE)) == 1


def test_declined_workplaces_leave_the_list():
    profile = citizen(declined_workplaces=frozenset({1}))
    assert ids(rank(profile, [workplace(1), workplace(2)], AVERAGE)) == [2]


def test_ties_are_broken_by_workplace_id():
    assert ids(rank(citizen(), [workplace(9), workplace(3), workplace(5)], AVERAGE)) == [3, 5, 9]


def test_industry_matches_exact_then_class_then_division():
    goals = citizen(goal_industries=frozenset({"471120"}))
    exact = score_pair(goals, workplace(1, industry_code="471120"), AVERAGE)
    same_class = score_pair(goals, workplace(2, industry_code="471190"), AVERAGE)
    same_division = score_pair(goals, workplace(3, industry_code="475210"), AVERAGE)
    other = score_pair(goals, workplace(4, industry_code="620100"), AVERAGE)
    assert exact.score > same_class.score > same_division.score > other.score
    assert "Branche matcher jobmål (DB07 47.11)" in exact.reasons


def test_same_municipality_beats_same_region_beats_far_away():
    here = score_pair(citizen(), workplace(1), AVERAGE)
    region = score_pair(citizen(), workplace(2, municipality=SKANDERBORG), AVERAGE)
    far = score_pair(citizen(), workplace(3, municipality=KOBENHAVN, region=HOVEDSTADEN), AVERAGE)
    assert here.score - region.score == WEIGHTS["same_municipality"] - WEIGHTS["same_region"]
    assert region.score - far.score == WEIGHTS["same_region"]
    assert "Samme kommune" in here.reasons and "Samme region" in region.reasons


AARHUS_C, SKANDERBORG_TOWN, KOLDING = (-48.9, 6244.3), (-66.4, 6230.7), (-96.2, 6170.3)


def test_distance_in_km_closer_scores_higher_and_is_explained():
    home = citizen(position=AARHUS_C)
    same_town = score_pair(home, workplace(1, position=AARHUS_C), AVERAGE)
    skanderborg = score_pair(
        home, workplace(2, municipality=SKANDERBORG, position=SKANDERBORG_TOWN), AVERAGE
    )
    kolding = score_pair(home, workplace(3, municipality=461, position=KOLDING), AVERAGE)
    assert "Samme by" in same_town.reasons and "Samme kommune" in same_town.reasons
    assert "22 km" in skanderborg.reasons and "Samme region" not in skanderborg.reasons
    assert "88 km" in kolding.reasons  # shown, but too far to add points
    assert same_town.score > skanderborg.score > kolding.score
    assert (
        round(skanderborg.score - kolding.score, 6)
        == WEIGHTS["nearby"] * (NEARBY_KM - 22) / NEARBY_KM
    )


def test_without_a_position_the_region_still_counts():
    home = citizen(position=AARHUS_C)
    unknown = score_pair(home, workplace(1, municipality=SKANDERBORG), AVERAGE)
    assert "Samme region" in unknown.reasons
    assert not any(reason.endswith(" km") for reason in unknown.reasons)


def test_a_wish_far_away_still_beats_the_workplace_next_door():
    home = citizen(position=AARHUS_C, wish_cvrs=frozenset({"24256790"}))
    far_wish = workplace(
        1, cvr="24256790", municipality=KOBENHAVN, region=HOVEDSTADEN, position=(98.2, 6190.9)
    )
    next_door = workplace(2, position=AARHUS_C)
    assert ids(rank(home, [next_door, far_wish], AVERAGE)) == [1, 2]


def test_agreement_trained_contact_and_places_count_and_are_explained():
    plain = score_pair(citizen(), workplace(1), AVERAGE)
    good = score_pair(
        citizen(), workplace(2, active_agreement=True, trained_contact=True, free_places=2), AVERAGE
    )
    expected = WEIGHTS["agreement"] + WEIGHTS["trained_contact"] + WEIGHTS["free_place"]
    assert round(good.score - plain.score, 6) == expected
    assert {"Aktiv samarbejdsaftale", "Uddannet jobkontaktperson", "2 ledige pladser"} <= set(
        good.reasons
    )


def test_track_record_is_shrunk_towards_the_average():
    one_of_one = shrunk_hire_rate(1, 1, AVERAGE)
    six_of_eight = shrunk_hire_rate(8, 6, AVERAGE)
    assert AVERAGE < one_of_one < six_of_eight < 6 / 8
    proven = score_pair(citizen(), workplace(1, past_interns=4, past_hired=3), AVERAGE)
    assert "3 af 4 tidligere praktikanter fik job" in proven.reasons
    assert proven.score > score_pair(citizen(), workplace(2), AVERAGE).score


def test_tasks_that_match_goals_count_up_to_three_words():
    profile = citizen(stems=stems("Lagerarbejde, truckfører og pakning af ordrer"))
    place = workplace(1, stems=stems("lager truck pakning ordre plukning"))
    suggestion = score_pair(profile, place, AVERAGE)
    assert suggestion.reasons[0].startswith("Opgaver matcher: lager, ordre, pakni")


def test_occupation_unit_group_matches():
    profile = citizen(occupations=frozenset({"932910"}))
    hit = score_pair(profile, workplace(1, occupations=frozenset({"932920"})), AVERAGE)
    miss = score_pair(profile, workplace(2, occupations=frozenset({"522300"})), AVERAGE)
    assert hit.score - miss.score == WEIGHTS["occupation"]
