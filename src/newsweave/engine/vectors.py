"""Lemmas and word vectors for event coreference, from the loaded spaCy pipeline's vocabulary.

Coreference runs as a corpus stage, long after parsing, on stored trigger words
and evidence sentences. It needs no parse: the lemmatizer's rules (a trigger
taken as a verb, so "shooting" and "shot" meet "shoot") and the vocabulary's
vectors are enough, and ``nlp.load()`` is the one pipeline the ingest already
loaded. Vectors are unit length (float32), so a dot product is their cosine.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

from newsweave import nlp

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A trigger word's lemma, read as a verb ("arrested" → "arrest", "talks" → "talk")."""
    pipeline = nlp.load()
    doc = Doc(pipeline.vocab, words=[word.lower()])
    doc[0].pos_ = "VERB"
    found = pipeline.get_pipe("lemmatizer").rule_lemmatize(doc[0])  # type: ignore[attr-defined]
    return str(found[0]) if found else word.lower()


@lru_cache(maxsize=65536)
def word_vector(word: str) -> np.ndarray | None:
    """The unit vector of a word (its lemma's when the word has none), or None."""
    vocab = nlp.load().vocab
    for form in (word.lower(), lemma(word)):
        if vocab.has_vector(form):
            return _unit(np.asarray(vocab.get_vector(form), dtype=np.float32))
    return None


def context_vector(text: str) -> np.ndarray | None:
    """The unit mean vector of a sentence's content words (stop words left out), or None."""
    vocab = nlp.load().vocab
    words = [w.lower() for w in _WORD.findall(text)]
    rows = [vocab.get_vector(w) for w in words if not vocab[w].is_stop and vocab.has_vector(w)]
    if not rows:
        return None
    return _unit(np.mean(np.asarray(rows, dtype=np.float32), axis=0))


def _unit(vector: np.ndarray) -> np.ndarray | None:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else None
