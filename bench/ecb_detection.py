"""ECB+ event-mention detection (../shared/bench/ecbplus, CC BY 3.0): precision and recall of event triggers.

Run: ``python -m bench.ecb_detection``. Each document is read through ``bench/ecb.py``
and coded the way newsweave codes an article (actors, then events). A gold mention
is an ``ACTION_*``/``NEG_ACTION_*`` markable of a fully annotated sentence; it is
found when a system trigger overlaps one of its tokens. Precision counts only the
system triggers inside the annotated sentences: a trigger overlapping a gold
mention is right, any other is wrong.

How reporting verbs are counted: ECB+ annotates every eventive predicate,
including reporting verbs ("said", "told": ``ACTION_REPORTING``). newsweave codes
those as quotes, never as events, so it misses them on purpose. Two recall figures
are printed: over every gold mention (``recall``), and over the gold mentions that
are not ``ACTION_REPORTING``/``NEG_ACTION_REPORTING`` (``recall w/o reporting``).
Precision is the same in both (newsweave emits no reporting trigger to count).

The development topics (2 5 12 18 21 23 34 35) are only scored; the other topics
are the ones the detector was trained and tuned on (their figures are printed too,
and are in-sample).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from bench import ecb
from bench.coding import article_for
from newsweave import nlp
from newsweave.extract.actors import extract_actors
from newsweave.extract.events import extract_events

REPORTING = ("ACTION_REPORTING", "NEG_ACTION_REPORTING")


@dataclass(frozen=True, slots=True)
class Detection:
    documents: int
    gold: int
    gold_reporting: int
    found: int  # gold mentions a trigger overlaps
    found_reporting: int
    triggers: int  # system triggers inside annotated sentences
    right: int  # of those, the ones overlapping a gold mention

    @property
    def precision(self) -> float:
        return self.right / self.triggers if self.triggers else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def recall_without_reporting(self) -> float:
        rest = self.gold - self.gold_reporting
        return (self.found - self.found_reporting) / rest if rest else 0.0


def triggers(parsed: Doc, doc: ecb.EcbDoc) -> list[tuple[int, int]]:
    """newsweave's event triggers in one parsed ECB+ document, as character ranges of its text."""
    local, linked = extract_actors(parsed, doc.name)
    events = extract_events(parsed, article_for(doc.text, doc.name), local, linked)
    return [(e.trigger.start, e.trigger.end) for e in events]


def score_doc(doc: ecb.EcbDoc, found: Iterable[tuple[int, int]]) -> Detection:
    """The counts of one document."""
    inside = [(a, b) for a, b in found if any(s <= a < e for s, e in _annotated(doc))]
    gold = doc.events
    hit = [g for g in gold if any(a < g.end and g.start < b for a, b in inside)]
    right = sum(any(a < g.end and g.start < b for g in gold) for a, b in inside)
    return Detection(1, len(gold), sum(g.tag in REPORTING for g in gold), len(hit),
                     sum(g.tag in REPORTING for g in hit), len(inside), right)  # fmt: skip


def _annotated(doc: ecb.EcbDoc) -> list[tuple[int, int]]:
    return [doc.sentence_spans[s] for s in doc.annotated if s in doc.sentence_spans]


def _add(a: Detection, b: Detection) -> Detection:
    return Detection(*(x + y for x, y in zip(_fields(a), _fields(b), strict=True)))


def _fields(d: Detection) -> tuple[int, ...]:
    return (d.documents, d.gold, d.gold_reporting, d.found, d.found_reporting, d.triggers, d.right)


def detection_scores(topics: Iterable[int]) -> Detection:
    """Detection counts over every document of ``topics`` (parsed in batches, coded one by one)."""
    docs = list(ecb.docs(list(topics)))
    total = Detection(0, 0, 0, 0, 0, 0, 0)
    for parsed, doc in nlp.parse((d.text, d) for d in docs):
        total = _add(total, score_doc(doc, triggers(parsed, doc)))
    return total


def _line(name: str, d: Detection, seconds: float) -> str:
    return (
        f"ECB+ detection, {name}: {d.documents} documents, {d.gold} gold mentions ({d.gold_reporting} reporting) | "
        f"precision {d.precision:.3f} ({d.triggers} triggers), recall {d.recall:.3f}, "
        f"recall w/o reporting {d.recall_without_reporting:.3f} ({seconds:.0f}s)"
    )


def main() -> None:
    if not ecb.available():
        raise SystemExit(f"ECB+ not found at {ecb.ECB}")
    for name, dev in (("development topics (scored only)", True), ("training topics (in-sample)", False)):
        start = time.perf_counter()
        result = detection_scores(ecb.topic_dirs(dev=dev))
        print(_line(name, result, time.perf_counter() - start))


if __name__ == "__main__":
    main()
