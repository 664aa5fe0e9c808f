"""Word sense from context: the type of a trigger whose meaning depends on who or what takes part.

"An earthquake struck", "workers went on strike" and "an air strike hit" are three
types; "released a chip" is no release of prisoners. ``ontology/senses.csv`` says,
per word, which kind of participant in which role decides; a participant's kind
comes from its entity label, from the seed words of ``ontology/argument_kinds.csv``,
or from its lemma's word vector lying near the mean vector of those seeds.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from spacy.tokens import Token

from newsweave.extract.arguments import subject_of
from newsweave.ontology import plover

ENTITY_KINDS = {"PERSON": "person", "MONEY": "money", "PRODUCT": "product", "WORK_OF_ART": "product"}
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # entities that can be an attacker
NEAR = 0.72  # cosine between a lemma's vector and a kind's mean vector that puts the lemma in the kind
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
FORMAL = frozenset({"lodge", "file", "register", "voice", "express", "deliver", "issue", "submit"})
QUESTION_MARKS = frozenset({"whether", "if", "about", "how", "why", "what", "when", "who"})
_KIND_CACHE: dict[tuple[str, str], bool] = {}  # (lemma, kind) → near; bounded by the model's vocabulary


def sense(token: Token) -> plover.SenseRule | None:
    """The first sense rule of ``token``'s word whose participant condition holds, if any."""
    pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ == "NOUN" else ""
    for rule in plover.sense_rules().get((token.lemma_.lower(), pos), ()):
        if _holds(token, rule):
            return rule
    return None


def _holds(token: Token, rule: plover.SenseRule) -> bool:
    if rule.role == "passive":
        return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    if rule.role == "question":
        return _asks_a_question(token)
    if rule.role == "clause":
        return any(c.dep_ in {"ccomp", "xcomp"} for c in token.children)
    if rule.role == "carrier":
        return token.dep_ == "dobj" and token.head.lemma_.lower() in FORMAL
    return any(of_kind(p, rule.kind) for p in participants(token, rule.role))


def _asks_a_question(verb: Token) -> bool:
    """ "Asked about the amnesty", "asked whether ...": a question, with no one asked to do anything."""
    children = list(verb.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in children):
        return False
    about = any(c.dep_ == "prep" and c.lower_ == "about" for c in children)
    clause = any(c.dep_ == "ccomp" and any(m.lower_ in QUESTION_MARKS for m in c.children) for c in children)
    return about or clause or any(c.lower_ in QUESTION_MARKS and c.dep_ in {"mark", "advmod"} for c in children)


def participants(token: Token, role: str) -> list[Token]:
    """The heads of ``token``'s participants in ``role`` (subject, object, modifier, with, any)."""
    found: list[Token] = []
    if role in {"subject", "any"}:
        subject = subject_of(token) if token.pos_ == "VERB" else None
        found += [subject] if subject is not None else []
    if role in {"object", "any"}:
        found += [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if role in {"modifier", "any"}:
        found += [c for c in token.children if c.dep_ in MODIFIERS]
    if role in {"with", "any"}:
        found += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                  if o.dep_ == "pobj"]  # fmt: skip
    return found + [c for t in found for c in t.conjuncts]


def of_kind(token: Token, kind: str) -> bool:
    """Whether a participant is of a kind: its entity label, a seed word (itself or a compound of it), or near."""
    if ENTITY_KINDS.get(token.ent_type_) == kind or (kind == "attacker" and token.ent_type_ in ACTOR_ENTITIES):
        return True
    words = [token, *(c for c in token.children if c.dep_ == "compound")]
    seeds = plover.argument_kinds().get(kind, frozenset())
    if any(w.lemma_.lower() in seeds or w.lower_ in seeds for w in words):
        return True
    return token.pos_ == "NOUN" and _near(token, kind)


def _near(token: Token, kind: str) -> bool:
    lemma = token.lemma_.lower()
    key = (lemma, kind)
    if key not in _KIND_CACHE:
        vector = np.asarray(token.vocab[lemma].vector, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        _KIND_CACHE[key] = bool(norm) and float(vector @ _centroid(kind, token.vocab)) / norm >= NEAR
    return _KIND_CACHE[key]


@cache
def _centroid(kind: str, vocab: object) -> np.ndarray:
    """The unit mean vector of a kind's seed words (one vocabulary per process: the model's)."""
    from spacy.vocab import Vocab

    assert isinstance(vocab, Vocab)
    vectors = [np.asarray(vocab[w].vector, dtype=np.float32) for w in plover.argument_kinds()[kind] if " " not in w]
    vectors = [v / np.linalg.norm(v) for v in vectors if np.linalg.norm(v)]
    mean = np.mean(vectors, axis=0) if vectors else np.zeros(vocab.vectors.shape[1], dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean
