"""spaCy NER with the country gazetteer: countries are places, never people."""

from __future__ import annotations

from newsweave import nlp
from newsweave.store import Store


def test_niger_is_never_a_person_in_the_seeds(seeds_store: Store) -> None:
    niger = seeds_store.query("SELECT label, count(*) AS n FROM mentions WHERE text = 'Niger' GROUP BY label")
    assert niger, "Niger should be mentioned in the seeds"
    assert {row["label"] for row in niger} == {"GPE"}


def test_no_country_name_is_stored_as_a_person(seeds_store: Store) -> None:
    people = {row["text"] for row in seeds_store.mentions(label="PERSON")}
    assert not people & {"Niger", "Nigeria", "Mali", "Burkina Faso", "France", "Guinea", "Benin"}


def test_mentions_carry_offsets_into_the_stored_text(seeds_store: Store) -> None:
    for article in seeds_store.articles():
        text = seeds_store.article(article["id"])["text"]
        rows = seeds_store.mentions(article["id"])
        assert rows
        for row in rows:
            assert text[row["start"] : row["end"]] == row["text"]
            assert row["sentence"] >= 0


def test_country_ruler_labels_and_codes() -> None:
    doc = nlp.load()("Burkina Faso and Niger warned Nigeria; Nigerien soldiers stayed in Niamey.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Burkina Faso", "GPE", "BFA") in ents
    assert ("Niger", "GPE", "NER") in ents
    assert ("Nigeria", "GPE", "NGA") in ents
    assert ("Nigerien", "NORP", "NER") in ents
    assert ("Niamey", "GPE", "city:NER") in ents


def test_parallel_parse_matches_single_process() -> None:
    texts = [(f"Niger closed its airspace on Sunday, report {i} said.", i) for i in range(6)]
    one = [(d.text, [(e.text, e.label_) for e in d.ents], ctx) for d, ctx in nlp.parse(texts, workers=1)]
    two = [(d.text, [(e.text, e.label_) for e in d.ents], ctx) for d, ctx in nlp.parse(texts, workers=2, batch_size=2)]
    assert one == two
