"""Which words of a parsed article name an event: eventive verbs, and nouns a small learned model calls eventive.

A verb is an event unless it reports speech (those are quotes), links or
possesses ("be", "have", "seem"), or modifies like a preposition or an adjective
("according to", "the suspected gunman"). A noun is an event when a logistic
model over its lemma's word vector, its shape and its place in the parse says so
(``ontology/event_nouns.csv``, trained by ``bench/train_detection.py`` on the
ECB+ training topics). Words of the trigger lexicon are events whatever the model
says: the lexicon types events, and tells the detector what it already knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import exp

import numpy as np
from spacy.tokens import Token

from newsweave.ontology.lexicons import read_csv

# Reporting verbs: what they introduce is a quote (extract/quotes.py), not an event.
REPORTING = frozenset({"say", "tell", "report", "state", "add", "claim", "note", "explain", "write", "quote",
                       "reply", "comment", "remark", "recount", "reiterate", "stress", "ask"})  # fmt: skip
# Verbs that link, possess or only carry another verb: no event of their own.
NOT_EVENTIVE = frozenset({"be", "have", "do", "seem", "appear", "become", "remain", "include", "involve",
                          "contain", "mean", "let", "accord", "regard", "concern", "base", "relate", "'s",
                          "use", "get", "know", "think", "believe", "want", "need", "like", "feel", "look",
                          "consider", "see", "hear", "rank", "tend", "belong", "own", "cost", "equal",
                          "deserve", "matter", "lack", "exist", "call", "name", "refer", "represent",
                          "describe", "mention", "quote"})  # fmt: skip
# Dependents that make a verb a modifier, not a predicate: "according to", "the suspected gunman".
MODIFIER_DEPS = frozenset({"prep", "amod", "compound", "nmod", "npadvmod", "advmod", "aux", "auxpass"})
SUFFIXES = ("tion", "sion", "ment", "ing", "al", "ure", "ance", "ence", "age", "ery", "ism", "ship", "ty", "er",
            "or", "ist", "ure", "th", "ry")  # fmt: skip
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "conj", "attr", "appos", "ROOT", "npadvmod", "dative")
THRESHOLD_NAME = "threshold"


@dataclass(frozen=True, slots=True)
class NounModel:
    """A logistic model: weights over a unit lemma vector, then over the context features, then a bias."""

    vector: np.ndarray
    context: np.ndarray
    bias: float
    threshold: float


def noun_features(token: Token) -> list[float]:
    """Shape and parse features of a noun (after its lemma's vector): suffixes, dependency, dependents."""
    lemma = token.lemma_.lower()
    children = list(token.children)
    flags = [lemma.endswith(s) for s in SUFFIXES] + [token.dep_ == d for d in DEPS]
    flags += [
        any(c.dep_ == "prep" and c.lower_ == "of" for c in children),
        any(c.dep_ == "poss" for c in children),
        any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in children),
        token.tag_ == "NNS",
        bool(token.ent_type_),
        any(c.dep_ == "prep" and c.lower_ in {"in", "at", "on"} for c in children),
        not token.vocab[lemma].has_vector,
        token.head.pos_ == "VERB",
        any(c.dep_ == "nummod" for c in children),
        any(c.dep_ == "amod" for c in children),
    ]
    return [float(f) for f in flags]


def lemma_vector(token: Token) -> np.ndarray:
    """The unit word vector of a token's lemma (zeros when the model has none)."""
    vector = np.asarray(token.vocab[token.lemma_.lower()].vector, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@cache
def noun_model() -> NounModel:
    rows = {r["feature"]: float(r["weight"]) for r in read_csv("event_nouns.csv")}
    vector = np.array([rows[f"v{i}"] for i in range(sum(1 for k in rows if k.startswith("v")))], dtype=np.float32)
    context = np.array([rows[f"f{i}"] for i in range(sum(1 for k in rows if k.startswith("f")))], dtype=np.float32)
    return NounModel(vector, context, rows["bias"], rows[THRESHOLD_NAME])


_LEMMA_SCORES: dict[str, float] = {}  # the vector part of each lemma's score (the model's vocabulary bounds it)


def noun_probability(token: Token) -> float:
    model = noun_model()
    lemma = token.lemma_.lower()
    part = _LEMMA_SCORES.get(lemma)
    if part is None:
        part = _LEMMA_SCORES[lemma] = float(lemma_vector(token) @ model.vector)
    score = part + float(np.asarray(noun_features(token), dtype=np.float32) @ model.context) + model.bias
    return 1.0 / (1.0 + exp(-score))


def eventive_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "VERB" and lemma not in REPORTING and lemma not in NOT_EVENTIVE and \
        token.dep_ not in MODIFIER_DEPS  # fmt: skip


def eventive_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and noun_probability(token) >= noun_model().threshold


def eventive(token: Token) -> bool:
    """A verb or noun that names an event (whatever its type)."""
    return eventive_verb(token) or eventive_noun(token)
