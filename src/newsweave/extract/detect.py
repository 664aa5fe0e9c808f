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
from math import log

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newsweave.nlp import per_document
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
            "or", "ist", "th", "ry")  # fmt: skip
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "conj", "attr", "appos", "ROOT", "npadvmod", "dative")
THRESHOLD_NAME = "threshold"


@dataclass(frozen=True, slots=True)
class NounModel:
    """A logistic model: weights over a unit lemma vector, then over the shape and context features (0/1 flags), a
    bias, and the decision threshold as a logit."""

    vector: np.ndarray
    weights: np.ndarray
    bias: float
    logit: float


def noun_features(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """The document's nouns (token indices) and their shape and parse features (after the lemma's vector):
    suffixes, dependency, dependents, number, entity, vector presence, a verb above. One pass over the
    document's arrays: no per-token objects."""
    strings = doc.vocab.strings
    array = doc.to_array([POS, DEP, HEAD, TAG, ENT_TYPE, LOWER, LEMMA])  # uint64 hashes; HEAD a relative offset
    pos, dep, tag, ent, lower, lemma = (array[:, k] for k in (0, 1, 3, 4, 5, 6))
    heads = np.arange(len(doc)) + array[:, 2].astype(np.int64)
    nouns = np.flatnonzero(pos == strings["NOUN"])
    below = [_has_child(heads, (dep == strings[d]) & _among(lower, words, strings), len(doc))
             for d, words in CHILDREN]  # fmt: skip
    columns = [dep == strings[d] for d in DEPS] + below
    columns += [tag == strings["NNS"], ent != 0, pos[heads] == strings["VERB"]]
    context = np.stack(columns, axis=1)[nouns].astype(np.float32)
    shapes = np.array([_shape(strings[int(i)].lower(), doc) for i in lemma[nouns]], dtype=np.float32)
    return nouns, np.hstack([shapes.reshape(len(nouns), -1), context]) if len(nouns) else np.zeros((0, WIDTH))


# Dependents whose presence is a feature: (dependency, words it must be, empty: any).
CHILDREN = (("prep", ("of",)), ("poss", ()), ("det", ("the", "a", "an")), ("prep", ("in", "at", "on")),
            ("nummod", ()), ("amod", ()))  # fmt: skip
WIDTH = len(SUFFIXES) + 1 + len(DEPS) + len(CHILDREN) + 3


def _among(lower: np.ndarray, words: tuple[str, ...], strings: StringStore) -> np.ndarray:
    return np.isin(lower, [strings[w] for w in words]) if words else np.ones(len(lower), dtype=bool)


def _has_child(heads: np.ndarray, mask: np.ndarray, size: int) -> np.ndarray:
    found = np.zeros(size, dtype=bool)
    found[heads[mask]] = True
    return found


_SHAPES: dict[str, list[float]] = {}  # per lemma (the model's vocabulary bounds it)


def _shape(lemma: str, doc: Doc) -> list[float]:
    """Suffix flags of a lemma, and whether the model has no vector for it."""
    if lemma not in _SHAPES:
        _SHAPES[lemma] = [float(lemma.endswith(s)) for s in SUFFIXES] + [float(not doc.vocab[lemma].has_vector)]
    return _SHAPES[lemma]


def lemma_vector(token: Token) -> np.ndarray:
    """The unit word vector of a token's lemma (zeros when the model has none)."""
    vector = np.asarray(token.vocab[token.lemma_.lower()].vector, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@cache
def noun_model() -> NounModel:
    rows = {r["feature"]: float(r["weight"]) for r in read_csv("event_nouns.csv")}
    vector = np.array([rows[f"v{i}"] for i in range(sum(1 for k in rows if k.startswith("v")))], dtype=np.float32)
    weights = np.array([rows[f"f{i}"] for i in range(sum(1 for k in rows if k.startswith("f")))], dtype=np.float32)
    threshold = rows[THRESHOLD_NAME]
    return NounModel(vector, weights, rows["bias"], log(threshold / (1.0 - threshold)))


_LEMMA_SCORES: dict[str, float] = {}  # the vector part of each lemma's score (the model's vocabulary bounds it)


def _lemma_score(token: Token, model: NounModel) -> float:
    lemma = token.lemma_.lower()
    part = _LEMMA_SCORES.get(lemma)
    if part is None:
        part = _LEMMA_SCORES[lemma] = float(lemma_vector(token) @ model.vector)
    return part + model.bias


@per_document
def event_nouns(doc: Doc) -> frozenset[int]:
    """Indices of the nouns the model calls eventive, computed once per document."""
    model = noun_model()
    nouns, features = noun_features(doc)
    lemmas = [_lemma_score(doc[int(i)], model) for i in nouns]
    scores = np.asarray(lemmas, dtype=np.float32) + features @ model.weights if len(nouns) else np.zeros(0)
    return frozenset(int(i) for i in nouns[scores >= model.logit])


def eventive_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "VERB" and lemma not in REPORTING and lemma not in NOT_EVENTIVE and \
        token.dep_ not in MODIFIER_DEPS  # fmt: skip


def eventive_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.i in event_nouns(token.doc)


def predicate_candidates(doc: Doc) -> list[int]:
    """Indices of the verbs and nouns of a document, in order (the only words that can name an event)."""
    pos = doc.to_array([POS])
    wanted = [doc.vocab.strings["VERB"], doc.vocab.strings["NOUN"]]
    return [int(i) for i in np.flatnonzero(np.isin(pos, wanted))]


def eventive(token: Token) -> bool:
    """A verb or noun that names an event (whatever its type)."""
    return eventive_verb(token) or eventive_noun(token)
