"""Figures and conflicting figures on real news: newsweave's claims and conflicts against ECB+ labels made by reading.

Labels (tests/gold/ecb_figures.jsonl, docs/copies.md): every figure a reader sees in a
set of ECB+ documents of topics 1–35, with its character offsets in the text
``bench/ecb.py`` gives and its value; and disagreements: pairs of figures from two
documents about the same quantity of the same event that differ (``conflict``), or
that give the same quantity at different times (``series``, never a conflict).

The documents go through newsweave as a user's would: the ECB+ tokens are joined
back into ordinary text (``detokenize``, with a map back to ECB+ offsets), every
document of the labelled topics is ingested into a fresh store with no outlet and
no date (ECB+ has none; dates come from the text when it gives them), the corpus
stages run, and ``newsweave.conflicts`` reports. A figure counts as found when a
claim of the same document has its value (low or high end, within rounding); a
disagreement counts when one conflict record holds both values, each with its
document. The baseline, in the same run, is every number-like entity spaCy tags
(CARDINAL, MONEY, QUANTITY, PERCENT) read as a value, with no extraction rule.
Rules were tuned on the training topics only; the development topics
(2 5 12 18 21 23 34 35) are the out-of-sample figure.

    python -m bench.figures
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import ecb

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "tests" / "gold" / "ecb_figures.jsonl"
DISAGREEMENTS = ROOT / "tests" / "gold" / "ecb_disagreements.jsonl"
BASELINE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})

_GLUE_LEFT = frozenset(",.;:!?)]}%'\"”’") | {"''", "'s", "n't", "'re", "'ll", "'ve", "'m", "'d", "’s"}
_GLUE_RIGHT = frozenset({"(", "[", "{", "$", "£", "€", "``", "“", "‘"})
_UNIT_WORDS = (
    "year years old month months day days week weeks hour hours minute minutes mile miles foot feet metre metres "
    "meter meters kilometre kilometres kilometer kilometers km yard yards point points pound pounds inch inches "
    "magnitude strength caliber calibre member acre acres storey story"
)
_UNIT = frozenset(_UNIT_WORDS.split())


@dataclass(frozen=True, slots=True)
class Detokenized:
    """ECB+ text joined back into ordinary text, with each character's offset in the ECB+ text."""

    text: str
    origin: list[int]

    def ecb_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of this text as a span of the ECB+ text."""
        return self.origin[start], self.origin[max(start, end - 1)] + 1

    def position(self, ecb_offset: int) -> int:
        """The character of this text that an ECB+ offset falls on (or the next one)."""
        return min(bisect.bisect_left(self.origin, ecb_offset), len(self.text))


def detokenize(text: str) -> Detokenized:
    """Join ECB+ tokens (separated by single spaces) the way they were printed: "4 , 000" → "4,000", "$ 35" → "$35",
    "33 - year - old" → "33-year-old", "said ." → "said."; newlines stay."""
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append("\n")
            origin.append(start - 1)
        tokens = [(m.group(0), start + m.start()) for m in re.finditer(r"\S+", line)]
        words = [t for t, _ in tokens]
        for k, (token, offset) in enumerate(tokens):
            if k and not _glued(words, k):
                out.append(" ")
                origin.append(offset - 1)
            out.append(token)
            origin.extend(range(offset, offset + len(token)))
        start += len(line) + 1
    return Detokenized("".join(out), origin)


def _glued(words: list[str], k: int) -> bool:
    """Whether token ``k`` is printed against the token before it."""
    token, left = words[k], words[k - 1]
    before = words[k - 2] if k >= 2 else ""
    after = words[k + 1] if k + 1 < len(words) else ""
    if token in _GLUE_LEFT or left in _GLUE_RIGHT:
        return True
    if token[:1].isdigit() and left in {",", "."} and before[-1:].isdigit():
        return left == "." or re.match(r"\d{3}(?!\d)", token) is not None  # "4 , 000", "6 . 1"; not "7 , 2009"
    if token == "-":
        return _joins(left, after)
    if left == "-":
        return _joins(before, token)
    return False


def _joins(a: str, b: str) -> bool:
    """A hyphen between ``a`` and ``b`` belongs to a compound of a figure: "33-year-old", "7.5-magnitude"."""
    return a[-1:].isdigit() or b[:1].isdigit() or a.lower() in _UNIT or b.lower() in _UNIT


def figure_labels() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FIGURES.read_text(encoding="utf-8").splitlines() if line.strip()]


def disagreement_labels() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DISAGREEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def topics() -> list[int]:
    """The topics of the labelled documents: every document of them is ingested (a story needs all its reports)."""
    return sorted({int(row["doc"].split("_")[0]) for row in figure_labels()})


@dataclass(slots=True)
class Run:
    """What newsweave made of the labelled topics: claims per document, conflict records, and timings."""

    claims: dict[str, list[dict[str, Any]]]
    entities: dict[str, list[tuple[float, float]]]
    conflicts: list[dict[str, Any]]
    documents: int
    seconds: float


def run(topic_ids: list[int]) -> Run:
    """Ingest every document of the topics (no outlet, no date) into a fresh store, run the corpus stages, read back
    claims and conflicts (series included) by document name."""
    import newsweave

    docs = {d.name: detokenize(d.text) for d in ecb.docs(topic_ids)}
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "ecb.jsonl", Path(folder) / "ecb.duckdb"
        lines = (json.dumps({"id": name, "text": doc.text}) for name, doc in docs.items())
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        newsweave.ingest([str(source)], db=db)
        seconds = time.perf_counter() - started
        with newsweave.open_store(db, read_only=True) as store:
            name_of = {r[0]: r[1] for r in store.con.execute("SELECT id, external_id FROM articles").fetchall()}
            claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for claim in store.claims():
                claims[name_of[claim["article_id"]]].append(claim)
        found = newsweave.conflicts(db, include_series=True)
        for record in found:
            for value in record["values"]:
                value["docs"] = sorted(name_of[a] for a in value["article_ids"])
    return Run(dict(claims), _entity_values(docs), found, len(docs), seconds)


def _entity_values(docs: dict[str, Detokenized]) -> dict[str, list[tuple[float, float]]]:
    """The baseline: every CARDINAL, MONEY, QUANTITY or PERCENT entity spaCy finds, read as a number."""
    from newsweave import nlp
    from newsweave.extract.quantities import parse_number

    values: dict[str, list[tuple[float, float]]] = {}
    for doc, name in nlp.parse((d.text, n) for n, d in docs.items()):
        parsed = [parse_number(e.text) for e in nlp.entities(doc) if e.label_ in BASELINE_LABELS]
        values[name] = [(p[0], p[1]) for p in parsed if p is not None]
    return values


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def figure_recall(rows: list[dict[str, Any]], values: dict[str, list[tuple[float, float]]]) -> float:
    """Share of labelled figures with a found value (low or high end) in the same document."""
    hits = sum(
        any(same(row["value_low"], lo) or same(row["value_high"], hi) or same(row["value_low"], hi)
            for lo, hi in values.get(row["doc"], []))
        for row in rows
    )  # fmt: skip
    return hits / (len(rows) or 1)


def reported(pair: dict[str, Any], records: list[dict[str, Any]], kind: str = "conflict") -> bool:
    """Whether one record of ``kind`` holds both values of a labelled pair, each from its own document."""
    return any(record["kind"] == kind and _holds(record, pair["a"]) and _holds(record, pair["b"]) for record in records)


def _holds(record: dict[str, Any], side: dict[str, Any]) -> bool:
    return any(
        side["doc"] in value["docs"] and (same(value["value_low"], side["value_low"])
                                          or same(value["value_high"], side["value_high"]))
        for value in record["values"]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    result = run(topics())
    claimed = {name: [(c["value_low"], c["value_high"]) for c in found] for name, found in result.claims.items()}
    figures, pairs = figure_labels(), disagreement_labels()
    conflicts = [r for r in result.conflicts if r["kind"] == "conflict"]
    claims = sum(map(len, result.claims.values()))
    print(f"{result.documents} ECB+ documents of topics {topics()} ingested with the corpus stages in "
          f"{result.seconds:.0f}s: {claims} claims, {len(conflicts)} conflicts")  # fmt: skip
    for split in ("dev", "train"):
        rows = [r for r in figures if r["split"] == split]
        tag = "out of sample" if split == "dev" else "tuned on"
        disputed = [p for p in pairs if p["split"] == split and p["kind"] == "conflict"]
        series = [p for p in pairs if p["split"] == split and p["kind"] == "series"]
        found = sum(reported(p, conflicts) for p in disputed)
        wrong = sum(reported(p, conflicts) for p in series)
        print(f"{split} ({tag}): figure recall {figure_recall(rows, claimed):.3f} of {len(rows)} "
              f"(baseline, spaCy number entities read as values: {figure_recall(rows, result.entities):.3f}); "
              f"disagreements reported {found}/{len(disputed)} ({found / (len(disputed) or 1):.2f}); "
              f"figures of different times reported as a conflict: {wrong} of {len(series)}")  # fmt: skip


if __name__ == "__main__":
    main()
