"""Match tests/gold/actors.jsonl to a store's resolved actors, and score it (B-cubed)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from conftest import GOLD

from newsweave.store import Store


@dataclass(frozen=True)
class GoldMention:
    article: str
    start: int
    end: int
    text: str
    actor: str
    kind: str
    country: str | None


def gold_mentions() -> list[GoldMention]:
    lines = (GOLD / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    return [GoldMention(**json.loads(line)) for line in lines if line.strip()]


def predicted(store: Store, gold: list[GoldMention]) -> list[str | None]:
    """The predicted actor id of each gold mention (best-overlapping stored mention), None if missed."""
    ids = {Path(row["origin"]).name: row["id"] for row in store.query("SELECT id, origin FROM articles")}
    rows = store.query(
        'SELECT m.article_id, m.start, m."end", am.actor_id FROM actor_mentions m '
        "JOIN actor_members am USING (article_id, local_id)"
    )
    by_article: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_article[row["article_id"]].append(row)
    out: list[str | None] = []
    for g in gold:
        best, overlap = None, 0
        for row in by_article[ids[g.article]]:
            shared = min(int(row["end"]), g.end) - max(int(row["start"]), g.start)  # type: ignore[call-overload]
            if shared > overlap:
                best, overlap = str(row["actor_id"]), shared
        out.append(best)
    return out


def bcubed(gold: list[GoldMention], pred: list[str | None]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the gold mentions (a missed mention is its own cluster)."""
    labels = [p if p is not None else f"missed:{i}" for i, p in enumerate(pred)]
    gold_sets: dict[str, set[int]] = defaultdict(set)
    pred_sets: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(gold):
        gold_sets[g.actor].add(i)
        pred_sets[labels[i]].add(i)
    precision = recall = 0.0
    for i, g in enumerate(gold):
        shared = len(gold_sets[g.actor] & pred_sets[labels[i]])
        precision += shared / len(pred_sets[labels[i]])
        recall += shared / len(gold_sets[g.actor])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def majority(gold: list[GoldMention], pred: list[str | None], actor: str) -> Counter[str]:
    """How the gold mentions of one true actor were resolved."""
    return Counter(p for g, p in zip(gold, pred, strict=True) if g.actor == actor and p is not None)
