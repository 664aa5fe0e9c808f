"""Actor resolution on the seeds and the sample corpus, scored against tests/gold/actors.jsonl."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from floors import check
from gold_actors import bcubed, gold_mentions, majority, predicted

import newsweave
from newsweave.errors import AmbiguousError, NotFoundError
from newsweave.extract.actors import acronym_definitions
from newsweave.extract.names import actors_named
from newsweave.store import Store


def _actor_of(store: Store, gold_actor: str) -> dict[str, object]:
    gold = gold_mentions()
    votes = majority(gold, predicted(store, gold), gold_actor)
    assert votes, f"no mention of {gold_actor} was resolved"
    return store.actor(votes.most_common(1)[0][0])


def test_gold_offsets_match_the_stored_text(corpus_store: Store) -> None:
    texts = {
        row["origin"].rsplit("/", 1)[-1]: row["text"] for row in corpus_store.query("SELECT origin, text FROM articles")
    }
    for g in gold_mentions():
        assert texts[g.article][g.start : g.end] == g.text, g


def test_bcubed_f1_over_all_mentions(corpus_store: Store) -> None:
    gold = gold_mentions()
    precision, recall, f1 = bcubed(gold, predicted(corpus_store, gold))
    check("actors_bcubed_f1", f1, f"P {precision:.3f} R {recall:.3f}, n={len(gold)} mentions")


def test_every_tchiani_spelling_is_one_actor(corpus_store: Store) -> None:
    gold = gold_mentions()
    pred = predicted(corpus_store, gold)
    names = {g.text for g in gold if g.actor == "abdourahamane-tchiani"}
    spellings = {n for n in names if "Ti" in n or "Tch" in n}
    assert {"Tchiani", "Tiani", "Tchian", "Abdourahmane Tchiani", "Abdurahmane Tiani"} <= spellings
    resolved = {
        p for g, p in zip(gold, pred, strict=True) if g.actor == "abdourahamane-tchiani" and g.text in spellings
    }
    assert len(resolved) == 1 and None not in resolved


def test_ecowas_spellings_and_the_bloc_are_one_actor(corpus_store: Store) -> None:
    actor = _actor_of(corpus_store, "ecowas")
    aliases = set(actor["aliases"])  # type: ignore[arg-type]
    assert {"ECOWAS", "Ecowas", "Economic Community of West African States", "bloc"} <= aliases
    assert (actor["kind"], actor["country"], actor["cameo_code"]) == ("igo", None, "IGOWAF")


def test_cnsp_renderings_and_the_junta_are_one_actor(corpus_store: Store) -> None:
    actor = _actor_of(corpus_store, "cnsp")
    aliases = set(actor["aliases"])  # type: ignore[arg-type]
    assert {"CNSP", "National Council for the Safeguard of the Homeland",
            "National Council for the Safeguarding of the Country", "junta"} <= aliases  # fmt: skip
    assert any(a.startswith("Conseil national") for a in aliases)
    assert (actor["kind"], actor["country"], actor["cameo_code"]) == ("military", "NER", "NERMIL")


def test_people_and_states_are_never_confused(corpus_store: Store) -> None:
    ids = {name: _actor_of(corpus_store, name)["id"] for name in
           ("mohamed-bazoum", "bola-tinubu", "abdourahamane-tchiani", "salifou-mody", "niger", "nigeria")}  # fmt: skip
    assert len(set(ids.values())) == len(ids)
    niger, nigeria = corpus_store.actor(ids["niger"]), corpus_store.actor(ids["nigeria"])
    assert (niger["country"], nigeria["country"]) == ("NER", "NGA")


def test_kind_and_country_of_every_seed_actor_mentioned_twice(seeds_store: Store) -> None:
    names = {row["origin"].rsplit("/", 1)[-1] for row in seeds_store.query("SELECT origin FROM articles")}
    gold = [g for g in gold_mentions() if g.article in names]
    pred = predicted(seeds_store, gold)
    counts = Counter(g.actor for g in gold)
    wrong = []
    for name, count in counts.items():
        if count < 2:
            continue
        truth = next(g for g in gold if g.actor == name)
        votes = majority(gold, pred, name)
        actor = seeds_store.actor(votes.most_common(1)[0][0]) if votes else None
        if actor is None or (actor["kind"], actor["country"]) != (truth.kind, truth.country):
            wrong.append((name, truth.kind, truth.country, actor and (actor["kind"], actor["country"])))
    assert not wrong and sum(1 for c in counts.values() if c >= 2) >= 20, wrong


def test_roles_are_dated_by_the_article(corpus_store: Store) -> None:
    bazoum = _actor_of(corpus_store, "mohamed-bazoum")
    roles = {r["role"]: r for r in bazoum["roles"]}  # type: ignore[attr-defined,union-attr]
    assert "ousted president" in roles
    assert any(role["as_of"] is not None for role in roles.values())


def test_an_acronym_defined_only_in_a_cut_caption_is_an_alias(seeds_db: Path) -> None:
    """Seed 002 defines CNSP in a photo caption (cut from the text) and names the council in English in its body."""
    with newsweave.open(seeds_db) as corpus:
        council = corpus.actor("CNSP")
    assert council["name"] == "National Council for the Safeguard of the Homeland"
    assert "CNSP" in council["aliases"] and "junta" in council["aliases"]


def test_actor_lookup_by_surname_and_unique_word(seeds_db: Path) -> None:
    with newsweave.open(seeds_db) as corpus:
        assert corpus.actor("Tinubu")["name"] == "Bola Tinubu"
        assert corpus.actor("tinubu")["id"] == corpus.actor("Bola Tinubu")["id"]
        with pytest.raises(AmbiguousError) as several:
            corpus.actor("Abdoulaye")  # Abdoulaye Maiga and Abdoulaye Diop
        assert {c["name"] for c in several.value.candidates} == {"Abdoulaye Maiga", "Abdoulaye Diop"}
        with pytest.raises(NotFoundError):
            corpus.actor("Nobody")


def test_acronym_definitions_drop_what_precedes_a_possessive() -> None:
    text = (
        "Supporters of Kerema's Council for the Renewal of the Republic (CRR) marched. The Kerema Lakes Authority (KLA)"
    )
    assert acronym_definitions(text) == [
        ("CRR", "council for the renewal of the republic"),
        ("KLA", "kerema lakes authority"),
    ]


ACTORS = [
    ("act_1", "Amina Kerema", "person", ["Amina Kerema", "Kerema", "the minister"]),
    ("act_2", "Kerema Lakes Authority", "other", ["Kerema Lakes Authority", "KLA"]),
    ("act_3", "Jonas Kerema", "person", ["Jonas Kerema"]),
    ("act_4", "Ōla Bénin", "person", ["Ōla Bénin"]),
]


@pytest.mark.parametrize(
    ("ref", "ids"),
    [
        ("act_2", ["act_2"]),
        ("kla", ["act_2"]),  # an alias, any case
        ("Kerema", ["act_1"]),  # an alias wins over words of other names
        ("kerema lakes authority", ["act_2"]),
        ("Jonas", ["act_3"]),
        ("benin", ["act_4"]),  # accents ignored
        ("Amina Jonas", []),
        ("minister", []),  # role nouns are not names
        ("Lakes", []),  # words of a person's name only
        ("", []),
    ],
)
def test_actors_named(ref: str, ids: list[str]) -> None:
    assert actors_named(ref, ACTORS) == ids


def test_a_word_of_several_people_names_them_all() -> None:
    people = [("act_1", "Amina Kerema", "person", ["Amina Kerema"]), ("act_3", "Jonas Kerema", "person", [])]
    assert actors_named("KEREMA", people) == ["act_1", "act_3"]
