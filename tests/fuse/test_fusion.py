"""Fusion on the seeds and the sample corpus: copies, stories, merged events, support, incremental runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, ROOT, SAMPLE, SEEDS
from floors import check
from gold_events import article_ids

import newsweave

OTHER_STORIES = ROOT / "tests" / "data" / "stories"
WIRE = "sahelwire_2023-08-09_niger-junta-turns-away-mediators.txt"
VERBATIM = "lagosledger_2023-08-09_niger-junta-turns-away-mediators.html"


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (GOLD / "duplicates.jsonl").read_text().splitlines() if line.strip()]


def test_planted_copies_found_with_their_kind_and_nothing_else(corpus_db: Path) -> None:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        ids = article_ids(store)
    found = {(d["article_id"], d["copy_of"], d["kind"]) for d in newsweave.duplicates(corpus_db)}
    gold = [g for g in _gold() if g["article"] in ids]  # the sample and seed pairs (tests/data/copies: below)
    wanted = {(ids[g["article"]], ids[g["copy_of"]], g["kind"]) for g in gold if g["kind"] != "unrelated"}
    hits = len(found & wanted)
    precision, recall = hits / len(found), hits / len(wanted)
    negatives = sum(g["kind"] == "unrelated" for g in gold)
    detail = (
        f"P {precision:.3f} R {recall:.3f}, n={len(wanted)} copies and {negatives} hard negatives; {found ^ wanted}"
    )
    check("duplicates_pair_f1", 2 * precision * recall / (precision + recall), detail)
    copied = {(a, b) for a, b, _ in found} | {(b, a) for a, b, _ in found}
    for g in gold:
        if g["kind"] == "unrelated":
            assert (ids[g["article"]], ids[g["not_copy_of"]]) not in copied, g["why"]


COPIES = ROOT / "tests" / "data" / "copies"


@pytest.fixture(scope="module")
def copies_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("copies") / "copies.duckdb"
    report = newsweave.ingest([str(COPIES)], db=db)
    assert report.ingested == len(list(COPIES.glob("*.txt"))) + len(list(COPIES.glob("*.html"))), report.rejected
    return db


def test_copies_and_look_alikes_written_as_newsrooms_write(copies_db: Path) -> None:
    """Cut paragraphs, re-ledes, credited and uncredited rewrites, and hard negatives (tests/data/copies)."""
    with newsweave.open_store(copies_db, read_only=True) as store:
        ids = article_ids(store)
    gold = [g for g in _gold() if g["article"] in ids]
    found = {(d["article_id"], d["copy_of"], d["kind"]) for d in newsweave.duplicates(copies_db)}
    wanted = {(ids[g["article"]], ids[g["copy_of"]], g["kind"]) for g in gold if g["kind"] != "unrelated"}
    pairs = {(a, b) for a, b, _ in found} | {(b, a) for a, b, _ in found}
    negatives = [g for g in gold if g["kind"] == "unrelated"]
    false_links = [g["why"] for g in negatives if (ids[g["article"]], ids[g["not_copy_of"]]) in pairs]
    hits = len(found & wanted)
    precision, recall = hits / max(1, len(found)), hits / len(wanted)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    names = {v: k for k, v in ids.items()}
    missed = sorted(f"{names[a]} ({kind})" for a, _, kind in wanted - found)
    detail = f"P {precision:.3f} R {recall:.3f}, n={len(wanted)} copies, {len(negatives)} hard negatives"
    detail += f"; missed {missed}"
    assert len(wanted) >= 15 and len(negatives) >= 8
    check("copies_pair_f1", f1, detail)
    assert not false_links, false_links


def test_copies_ingested_before_their_original_point_at_it(tmp_path: Path) -> None:
    db = tmp_path / "late.duckdb"
    paraphrase = SAMPLE / "meridiandesk_2023-08-09_mediators-kept-out-of-niamey.html"
    newsweave.ingest([str(SAMPLE / VERBATIM), str(paraphrase)], db=db)
    assert newsweave.duplicates(db) == []
    newsweave.ingest([str(SAMPLE / WIRE)], db=db)
    found = {(d["outlet"], d["original_outlet"], d["kind"]) for d in newsweave.duplicates(db)}
    assert found == {("Lagos Ledger", "Sahel Wire", "verbatim"), ("Meridian Desk", "Sahel Wire", "paraphrase")}


def test_seed_letter_to_the_un_is_one_event_with_two_independent_sources(seeds_db: Path) -> None:
    with newsweave.open_store(seeds_db, read_only=True) as store:
        ids = article_ids(store)
        events = store.events(event_type="REQUEST")
    letter = {ids["000_c918b9188006d739.txt"], ids["001_ceb58701a3f40a80.txt"]}
    merged = [e for e in events if letter <= set(e["article_ids"]) and {"Mali", "Burkina Faso"} <= _names(e["source"])]
    assert len(merged) == 1
    assert merged[0]["num_independent_sources"] == 2
    assert {span["article_id"] for span in merged[0]["evidence"]} >= letter


def test_ecowas_threat_of_force_merges_across_seeds(seeds_db: Path) -> None:
    with newsweave.open_store(seeds_db, read_only=True) as store:
        threats = [e for e in store.events(event_type="THREATEN") if "ECOWAS" in _aliases(store, e["source"])]
    assert max(e["num_articles"] for e in threats) >= 2


def test_copy_and_original_count_as_one_source(corpus_db: Path) -> None:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        ids = article_ids(store)
        events = store.events()
    pair = {ids[WIRE], ids[VERBATIM]}
    shared = [e for e in events if pair <= set(e["article_ids"])]
    assert shared
    assert all(e["num_independent_sources"] < e["num_outlets"] for e in shared)
    cluster = pair | {d["article_id"] for d in newsweave.duplicates(corpus_db) if d["copy_of"] == ids[WIRE]}
    only_copies = [e for e in shared if set(e["article_ids"]) <= cluster]
    assert only_copies and all(e["num_independent_sources"] == 1 for e in only_copies)


def test_support_counts_are_consistent(corpus_db: Path) -> None:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        events = store.events()
    for e in events:
        assert 1 <= e["num_independent_sources"] <= e["num_outlets"] <= e["num_articles"] <= e["num_mentions"]
        stated = any(m["modality"] not in {"denied", "negated"} for m in e["members"])
        assert (0 < e["confidence"] <= 1) if stated else e["confidence"] == 0
        assert len(e["evidence"]) == e["num_mentions"]


def test_two_runs_give_what_one_run_gives(corpus_db: Path, one_run_db: Path) -> None:
    assert _fusion(corpus_db) == _fusion(one_run_db)


def _fusion(db: Path) -> tuple[Any, ...]:
    stories = {(s["id"], tuple(s["article_ids"])) for s in newsweave.stories(db)}
    copies = {(d["article_id"], d["copy_of"], d["kind"]) for d in newsweave.duplicates(db)}
    with newsweave.open_store(db, read_only=True) as store:
        events = {(e["id"], tuple(sorted(m["id"] for m in e["members"]))) for e in store.events()}
    return stories, copies, events


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, then articles on two other crises (a flood in Libya, a coup in Gabon)."""
    db = tmp_path_factory.mktemp("stories") / "stories.duckdb"
    newsweave.ingest([str(SAMPLE)], db=db)
    newsweave.ingest([str(OTHER_STORIES)], db=db)
    return db


