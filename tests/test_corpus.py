"""The read API over stored real events: pages agree with whole listings, ingest keeps the real events current,
and an analysis after a few new articles gives what an analysis of everything at once gives."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import SAMPLE, SEEDS

import newsweave
from newsweave.errors import UsageError


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
