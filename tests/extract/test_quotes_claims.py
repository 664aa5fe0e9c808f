"""Quotes and numeric claims on the seeds and the sample corpus, against tests/gold/{quotes,claims}.jsonl."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from floors import check
from gold_events import article_ids, best_match, load, slug_to_actor, slugs

from newsweave.store import Store


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


def test_gold_offsets_match_the_stored_text(dated_store: Store) -> None:
    """Claims keep the figure's words; quotes keep only a hash of theirs (the seeds' sentences stay in the seeds)."""
    ids = article_ids(dated_store)
    for row in load("claims.jsonl"):
        assert dated_store.article(ids[row["article"]])["text"][row["start"] : row["end"]] == row["text"], row
    for row in load("quotes.jsonl"):
        quoted = dated_store.article(ids[row["article"]])["text"][row["start"] : row["end"]]
        assert hashlib.sha1(quoted.encode("utf-8")).hexdigest()[:12] == row["sha1"], row
        assert len(quoted.split()) == row["words"], row


def test_speaker_accuracy_on_direct_quotes(dated_store: Store) -> None:
    ids, actors = article_ids(dated_store), slug_to_actor(dated_store)
    found = _by_article(dated_store.quotes())
    gold = [q for q in load("quotes.jsonl") if q["direct"] and slugs(q["speaker"])]
    right = 0
    for quote in gold:
        match = best_match(found[ids[quote["article"]]], quote["start"], quote["end"])
        wanted = {actors.get(s) for s in slugs(quote["speaker"])}
        right += match is not None and bool(wanted & {a["id"] for a in match["speaker"]})
    assert len(gold) >= 60
    check("quotes_speaker_accuracy", right / len(gold), f"n={len(gold)} quotes")


def test_quotes_json_shape(dated_store: Store) -> None:
    row = dated_store.quotes()[0]
    assert {"speaker", "text", "article_id", "start", "end", "direct"} <= set(row)


def test_claim_values_and_counted_things(dated_store: Store) -> None:
    ids = article_ids(dated_store)
    found = _by_article(dated_store.claims())
    gold = load("claims.jsonl")
    right = 0
    for claim in gold:
        match = best_match(found[ids[claim["article"]]], claim["start"], claim["end"])
        right += (
            match is not None
            and (match["value_low"], match["value_high"]) == (claim["value_low"], claim["value_high"])
            and match["quantity"] == claim["quantity"]
        )
    check("claims_accuracy", right / len(gold), f"n={len(gold)} claims")


def test_planted_conflicting_figures_are_claims(dated_store: Store) -> None:
    evacuated = {(c["value_low"], c["outlet"]) for c in dated_store.claims(quantity="evacuated")}
    assert (262.0, "Kano Courier") in evacuated and (350.0, "Lagos Ledger") in evacuated
    crowd = {c["value_low"] for c in dated_store.claims(quantity="protesters")}
    assert {30000.0, 100000.0} <= crowd
