"""Verb phrase patterns of the CAMEO verb dictionary, on sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Token

from bench.coding import code_sentences
from newsweave import nlp
from newsweave.extract.events import find_trigger
from newsweave.extract.phrases import verb_pattern
from newsweave.ontology import plover


def _verb(text: str, word: str) -> Token:
    doc, _ = next(nlp.parse([(text, None)]))
    return next(t for t in doc if t.text == word)


def test_a_particle_makes_the_phrase() -> None:
    pattern = verb_pattern(_verb("The dock workers' union called off the strike after a late pay offer.", "called"))
    assert pattern is not None and (pattern.cameo, pattern.type) == ("160", "SANCTION")


def test_without_its_particle_the_phrasal_pattern_does_not_match() -> None:
    pattern = verb_pattern(_verb("The union called the strike for Monday.", "called"))
    assert pattern is None or pattern.cameo != "160"


def test_a_prepositional_phrase_pattern_needs_its_preposition_and_noun() -> None:
    assert plover.general_verbs()["engage"] == "ASSAULT"  # "engaged the enemy"
    talks = "The two governments engaged in negotiations over the disputed border."
    pattern = verb_pattern(_verb(talks, "engaged"))
    assert pattern is not None and pattern.terms[0].prep == "in" and pattern.type == "CONSULT"
    assert code_sentences([talks])[0].type == "CONSULT"
    placed = _verb("The governor placed the former mayor on trial for fraud.", "placed")
    found = verb_pattern(placed)
    assert found is not None and (found.cameo, found.type) == ("173", "COERCE")
    trigger = find_trigger(placed)
    assert trigger is not None and trigger.type == "COERCE"
    elsewhere = verb_pattern(_verb("The governor placed the former mayor on the list.", "placed"))
    assert elsewhere is None or elsewhere.cameo != "173"


def test_a_conjoined_object_matches_the_pattern() -> None:
    abandoned = _verb("The rebels abandoned their trucks and their stronghold in the hills.", "abandoned")
    pattern = verb_pattern(abandoned)
    assert pattern is not None and pattern.type == "RETREAT"


def test_a_null_code_pattern_codes_nothing_new() -> None:
    assert plover.general_verbs()["abandon"] == "CONCEDE"
    demands = "The rebels abandoned their demands after the talks."
    assert code_sentences([demands])[0].type == "CONCEDE"
    ship = _verb("The crew abandoned ship as the fire spread through the hold.", "abandoned")
    pattern = verb_pattern(ship)
    assert pattern is not None and pattern.type == "-"
    trigger = find_trigger(ship)
    assert trigger is not None and trigger.type == "OTHER"  # still an eventive predicate, but no interaction
    assert code_sentences([ship.doc.text])[0].type is None


def test_the_most_specific_pattern_wins_and_the_lexicon_comes_first() -> None:
    called = _verb("The ministry called for an investigation into the killings.", "called")
    pattern = verb_pattern(called)
    assert pattern is not None and (pattern.cameo, pattern.type) == ("090", "ACCUSE")  # before "called for" alone
    trigger = find_trigger(called)
    assert trigger is not None and trigger.type == "REQUEST"  # the trigger lexicon's "call for" decides


def test_a_term_before_the_verb_is_its_subject_or_an_adverb() -> None:
    tensions = verb_pattern(_verb("Tensions between the two neighbours eased after the talks.", "eased"))
    assert tensions is not None and tensions.terms[0].before and (tensions.cameo, tensions.type) == ("080", "CONCEDE")
    assert verb_pattern(_verb("The rain eased after midnight.", "eased")) is None
    ended = verb_pattern(_verb("The delegation abruptly ended the talks.", "ended"))
    assert ended is not None and [t.before for t in ended.terms] == [True, False] and ended.type == "SANCTION"


def test_a_phrase_of_a_synonym_set_is_more_specific_than_its_head() -> None:
    military = verb_pattern(_verb("The neighbouring state gave the rebels army assistance.", "gave"))
    plain = verb_pattern(_verb("The neighbouring state gave the rebels assistance.", "gave"))
    assert military is not None and plain is not None
    assert (military.cameo, plain.cameo) == ("072", "070")  # military aid, aid


def test_a_general_lexicon_verb_carries_the_act_its_complement_names() -> None:
    assert plover.general_verbs()["manage"] == "COOPERATE" and plover.general_verbs()["struggle"] == "ASSAULT"
    assert code_sentences(["The army managed to seize the airport on Sunday."])[0].type == "COERCE"
    assert code_sentences(["Rebels struggled to free the hostages."])[0].type == "RETREAT"
