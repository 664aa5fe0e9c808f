"""Copies on real news: newsweave's copy clusters against ECB+ pairs labelled by reading (tests/gold/ecb_copies.jsonl).

Every document of ECB+ topics 1–35 goes through the same pure functions the
engine calls (index keys → candidate pairs → labelled pairs → copy clusters),
with no outlet and no date, as ECB+ gives none. A labelled pair counts as found
when its two documents end in one copy cluster (what ``newsweave duplicates``
reports and what independence counts use). The baseline, in the same run, is
the usual near-duplicate test on the same candidates: word 5-gram containment
of 0.6 or more. Rules were tuned on the training topics only; the development
topics (2 5 12 18 21 23 34 35) are the out-of-sample figure. See docs/copies.md.

    python -m bench.copies [--split dev|train|all]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bench import ecb
from newsweave.fuse import dedup

LABELS = Path(__file__).resolve().parents[1] / "tests" / "gold" / "ecb_copies.jsonl"
COPY = ("verbatim", "edited", "paraphrase")
BASELINE_CONTAINMENT = 0.6


@dataclass(frozen=True, slots=True)
class Score:
    """Pair precision, recall and F1 (copy or not), and recall by labelled kind."""

    precision: float
    recall: float
    f1: float
    by_kind: dict[str, tuple[int, int]]
    kind_agreement: float

    def line(self) -> str:
        kinds = " ".join(f"{k} {n}/{total} ({n / (total or 1):.2f})" for k, (n, total) in self.by_kind.items())
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}; recall by kind: {kinds}"


def labels() -> list[dict[str, str]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def documents() -> dict[str, dedup.Doc]:
    """Every ECB+ document of topics 1–35 as dedup sees an article: no outlet, no date, in reading order."""
    return {d.name: dedup.Doc(d.name, seq, None, None, d.text) for seq, d in enumerate(ecb.docs(ecb.topic_dirs()))}


def candidates(docs: dict[str, dedup.Doc]) -> list[tuple[dedup.Doc, dedup.Doc]]:
    """Each document against the earlier ones that share an index key, as the engine meets them."""
    index: dict[int, list[str]] = defaultdict(list)
    pairs = []
    for doc in docs.values():
        seen: set[str] = set()
        for key in dedup.band_keys(dedup.signature(doc.text)):
            seen.update(index[key])
            index[key].append(doc.article_id)
        pairs += [(doc, docs[other]) for other in sorted(seen)]
    return pairs


def baseline_pairs(pairs: Iterable[tuple[dedup.Doc, dedup.Doc]]) -> list[dedup.Pair]:
    """The near-duplicate test alone: word 5-gram containment of the shorter text."""
    found = []
    for a, b in pairs:
        sa, sb = dedup.shingles(a.text), dedup.shingles(b.text)
        containment = len(sa & sb) / (min(len(sa), len(sb)) or 1)
        if containment >= BASELINE_CONTAINMENT:
            found.append(dedup.Pair(b.article_id, a.article_id, "edited", containment))
    return found


def clusters(docs: dict[str, dedup.Doc], pairs: list[dedup.Pair]) -> dict[str, tuple[str, str]]:
    """Document → (its cluster's original, its kind) for every document in a copy cluster."""
    found = {s.article_id: (s.copy_of, s.kind) for s in dedup.syndications(docs, pairs)}
    for original, _ in list(found.values()):
        found.setdefault(original, (original, "original"))
    return found


def score(gold: list[dict[str, str]], cluster_of: dict[str, tuple[str, str]], pairs: list[dedup.Pair]) -> Score:
    direct = {frozenset((p.copy, p.original)): p.kind for p in pairs}
    tp = fp = fn = agree = 0
    by_kind: dict[str, list[int]] = {k: [0, 0] for k in COPY}
    for row in gold:
        a, b = cluster_of.get(row["a"]), cluster_of.get(row["b"])
        found = a is not None and b is not None and a[0] == b[0]
        copy = row["kind"] in COPY
        tp, fp, fn = tp + (found and copy), fp + (found and not copy), fn + (copy and not found)
        if copy:
            by_kind[row["kind"]][0] += found
            by_kind[row["kind"]][1] += 1
            kind = direct.get(frozenset((row["a"], row["b"])))
            agree += found and kind == row["kind"]
    precision, recall = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    f1 = 2 * precision * recall / ((precision + recall) or 1)
    kinds = {k: (v[0], v[1]) for k, v in by_kind.items()}
    return Score(precision, recall, f1, kinds, agree / (tp or 1))


def evaluate(split: str, *, labeller: Callable[[Iterable[tuple[dedup.Doc, dedup.Doc]]], list[dedup.Pair]]) -> Score:
    """Score one labeller on one split (``dev``, ``train`` or ``all``)."""
    docs = documents()
    pairs = labeller(candidates(docs))
    gold = [row for row in labels() if split == "all" or row["split"] == split]
    return score(gold, clusters(docs, pairs), pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train", "all"), default="dev")
    args = parser.parse_args()
    docs = documents()
    started = time.perf_counter()
    found = candidates(docs)
    pairs = dedup.label_pairs(found)
    seconds = time.perf_counter() - started
    base = baseline_pairs(found)
    gold = labels()
    print(f"{len(docs)} ECB+ documents, {len(found)} candidate pairs labelled in {seconds:.1f}s; labels "
          f"{dict(Counter(row['kind'] for row in gold))}")  # fmt: skip
    splits = ("dev", "train") if args.split == "all" else (args.split,)
    for split in splits:
        rows = [row for row in gold if row["split"] == split]
        ours, theirs = score(rows, clusters(docs, pairs), pairs), score(rows, clusters(docs, base), base)
        tag = "out of sample" if split == "dev" else "tuned on"
        print(f"{split} ({tag}, {len(rows)} pairs) newsweave: {ours.line()}; kind agreement {ours.kind_agreement:.2f}")
        print(f"{split} baseline (5-gram containment >= {BASELINE_CONTAINMENT}): {theirs.line()}")


if __name__ == "__main__":
    main()
