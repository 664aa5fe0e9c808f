"""Shared helpers for the event, quote and claim gold files: article keys and actor slugs."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from conftest import GOLD
from gold_actors import gold_mentions, predicted

from newsweave.store import Store


def load(name: str) -> list[dict[str, Any]]:
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def article_ids(store: Store) -> dict[str, str]:
    """Gold article key (file name, or file:line for JSONL) → stored article id."""
    return {Path(row["origin"]).name: row["id"] for row in store.query("SELECT id, origin FROM articles")}


def slug_to_actor(store: Store) -> dict[str, str]:
    """Each gold actor slug → the stored actor most of its gold mentions resolved to."""
    gold = gold_mentions()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, actor in zip(gold, predicted(store, gold), strict=True):
        if actor is not None:
            votes[mention.actor][actor] += 1
    return {slug: counter.most_common(1)[0][0] for slug, counter in votes.items()}


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def best_match(rows: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The row whose span overlaps ``[start, end)`` most, if any does."""
    best = max(rows, key=lambda r: overlap(r["start"], r["end"], start, end), default=None)
    return best if best is not None and overlap(best["start"], best["end"], start, end) > 0 else None


def slugs(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])