def test_other_crises_are_other_stories(stories_db: Path) -> None:
    stories = newsweave.stories(stories_db)
    with newsweave.open_store(stories_db, read_only=True) as store:
        origin = {r["id"]: Path(r["origin"]).name for r in store.query("SELECT id, origin FROM articles")}
    groups = [{origin[a] for a in s["article_ids"]} for s in stories]
    assert len(groups) == 3
    sample = {name for name in origin.values() if not name.startswith(("silphium", "maghreb", "corniche", "ogooue",
                                                                        "equator", "mangrove"))}  # fmt: skip
    assert sample in groups
    assert {n for n in origin.values() if "derna" in n} in groups
    assert {n for n in origin.values() if "gabon" in n or "oligui" in n} in groups


def test_other_crises_keep_their_own_actors(stories_db: Path) -> None:
    """Gabon's ruling committee is not Niger's CNSP, and ECCAS is not ECOWAS."""
    gabon = next(s for s in newsweave.stories(stories_db) if "Gabon" in s["label"])
    names = {a["name"] for a in gabon["top_actors"]}
    assert "Economic Community of West African States" not in names
    assert "National Council for the Safeguard of the Homeland" not in names
    assert "Economic Community of Central African States" in names


@pytest.mark.shared
def test_no_analyze_skips_corpus_stages(tmp_path: Path) -> None:
    db = tmp_path / "raw.duckdb"
    report = newsweave.ingest([str(SEEDS / "000_c918b9188006d739.txt")], db=db, analyze=False)
    assert report.ingested == 1 and report.analysis == {}
    assert newsweave.stories(db) == []
    counts = newsweave.analyze(db)
    assert counts["stories"] == 1 and len(newsweave.stories(db)) == 1


def _names(actors: list[dict[str, str]]) -> set[str]:
    return {a["name"] for a in actors}


def _aliases(store: newsweave.Store, actors: list[dict[str, str]]) -> set[str]:
    found: set[str] = set()
    for actor in actors:
        found |= set(store.actor(actor["id"])["aliases"])
    return found


def test_story_table_shape(corpus_db: Path) -> None:
    with newsweave.open(corpus_db) as corpus:
        rows = [story.as_dict() for story in corpus.stories().items]
    assert {"id", "label", "article_ids", "outlets", "first_date", "last_date", "top_actors"} <= set(rows[0])


def test_framing_describes_each_outlet_from_its_own_spans(corpus_db: Path) -> None:
    result = newsweave.framing(corpus_db)
    with newsweave.open_store(corpus_db, read_only=True) as store:
        events = {e["id"]: e for e in store.events()}
        outlet_of = {r["id"]: r["outlet"] for r in store.articles()}
    outlets = {o["outlet"]: o for o in result["outlets"]}
    assert {"Sahel Wire", "Lagos Ledger", "Kano Courier", "Meridian Desk"} <= set(outlets)
    for name, row in outlets.items():
        for event_id in row["events_reported"]:
            assert name in {outlet_of[a] or f"(article {a})" for a in events[event_id]["article_ids"]}
        assert not set(row["events_missing"]) & set(row["events_reported"])
        for event_id in row["events_missing"]:
            assert events[event_id]["num_independent_sources"] >= 2
    junta_words = {w.lower() for forms in outlets["Lagos Ledger"]["actor_labels"].values() for w in forms}
    assert "junta" in junta_words
    assert sum(outlets["Sahel Wire"]["quoted_voices"].values()) >= 3
    assert any(row["events_missing"] for row in outlets.values())
