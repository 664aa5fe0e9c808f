"""The read API over stored real events: pages agree with whole listings, ingest keeps the real events current,
and an analysis after a few new articles gives what an analysis of everything at once gives."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import SAMPLE, SEEDS

import newsweave
from newsweave.corpus import Corpus
from newsweave.errors import AmbiguousError, NotFoundError, UsageError
from newsweave.model import Actor
from newsweave.store import Store
from newsweave.store import actors as actor_table


def _ids(events: list[newsweave.Event]) -> list[str]:
    return [e.id for e in events]


def test_pages_match_the_whole_listing(corpus_db: Path) -> None:
    with newsweave.open(corpus_db) as corpus:
        every = corpus.events().items
        pages = [corpus.events(limit=7, offset=n).items for n in range(0, len(every), 7)]
        assert _ids([e for page in pages for e in page]) == _ids(every)
        assert corpus.events(limit=7).total == len(every)
        dated = corpus.timeline().items
        assert all(a["date"] <= b["date"] for a, b in itertools.pairwise(dated))
        request = corpus.event_filter(event_type="request")
        assert _ids(corpus.events(request).items) == [e.id for e in every if e.type == "REQUEST"]


def test_a_record_round_trips_through_its_json_shape(corpus_db: Path) -> None:
    with newsweave.open(corpus_db) as corpus:
        for text in corpus.events_json(limit=50).items:
            shape = json.loads(text)
            assert json.loads(json.dumps(newsweave.Event.from_dict(shape).as_dict(), default=str)) == shape


def test_filters_refuse_unknown_references(corpus_db: Path) -> None:
    with newsweave.open(corpus_db) as corpus:
        for wrong in ({"event_type": "NOPE"}, {"actor": "nobody at all"}, {"story": "sto_none"}):
            with pytest.raises(UsageError):
                corpus.event_filter(**wrong)


def test_ingest_writes_real_events_and_analysis_merges_them(tmp_path: Path) -> None:
    db = tmp_path / "inc.duckdb"
    newsweave.ingest([str(SEEDS)], db=db)
    extra = SAMPLE / "kanocourier_2023-08-02_first-evacuation-flight.txt"
    newsweave.ingest([str(extra)], db=db, analyze=False)
    with newsweave.open(db) as corpus:
        article = corpus.articles().items
        fresh = [a["id"] for a in article if a["id"] not in {x for e in corpus.events().items for x in e.article_ids}]
        assert not fresh, "every stored article's events are listed before any analysis"
    newsweave.analyze(db)
    whole = tmp_path / "whole.duckdb"
    newsweave.ingest([str(SEEDS)], db=whole, analyze=False)
    newsweave.ingest([str(extra)], db=whole, analyze=False)
    newsweave.analyze(whole)
    for read in (newsweave.events, newsweave.stories, newsweave.conflicts):
        assert read(db) == read(whole), read.__name__


def test_incremental_analysis_matches_one_run(corpus_db: Path, one_run_db: Path) -> None:
    assert newsweave.events(corpus_db) == newsweave.events(one_run_db)
    assert newsweave.stories(corpus_db) == newsweave.stories(one_run_db)


def _two_keremas(db: Path) -> None:
    """Two actors whose names differ only by an accent; the accented one is mentioned three times, the other once."""
    people = [
        Actor("act_a", "Amina Kerema", "person", None, None, ("Amina Kerema",), (), (("art_1", 0),)),
        Actor("act_b", "Amina Kérema", "person", None, None, ("Amina Kérema", "the minister"), (),
              (("art_2", 0), ("art_3", 0))),
    ]  # fmt: skip
    mentions = [
        ["art_1", 0, 12, "Amina Kerema", "PERSON", 0, 0],
        ["art_2", 0, 12, "Amina Kérema", "PERSON", 0, 0],
        ["art_3", 0, 12, "Amina Kérema", "PERSON", 0, 0],
        ["art_3", 80, 92, "Amina Kérema", "PERSON", 0, 3],
    ]
    with Store(db) as store, store.transaction():  # mentions first, as ingest stores them before the actor stage
        store.insert("actor_mentions", actor_table.ACTOR_MENTION_COLUMNS, mentions)
        actor_table.replace(store, people, members=None)


def test_an_actor_is_looked_up_one_way_whatever_is_typed(tmp_path: Path) -> None:
    """Ids first, then a name or alias with accents and case ignored (the most mentioned of that name), then words."""
    db = tmp_path / "names.duckdb"
    _two_keremas(db)
    with Corpus(db) as corpus:
        assert corpus.actor_id("act_a") == "act_a"
        assert corpus.actor_id("amina kerema") == "act_b"
        assert len(corpus.actor("AMINA KÉREMA")["mention_spans"]) == 3
        assert corpus.event_filter(actor="Amina Kerema").actor == "act_b"
        with pytest.raises(AmbiguousError) as several:
            corpus.actor_id("Kerema")
        assert [c["id"] for c in several.value.candidates] == ["act_b", "act_a"]
        with pytest.raises(NotFoundError):
            corpus.actor("Jonas Kerema")
