"""What event coreference reads about each event: its record, with the trigger's lemma and vectors and the names
around it. Shared by the corpus stage (stored events) and the ECB+ bench (gold or detected mentions), so both
score the same features."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsweave.engine import vectors
from newsweave.fuse.coref import EventRecord
from newsweave.fuse.stories import term


def with_vectors(record: EventRecord, *, trigger: str, sentence: str) -> EventRecord:
    """The record with its trigger's lemma and unit vector and its sentence's unit vector."""
    word = trigger.split()[-1] if trigger.split() else trigger
    return replace(record, lemma=vectors.lemma(word), vector=vectors.word_vector(word),
                   context=vectors.context_vector(sentence))  # fmt: skip


def names(mentions: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The normalised names (as stories use them) of entity mentions ``(text, label)``."""
    return frozenset(filter(None, (term(text, label) for text, label in mentions)))


def coref_type(event_type: str, trigger: str) -> str:
    """The type coreference blocks on: an event of no known type (OTHER) only meets events named by the same word."""
    return f"OTHER:{trigger.lower()}" if event_type == "OTHER" else event_type
