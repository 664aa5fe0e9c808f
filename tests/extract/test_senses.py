"""Word sense from context and detection beyond the lexicon, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from bench.coding import article_for
from newsweave import nlp
from newsweave.extract.actors import extract_actors
from newsweave.extract.events import extract_events
from newsweave.model import EventMention


def _events(text: str) -> list[EventMention]:
    doc, _ = next(nlp.parse([(text, None)]))
    local, linked = extract_actors(doc, "t")
    return extract_events(doc, article_for(text, "t"), local, linked)


def _coded(text: str, word: str) -> tuple[str, str | None]:
    """The type and mode the word is coded with in the text."""
    found = [(e.type, e.mode) for e in _events(text) if e.trigger.text == word]
    assert found, (word, [(e.trigger.text, e.type) for e in _events(text)])
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "A strong earthquake struck the mountain province early on Sunday, flattening hundreds of homes.",
        "A violent storm struck the fishing villages along the coast overnight.",
        "The cyclone struck the island on Friday.",
    ],
)
def test_a_hazard_that_strikes_is_a_disaster(text: str) -> None:
    assert _coded(text, "struck")[0] == "DISASTER"


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of dock workers went on strike on Monday to demand higher wages.",
        "The teachers' union called a national strike over unpaid salaries.",
    ],
)
def test_a_workforce_strike_is_a_protest(text: str) -> None:
    assert _coded(text, "strike") == ("PROTEST", "strike")


@pytest.mark.parametrize(
    "text",
    [
        "An air strike hit a crowded market in the northern town, killing at least twelve people.",
        "A drone strike destroyed the convoy near the border.",
    ],
)
def test_an_air_strike_is_an_assault(text: str) -> None:
    assert _coded(text, "strike")[0] == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The company released a faster chip for gaming laptops on Tuesday.", "released"),
        ("The new tablet offers three USB ports and a larger screen.", "offers"),
        ("The studio released its new film in cinemas across Europe.", "released"),
    ],
)
def test_a_product_released_or_offered_is_economic(text: str, word: str) -> None:
    event_type, _ = _coded(text, word)
    assert event_type == "ECONOMIC"
    assert event_type not in {"RETREAT", "AGREE"}


def test_people_released_are_still_a_release() -> None:
    assert _coded("The rebels released two hostages on Thursday.", "released") == ("RETREAT", "release")


def test_being_asked_about_something_is_no_request() -> None:
    text = "Asked about the amnesty, the United States said it was studying the decree closely."
    assert not [e for e in _events(text) if e.type == "REQUEST"]


def test_asking_someone_to_act_is_a_request() -> None:
    text = "France asked Nigeria to reopen its border with Niger."
    assert _coded(text, "asked")[0] == "REQUEST"


@pytest.mark.parametrize(
    ("text", "word", "event_type"),
    [
        ("The quake killed more than 300 people in the region.", "quake", "DISASTER"),
        ("The collapse of the dam flooded three villages.", "collapse", "ACCIDENT"),
        ("Officials confirmed 40 deaths after the floods.", "deaths", "CASUALTY"),
        ("The acquisition of the steelmaker was completed in March.", "acquisition", "ECONOMIC"),
        ("Thousands of families fled the fighting in the east.", "fled", "DISPLACEMENT"),
        ("The court convicted the former minister of fraud.", "convicted", "LEGAL"),
        ("Voters elected a new parliament in June.", "elected", "ELECTION"),
    ],
)
def test_crisis_extension_types(text: str, word: str, event_type: str) -> None:
    assert _coded(text, word)[0] == event_type


def test_eventive_words_outside_the_lexicon_are_events_of_type_other() -> None:
    events = _events("The engineers repaired the bridge, and the ferry resumed its crossings.")
    assert ("repaired", "OTHER") in {(e.trigger.text, e.type) for e in events}


def test_reporting_verbs_are_not_events() -> None:
    events = _events("The minister said on Monday that the talks had been useful, aides told reporters.")
    assert not {"said", "told"} & {e.trigger.text for e in events}


def test_a_noun_model_reads_the_document_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.extract import detect

    doc: Doc = nlp.load()("The flood destroyed the harvest and the reconstruction will take years.")
    first = detect.event_nouns(doc)
    monkeypatch.setattr(detect, "noun_features", lambda _: (_ for _ in ()).throw(AssertionError("read twice")))
    assert detect.event_nouns(doc) == first


@pytest.mark.parametrize(
    ("text", "word", "event_type"),
    [
        ("Japan financed a new deep-water port in Sri Lanka last year.", "financed", "COOPERATE"),
        ("The foreign minister reprimanded the ambassador over the remarks.", "reprimanded", "ACCUSE"),
        ("The prime minister extolled the courage of the rescue teams.", "extolled", "SUPPORT"),
    ],
)
def test_the_general_verb_lexicon_types_verbs_the_trigger_lexicon_lacks(text: str, word: str, event_type: str) -> None:
    assert _coded(text, word)[0] == event_type


def test_the_general_verb_lexicon_leaves_carrying_verbs_untyped() -> None:
    events = _events("The agency gave the villagers a reply and announced a second convoy.")
    assert {e.type for e in events if e.trigger.text in {"gave", "announced"}} <= {"OTHER"}
    # a phrase pattern of the CAMEO verb dictionary does type one: giving tonnes of something is aid
    assert _coded("The agency gave the villagers two tonnes of rice.", "gave")[0] == "AID"


def test_statement_verbs_of_the_general_lexicon_stay_other() -> None:
    assert _coded("The envoy emphasized the importance of the ceasefire.", "emphasized")[0] == "OTHER"


def _actors(text: str, word: str) -> tuple[set[str], set[str]]:
    """The names of the source and target actors of the word's event."""
    doc, _ = next(nlp.parse([(text, None)]))
    local, linked = extract_actors(doc, "t")
    names = {a.local_id: a.name for a in local}
    event = next(e for e in extract_events(doc, article_for(text, "t"), local, linked) if e.trigger.text == word)
    return {names[s] for s in event.sources}, {names[t] for t in event.targets}


def test_a_threat_is_aimed_at_whoever_its_condition_is_on() -> None:
    sources, targets = _actors("Iran threatened to close the strait if the United States imposed new sanctions.",
                               "threatened")  # fmt: skip
    assert sources == {"Iran"} and targets == {"United States"}


def test_an_amount_of_aid_is_given_to_the_verb_s_recipient() -> None:
    sources, targets = _actors("The European Union on Friday gave Haiti 20 million euros of aid for schools.", "aid")
    assert sources == {"European Union"} and targets == {"Haiti"}


def test_withdrawing_envoys_reduces_relations_withdrawing_troops_is_a_retreat() -> None:
    from bench.coding import code_sentences

    envoy, troops = code_sentences(["Britain withdrew its ambassador from Iran on Monday.",
                                    "Russia withdrew its troops from the border."])  # fmt: skip
    assert (envoy.type, envoy.sources, envoy.targets) == ("SANCTION", ("GBR",), ("IRN",))
    assert troops.type == "RETREAT"


def test_easing_a_restriction_is_a_concession() -> None:
    from bench.coding import code_sentences

    relaxed, cut = code_sentences(["The government relaxed the curfew in the capital on Friday.",
                                   "The donors reduced food aid to the camp."])  # fmt: skip
    assert (relaxed.type, cut.type) == ("CONCEDE", "SANCTION")
