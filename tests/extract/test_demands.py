"""Demands, offers and intents: an act stated with "must" or "should" is a demand (PLOVER REQUEST) of whoever must
act; a cooperative act on a condition is an offer (AGREE); an act someone wants to do is an intent (AGREE, or THREATEN
when conflictual)."""

from __future__ import annotations

from bench.coding import code_sentences


def test_a_declared_must_is_the_speakers_demand_of_the_subject() -> None:
    coded = code_sentences(["France said on Friday that Iran must release the detained sailors."])[0]
    assert (coded.type, coded.sources, coded.targets) == ("REQUEST", ("FRA",), ("IRN",))


def test_a_must_on_being_ready_to_act_is_a_demand_of_whoever_must_be_ready() -> None:
    coded = code_sentences(["Egypt said on Monday that Israel must be ready to withdraw its troops from the border."])
    assert (coded[0].type, coded[0].sources, coded[0].targets) == ("REQUEST", ("EGY",), ("ISR",))


def test_a_must_whose_speaker_names_no_actor_is_still_a_demand() -> None:
    assert code_sentences(["The ministers concluded that the rebels must release the prisoners."])[0].type == "REQUEST"


def test_without_must_the_act_keeps_its_type() -> None:
    assert code_sentences(["The rebels released the prisoners on Sunday."])[0].type == "RETREAT"


def test_a_cooperative_act_on_a_condition_is_an_offer() -> None:
    coded = code_sentences(["Iraq said it would release the detained sailors if Britain apologised."])[0]
    assert (coded.type, coded.sources) == ("AGREE", ("IRQ",))
    assert code_sentences(["Iraq released the detained sailors on Monday."])[0].type == "RETREAT"


def test_wanting_to_act_states_an_intent() -> None:
    coded = code_sentences(["Iran wants to attack Israel, a senior official said."])[0]
    assert (coded.type, coded.sources, coded.targets) == ("THREATEN", ("IRN",), ("ISR",))
    assert code_sentences(["The government wants to help the refugees."])[0].type == "AGREE"


def test_an_event_noun_a_light_verb_carries_takes_the_verbs_modality() -> None:
    assert code_sentences(["NATO said it would tighten the blockade of the port."])[0].type == "THREATEN"
    assert code_sentences(["NATO tightened the blockade of the port on Monday."])[0].type == "COERCE"
