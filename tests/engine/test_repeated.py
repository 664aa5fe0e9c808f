"""Boilerplate one outlet repeats: 22 wire articles sharing a footer, ingested in two runs and then again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import newsweave
from newsweave import repeated
from newsweave import store_lines as memory_rows
from newsweave.model import IngestReport

WIRE = ROOT / "tests" / "data" / "wire" / "harbourcourier.jsonl"
ROWS = [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines()]
FOOTER = ROWS[0]["text"].split("\n\n")[-3:]
EARLY = 3  # articles ingested in a first run, before the footer is known to be boilerplate


@dataclass
class Runs:
    db: Path
    early: dict[str, str]  # id → text of the articles stored by the first run
    reports: list[IngestReport]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    folder = tmp_path_factory.mktemp("wire")
    db, first = folder / "wire.duckdb", folder / "first.jsonl"
    first.write_text("".join(json.dumps(row) + "\n" for row in ROWS[:EARLY]), encoding="utf-8")
    reports = [newsweave.ingest([str(first)], db=db)]
    with newsweave.open_store(db, read_only=True) as store:
        early = {row["id"]: store.article(row["id"])["text"] for row in store.articles()}
    reports.append(newsweave.ingest([str(WIRE)], db=db))
    return Runs(db, early, reports)


def _dump(db: Path) -> dict[str, list[dict[str, Any]]]:
    with newsweave.open_store(db, read_only=True) as store:
        return {table: store.query(f"SELECT * EXCLUDE ({skip}) FROM {table} ORDER BY ALL")
                for table, skip in (("articles", "ingested_at"), ("events", "date_uncertain"),
                                    ("dropped_lines", "number"), ("article_lines", "counted"))}  # fmt: skip


def test_the_footer_is_known_early_and_every_article_loses_it(runs: Runs) -> None:
    assert len(ROWS) >= 20 and all(row["text"].endswith(FOOTER[-1]) for row in ROWS)
    assert [r.ingested for r in runs.reports] == [EARLY, len(ROWS) - EARLY]
    assert runs.reports[1].recleaned == repeated.MIN_ARTICLES - 1  # those stored before the fifth article came
    with newsweave.open_store(runs.db, read_only=True) as store:
        articles = store.articles()
        assert len(articles) == len(ROWS)
        for row in articles:
            text = store.article(row["id"])["text"]
            assert not any(line in text for line in FOOTER), row
            gone = [d["text"] for d in memory_rows.dropped(store, row["id"]) if d["rule"] == "repeated"]
            assert sorted(gone) == sorted(FOOTER), row


def test_no_event_is_coded_from_the_footer(runs: Runs) -> None:
    with newsweave.open_store(runs.db, read_only=True) as store:
        events = store.article_events()
        texts = {row["id"]: store.article(row["id"])["text"] for row in store.articles()}
    assert len({e["article_id"] for e in events}) >= len(ROWS) - 2
    for event in events:
        for span in event["evidence"]:
            assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]
            assert not any(word in span["text"] for word in ("welcome comments", "Sign up", "app for breaking"))


def test_articles_stored_before_keep_their_ids_and_lose_the_footer(runs: Runs) -> None:
    with newsweave.open_store(runs.db, read_only=True) as store:
        for article_id, before in runs.early.items():
            after = store.article(article_id)["text"]
            assert all(line in before for line in FOOTER)
            assert after == before.rsplit("\n\n", len(FOOTER))[0]


def test_ingesting_the_same_input_again_changes_nothing(runs: Runs) -> None:
    before = _dump(runs.db)
    again = newsweave.ingest([str(WIRE)], db=runs.db)
    assert (again.ingested, again.duplicates, again.recleaned) == (0, len(ROWS), 0)
    assert _dump(runs.db) == before


def test_one_run_gives_the_same_store_as_two(runs: Runs, tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    report = newsweave.ingest([str(WIRE)], db=db)
    assert report.recleaned == repeated.MIN_ARTICLES - 1
    ours, theirs = _dump(db), _dump(runs.db)
    assert ours["dropped_lines"] == theirs["dropped_lines"] and ours["article_lines"] == theirs["article_lines"]
    assert [a["text"] for a in ours["articles"]] == [a["text"] for a in theirs["articles"]]


def test_updates_of_one_story_keep_the_body_they_share(runs: Runs, tmp_path: Path) -> None:
    """Six versions of one story, each with a new lead over the same four paragraphs: near-copies, so the paragraphs
    they share are no boilerplate (the footer still is)."""
    story = ROWS[4]
    body = [story["text"].split("\n\n")[1],
            "Relations between the two neighbours have been strained since the end of the war in Tigray, when "
            "Eritrean troops stayed in parts of the region.",
            "Ethiopia has said it wants access to the Red Sea, a demand Eritrean officials have called a threat.",
            "Neither government has published an agenda for the meetings, and journalists were kept away from the "
            "venue."]  # fmt: skip
    leads = ["Envoys from Ethiopia and Eritrea held talks in Addis Ababa on Friday, officials said.",
             "Ethiopian and Eritrean envoys met for a second session on Friday afternoon, officials said.",
             "The talks between Ethiopia and Eritrea ended on Friday evening without a joint statement.",
             "Ethiopia said on Saturday that Friday's talks with Eritrea had been useful.",
             "Eritrea's information minister said on Saturday the talks had covered trade through Assab.",
             "Diplomats in Addis Ababa said on Sunday a second round of talks could take place in Asmara."]  # fmt: skip
    versions = tmp_path / "versions.jsonl"
    versions.write_text("".join(json.dumps({**story, "id": f"{story['id']}-v{i}", "url": f"{story['url']}-v{i}",
                                            "text": "\n\n".join([lead, *body, *FOOTER])}) + "\n"
                                for i, lead in enumerate(leads)), encoding="utf-8")  # fmt: skip
    db = tmp_path / "versions.duckdb"
    report = newsweave.ingest([str(WIRE), str(versions)], db=db)
    assert report.ingested == len(ROWS) + len(leads), [r.reason for r in report.rejected]
    with newsweave.open_store(db, read_only=True) as store:
        texts = [store.article(f"{story['url']}-v{i}")["text"] for i in range(len(leads))]
    assert all(all(line in text for line in body) and FOOTER[0] not in text for text in texts)
