"""Framing and coverage: per story and outlet, what it reports and leaves out, whom it quotes, what it calls people.

Descriptive facts only, each countable back to spans: the merged events an
outlet has evidence for, the story's corroborated events it has none for
(blindspots), the kinds of actor it quotes, the words it uses for the story's
main actors ("junta", "military government", "coup leaders") and the modality it
gives events the outlets do not agree on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KEY_EVENT_SOURCES = 2


@dataclass(frozen=True, slots=True)
class Label:
    """One mention of a story actor in an article: the words used for it."""

    article_id: str
    actor_id: str
    actor: str
    text: str


@dataclass(frozen=True, slots=True)
class Voice:
    """One quote in an article and the kinds of its speakers (empty when unattributed)."""

    article_id: str
    kinds: tuple[str, ...]


def framing(
    events: Sequence[Mapping[str, Any]],
    voices: Sequence[Voice],
    labels: Sequence[Label],
    *,
    outlet_of: Mapping[str, str],
    key_actors: Sequence[str],
) -> list[dict[str, Any]]:
    """One record per outlet of a story, outlets in name order."""
    outlets = sorted(set(outlet_of.values()))
    reported = _reported(events, outlet_of)
    key_events = [e["id"] for e in events if e["num_independent_sources"] >= KEY_EVENT_SOURCES]
    contested = _contested(events, outlet_of)
    quoted = _voices(voices, outlet_of)
    named = _labels(labels, outlet_of, set(key_actors))
    return [
        {
            "outlet": outlet,
            "articles": sorted(a for a, o in outlet_of.items() if o == outlet),
            "events_reported": sorted(reported[outlet]),
            "events_missing": [e for e in key_events if e not in reported[outlet]],
            "quoted_voices": dict(quoted[outlet].most_common()),
            "actor_labels": named[outlet],
            "contested_modality": contested[outlet],
        }
        for outlet in outlets
    ]


def _reported(events: Sequence[Mapping[str, Any]], outlet_of: Mapping[str, str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for article_id in event["article_ids"]:
            if article_id in outlet_of:
                found[outlet_of[article_id]].add(event["id"])
    return found


def _contested(events: Sequence[Mapping[str, Any]], outlet_of: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Events whose outlets disagree on modality → each outlet's modality for them."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for event in events:
        by_outlet = {
            outlet_of[m["article_id"]]: m["modality"] for m in event["members"] if m["article_id"] in outlet_of
        }
        if len(set(by_outlet.values())) > 1:
            for outlet, modality in by_outlet.items():
                found[outlet][event["id"]] = modality
    return found


def _voices(voices: Sequence[Voice], outlet_of: Mapping[str, str]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for voice in voices:
        if voice.article_id in outlet_of:
            found[outlet_of[voice.article_id]].update(voice.kinds or ("unattributed",))
    return found


def _labels(labels: Sequence[Label], outlet_of: Mapping[str, str], key: set[str]) -> dict[str, dict[str, Any]]:
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for label in labels:
        if label.actor_id in key and label.article_id in outlet_of:
            counts[outlet_of[label.article_id]][label.actor][" ".join(label.text.split())] += 1
    return defaultdict(dict, {o: {a: dict(c.most_common()) for a, c in by.items()} for o, by in counts.items()})
