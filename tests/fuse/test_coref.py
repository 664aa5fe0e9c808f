"""Event coreference with the shipped scorer, on records built as the corpus stage builds them (real lemmas and
word vectors from the spaCy vocabulary; no database)."""

from __future__ import annotations

from datetime import date

from newsweave.engine.coref_input import with_vectors
from newsweave.fuse import coref
from newsweave.fuse.coref_model import default_scorer, features

ARREST = "Police arrested the two opposition leaders in the capital on {day}."


def _arrest(id_: str, seq: int, day: int | None, *, sources: frozenset[str] = frozenset({"police"}),
            stated: bool = True, trigger: str = "arrested") -> coref.EventRecord:  # fmt: skip
    record = coref.EventRecord(
        id=id_, seq=seq, story="s", type="COERCE", mode="arrest", date=date(2024, 3, day) if day else None,
        precision="day" if day else None, stated=stated and day is not None, sources=sources,
        targets=frozenset({"leaders"}), country=None, doc=id_.split("#")[0],
        names=frozenset({"capital"}), doc_names=frozenset({"capital", "opposition"}),
    )  # fmt: skip
    return with_vectors(record, trigger=trigger, sentence=ARREST.format(day="Monday"))


def test_a_missing_actor_does_not_block_a_merge() -> None:
    named, unnamed = _arrest("a#0", 1, 4), _arrest("b#0", 2, 4, sources=frozenset())
    assert coref.compatible(named, unnamed)
    merged = coref.merge([named, unnamed])
    assert merged["b#0"] == "a#0"


def test_different_stated_days_never_merge() -> None:
    merged = coref.merge([_arrest("a#0", 1, 4), _arrest("b#0", 2, 5), _arrest("c#0", 3, 4, trigger="detained")])
    assert merged["b#0"] == "b#0"
    assert merged["c#0"] == "a#0"  # "detained" meets "arrested" through their word vectors


def test_an_undated_event_does_not_pull_two_dated_clusters_together() -> None:
    records = [_arrest("a#0", 1, 4), _arrest("b#0", 2, 4), _arrest("c#0", 3, None), _arrest("d#0", 4, 9),
               _arrest("e#0", 5, 9)]  # fmt: skip
    merged = coref.merge(records)
    assert merged["b#0"] == "a#0" and merged["e#0"] == "d#0"
    assert merged["a#0"] != merged["d#0"]


def test_the_scorer_prefers_the_same_trigger_and_names() -> None:
    scorer = default_scorer()
    same = scorer.probability(_arrest("a#0", 1, 4), _arrest("b#0", 2, 4))
    other = with_vectors(_arrest("c#0", 3, 4), trigger="celebrated", sentence="Fans celebrated the cup final win.")
    assert same > scorer.threshold > scorer.probability(_arrest("a#0", 1, 4), other)
    assert len(features(_arrest("a#0", 1, 4), other)) == len(scorer.weights)


def test_cluster_mentions_returns_every_mention_once() -> None:
    records = [_arrest("a#0", 1, None), _arrest("b#0", 2, None), _arrest("c#1", 3, None, trigger="celebrated")]
    clusters = coref.cluster_mentions(records)
    assert sorted(m for c in clusters for m in c) == ["a#0", "b#0", "c#1"]
