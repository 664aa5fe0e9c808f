"""The trained pairwise scorer of event coreference: features of two event mentions → a probability.

A logistic model over features that generalise across events rather than
memorising words: the triggers' lemmas match, their word vectors' cosine, the
cosine of their sentences, names shared by their sentences and by their
articles, whether they are in one article or one sentence, their event types,
shared or conflicting actors (two actor sets in one role that share no actor:
often a real conflict, sometimes two names actor resolution did not join) and
stated dates. The weights and the clustering threshold live
in ``coref_weights.json`` beside this module; ``bench/ecb_coref.py --train``
reproduces them from the ECB+ training topics (never the development topics
it is scored on). Scoring is a dot product: cheap at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.fuse.coref import EventRecord

FEATURES = ("bias", "same_lemma", "trigger_cosine", "context_cosine", "lemma_x_context", "shared_names",
            "shared_doc_names", "same_doc", "same_sentence", "same_type", "other_type", "shared_actor",
            "actor_conflict", "same_stated_day", "untyped")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scorer:
    """Feature weights (in ``FEATURES`` order) and the average-link threshold."""

    weights: tuple[float, ...]
    threshold: float

    def probability(self, a: EventRecord, b: EventRecord) -> float:
        z = sum(w * x for w, x in zip(self.weights, features(a, b), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def features(a: EventRecord, b: EventRecord) -> tuple[float, ...]:
    """The pair's feature values, in ``FEATURES`` order."""
    same_lemma = float(bool(a.lemma) and a.lemma == b.lemma)
    context = cosine(a.context, b.context)
    typed = a.type is not None and b.type is not None
    return (
        1.0,
        same_lemma,
        cosine(a.vector, b.vector),
        context,
        same_lemma * context,
        jaccard(a.names, b.names),
        jaccard(a.doc_names, b.doc_names),
        float(bool(a.doc) and a.doc == b.doc),
        float(bool(a.doc) and a.doc == b.doc and a.sentence == b.sentence),
        float(typed and a.type == b.type),
        float(typed and a.type != b.type),
        float(bool(a.sources & b.sources or a.targets & b.targets)),
        float(
            any(
                mine and theirs and not mine & theirs
                for mine, theirs in ((a.sources, b.sources), (a.targets, b.targets))
            )
        ),
        float(a.stated and b.stated and a.date is not None and a.date == b.date),
        float(not typed),
    )


def cosine(u: Any, v: Any) -> float:
    """Cosine of two unit vectors (numpy arrays); 0 when either is missing."""
    if u is None or v is None:
        return 0.0
    return float(u @ v)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def load(data: dict[str, Any]) -> Scorer:
    weights = data["weights"]
    return Scorer(tuple(float(weights.get(name, 0.0)) for name in FEATURES), float(data["threshold"]))


@cache
def default_scorer() -> Scorer:
    """The scorer trained on the ECB+ training topics, shipped with the package."""
    text = resources.files("newsweave.fuse").joinpath("coref_weights.json").read_text(encoding="utf-8")
    return load(json.loads(text))
