"""Corroboration: how well a merged event is backed, counting copies once.

``num_independent_sources`` counts distinct sources after syndicated copies are
collapsed onto their original's outlet (an article without an outlet is its own
source). The confidence grows with independent sources (``1 - 0.5 ** n``: one
source 0.5, two 0.75, three 0.875), is scaled by how the sources state it (a
source that states it counts 1, one that only reports it as someone's claim 0.75,
one that denies or negates it 0), and is halved when any source denies it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

AGAINST = frozenset({"denied", "negated"})
REPORTED_WEIGHT = 0.75


@dataclass(frozen=True, slots=True)
class Member:
    """One article's record of a merged event."""

    article_id: str
    outlet: str | None
    modality: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Support:
    num_mentions: int
    num_articles: int
    num_outlets: int
    num_independent_sources: int
    confidence: float
    denied: bool
    modalities: dict[str, int]


def support(members: Sequence[Member], *, source_of: Mapping[str, str]) -> Support:
    """The support figures of one merged event from its members."""
    sources: dict[str, set[str]] = {}
    for m in members:
        sources.setdefault(source_of.get(m.article_id, m.outlet or m.article_id), set()).add(m.modality)
    backing = sum(_weight(modalities) for modalities in sources.values())
    denied = any(m.modality == "denied" for m in members)
    outlets = len({m.outlet or m.article_id for m in members})
    n = min(len(sources), outlets)  # an outlet that runs its own report and another's copy is still one outlet
    confidence = (1 - 0.5**n) * (backing / len(sources) if sources else 0.0) * (0.5 if denied else 1.0)
    return Support(
        num_mentions=sum(m.mentions for m in members),
        num_articles=len({m.article_id for m in members}),
        num_outlets=outlets,
        num_independent_sources=n,
        confidence=round(confidence, 3),
        denied=denied,
        modalities=dict(Counter(m.modality for m in members)),
    )


def _weight(modalities: set[str]) -> float:
    """How firmly one source states the event: outright 1, only as someone's claim 0.75, not at all 0."""
    stated = modalities - AGAINST
    if not stated:
        return 0.0
    return REPORTED_WEIGHT if stated == {"reported"} else 1.0
