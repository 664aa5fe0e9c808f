"""What a number counts when its wording says so indirectly: a place's population, people a participle says were
detained, a parent's children, a part of a count. Sentences written for this test."""

from __future__ import annotations

from datetime import date

from newsweave import nlp
from newsweave.extract.quantities import extract_claims
from newsweave.model import Claim


def _claims(text: str) -> list[Claim]:
    doc, _ = next(iter(nlp.parse([(text, "t")])))
    return extract_claims(doc, "t", date(2024, 3, 1), [])


def _kinds(text: str) -> dict[float, str]:
    return {c.value_low: c.quantity for c in _claims(text)}


def test_a_population_is_counted_as_one_whatever_the_wording() -> None:
    assert _kinds("Marsh Island, the largest in the bay, has a population of 45,000.") == {45_000: "population"}
    assert _kinds("The island, which has about 52,000 residents, lies off the coast.") == {52_000: "population"}
    assert _kinds("The valley is home to about 40,000 people, officials said.") == {40_000: "population"}


def test_a_population_is_not_taken_for_a_toll() -> None:
    found = _kinds("The town, home to 3,000 people, was hit by a storm that killed 4 residents.")
    assert found[3_000] == "population" and found[4] == "deaths"


def test_a_participle_after_the_noun_says_what_happened_to_the_people() -> None:
    assert _kinds("Police said 41 gang members arrested in the raids would appear in court.") == {41: "detained"}
    assert _kinds("Rescuers said 17 passengers injured in the crash were taken to hospital.") == {17: "injured"}


def test_a_part_of_a_count_is_not_a_count() -> None:
    found = _kinds("Tomas Verel, one of 64 suspects detained on Monday, was released.")
    assert 1 not in found and found[64] == "detained"


def test_a_parent_of_a_number_counts_children_even_before_a_name() -> None:
    found = [c for c in _claims("Footage of Harbour Town Mother of 9 Elsa Brandt leaving the school was shown.")]
    assert [(c.value_low, c.counted) for c in found] == [(9, "children")]


def test_a_toll_given_by_its_verb_or_adjective_counts_people() -> None:
    found = {c.value_low: (c.quantity, c.counted) for c in _claims("The blast left 6 dead and injured 14.")}
    assert found == {6: ("deaths", "people"), 14: ("injured", "people")}
