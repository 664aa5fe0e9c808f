"""Coreference and copy labelling on plain records (no database)."""

from __future__ import annotations

from datetime import date

from newsweave.engine.coref_input import with_vectors
from newsweave.fuse import coref, dedup, stories


def _event(id_: str, seq: int, day: int | None, *, kind: str = "REJECT", mode: str | None = None,
           source: str = "junta", target: str = "envoys", stated: bool = True) -> coref.EventRecord:  # fmt: skip
    record = coref.EventRecord(
        id=id_, seq=seq, story="s", type=kind, mode=mode, date=date(2023, 8, day) if day else None,
        precision="day", stated=stated, sources=frozenset({source}), targets=frozenset({target}), country=None,
        doc=id_.rsplit("_", 1)[0],
    )  # fmt: skip
    return with_vectors(record, trigger="rejected", sentence="The junta rejected the envoys sent by the bloc.")


def test_same_event_in_two_articles_merges_under_the_first() -> None:
    merged = coref.merge([_event("evt_b_0", 2, 8), _event("evt_a_3", 1, 8)])
    assert merged == {"evt_b_0": "evt_a_3", "evt_a_3": "evt_a_3"}


def test_different_day_mode_or_source_stays_apart() -> None:
    base = _event("evt_a_0", 1, 8)
    assert coref.corefer(base, _event("evt_b_0", 2, 8))
    assert not coref.corefer(base, _event("evt_b_0", 2, 10))
    assert not coref.corefer(base, _event("evt_b_0", 2, 8, source="ecowas"))
    arrest, seize = _event("evt_a_1", 1, 8, kind="COERCE", mode="arrest"), _event("evt_b_1", 2, 8, kind="COERCE",
                                                                                  mode="seize")  # fmt: skip
    assert not coref.corefer(arrest, seize)
    types = [_event("evt_a_2", 1, 8, kind="REJECT"), _event("evt_b_2", 2, 8, kind="REQUEST")]
    assert len(set(coref.merge(types).values())) == 2  # typed records of two types are never compared


def test_loose_dates_cannot_chain_two_stated_days() -> None:
    loose = _event("evt_c_0", 3, 9, stated=False)
    merged = coref.merge([_event("evt_a_0", 1, 5), loose, _event("evt_b_0", 2, 11)])
    assert merged["evt_a_0"] != merged["evt_b_0"]


WIRE = " ".join(
    f"Sentence {i} of the wire report says the envoys were turned away at the airport on Tuesday by the soldiers."
    for i in range(12)
)


def _doc(article_id: str, text: str, outlet: str, seq: int) -> dedup.Doc:
    return dedup.Doc(article_id, seq, outlet, date(2023, 8, 9), text)


def test_copy_kinds() -> None:
    original = _doc("a", WIRE, "Wire", 1)
    assert dedup.label(original, _doc("b", WIRE, "Ledger", 2))[0] == "verbatim"
    trimmed = ". ".join(WIRE.split(". ")[:8]).replace("Tuesday", "Tuesday morning") + "."
    assert dedup.label(original, _doc("c", trimmed, "Courier", 3))[0] == "edited"
    other = "A different report on fuel prices and queues in the capital, with new figures from traders. " * 6
    assert dedup.label(original, _doc("d", other, "Post", 4))[0] == "unrelated"


def test_band_keys_find_near_duplicates() -> None:
    near = WIRE.replace("Sentence 11", "Line eleven")
    assert set(dedup.band_keys(dedup.signature(WIRE))) & set(dedup.band_keys(dedup.signature(near)))


def test_story_index_is_incremental_and_stable() -> None:
    index = stories.StoryIndex()
    niger = [("Niger", "GPE"), ("ECOWAS", "ORG"), ("Mohamed Bazoum", "PERSON")]
    first = index.assign(stories.describe("a1", date(2023, 8, 1), niger))
    again = index.assign(stories.describe("a2", date(2023, 8, 3), [*niger, ("Niamey", "GPE")]))
    other = index.assign(stories.describe("a3", date(2023, 8, 3), [("Libya", "GPE"), ("Derna", "GPE")]))
    late = index.assign(stories.describe("a4", date(2024, 3, 1), niger))
    assert first == again == "sto_a1" and other == "sto_a3" and late not in {first, other}
