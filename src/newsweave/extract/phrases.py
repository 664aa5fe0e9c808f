"""Verb phrases of the CAMEO verb dictionary: "placed him on trial", "called for an investigation".

A verb's pattern (``ontology/cameo_patterns.csv``) matches when each of its terms is found in the parse: a term
after the verb as a head among the verb's objects and particles, or as a prepositional phrase hanging from the
verb or its object whose object has the head; a term before the verb as the head of its subject or an adverb
before it. The pattern with most terms wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsweave.ontology import plover
from newsweave.ontology.plover import Term, VerbPattern

# Dependents that are the phrases after a verb PETRARCH's patterns name by their heads.
HEAD_DEPS = frozenset({"dobj", "prt", "attr", "oprd", "acomp", "advmod", "npadvmod", "dative", "nsubjpass"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Phrases:
    """The phrases around one verb a pattern's terms are looked for in."""

    heads: list[Token]
    preps: list[Token]
    before: list[Token]
    words: frozenset[str]  # every head's and preposition's lemma and form, to reject a term at once


def verb_pattern(verb: Token) -> VerbPattern | None:
    """The most specific pattern of the verb's lemma that its phrases match."""
    lemma = verb.lemma_.lower()
    patterns = plover.verb_patterns().get(lemma, ())
    if not patterns:
        return None
    phrases = _phrases(verb)
    if phrases.words.isdisjoint(plover.verb_pattern_words()[lemma]):
        return None
    for pattern in patterns:
        if all(_term_found(term, phrases) for term in pattern.terms):
            return pattern
    return None


def _phrases(verb: Token) -> _Phrases:
    heads = _with_conjuncts([c for c in verb.children if c.dep_ in HEAD_DEPS])
    hosts = [verb, *(h for h in heads if h.dep_ in {"dobj", "nsubjpass"})]
    preps = [c for h in hosts for c in h.children if c.dep_ in PREP_DEPS]
    objects = _with_conjuncts([o for p in preps for o in p.children if o.dep_ == "pobj"])
    before = _before(verb)
    words = frozenset(w for t in (*heads, *preps, *objects, *before) for w in (t.lemma_.lower(), t.lower_))
    return _Phrases(heads, preps, before, words)


def _before(verb: Token) -> list[Token]:
    """The phrases before a verb a pattern can name: its subject (a conjoined verb's or a relative clause's
    antecedent when it has none of its own), and the adverbs before it."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "relcl":
        subjects = [verb.head]
    adverbs = [c for c in verb.children if c.dep_ in {"advmod", "npadvmod"} and c.i < verb.i]
    return _with_conjuncts(subjects) + adverbs


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    return [u for t in tokens for u in (t, *t.conjuncts)]


def _term_found(term: Term, phrases: _Phrases) -> bool:
    if term.prep is not None and term.prep not in phrases.words:
        return False
    if term.last and term.last.isdisjoint(phrases.words):
        return False
    if term.before:
        return any(_is(t, words) for words in term.heads for t in phrases.before)
    return _found(term, phrases.heads, phrases.preps)


def _found(term: Term, heads: list[Token], preps: list[Token]) -> bool:
    if term.prep is None:
        return any(_is(h, words) for words in term.heads for h in heads) or any(
            len(words) == 1 and p.lower_ == words[0] for words in term.heads for p in preps
        )
    objects = _with_conjuncts([o for p in preps if p.lower_ == term.prep for o in p.children if o.dep_ == "pobj"])
    if not term.heads:
        return bool(objects)
    return any(_is(o, words) for words in term.heads for o in objects)


def _is(token: Token, words: tuple[str, ...]) -> bool:
    """The token heads the phrase: it is the phrase's last word and the other words are in its subtree."""
    if words[-1] not in {token.lemma_.lower(), token.lower_}:
        return False
    if len(words) == 1:
        return True
    below = {w for t in token.subtree if t.i != token.i for w in (t.lemma_.lower(), t.lower_)}
    return all(w in below for w in words[:-1])
