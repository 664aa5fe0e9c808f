"""Real-event records: every choice made over an event's mentions and members, in one place.

An article event (one article's mentions of one event) becomes an
:class:`~newsweave.model.EventMember`: its date is the date its words state
(the most precise, then the earliest: an event is dated by when it began), its
place the country most of its mentions name, its actors the union of its
mentions' actors. A real event (the members coreference put together) becomes an
:class:`~newsweave.model.Event`: the date most members state, the place most
members name in words, the modality most members give, the actors most members
name first, with the support :mod:`~newsweave.fuse.corroborate` counts. The
corpus stages build these records once and the store keeps them; nothing
recomputes them when they are read.

Pure: typed records in, typed records out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import cast

from newsweave.fuse.corroborate import Support
from newsweave.model import (
    ActorRef,
    Event,
    EventDateChoice,
    EventMember,
    EventMention,
    Evidence,
    Location,
    Modality,
    Parsed,
    Precision,
    event_id,
)


def coded(mention: EventMention, outlet: str | None) -> EventMember:
    """A freshly extracted mention as the builders read it (actors are resolved later, across articles)."""
    when, place = mention.date, mention.place
    span = (mention.article_id, when.span.start, when.span.end) if when.span else None
    return EventMember(
        id=event_id(mention.article_id, mention.index), article_id=mention.article_id, outlet=outlet,
        type=mention.type, mode=mention.mode,
        modality=cast(Modality, mention.modality), source=(), target=(),
        date=EventDateChoice(when.value, cast(Precision | None, when.precision), when.text, span, when.uncertain),
        location=Location(place.name, place.country, place.lat, place.lon, bool(place.span)) if place else None,
        cameo=mention.cameo, cameo_root=mention.cameo_root, quad_class=mention.quad_class,
        goldstein=mention.goldstein, trigger=mention.trigger.text,
        evidence=(Evidence(mention.article_id, mention.evidence.start, mention.evidence.end, mention.evidence.text,
                           mention.trigger.start, mention.trigger.end),),
    )  # fmt: skip


def singletons(batch: Sequence[Parsed]) -> list[Event]:
    """One real event per article event of freshly parsed articles, until the corpus stages merge them."""
    found = members(coded(e, p.article.outlet) for p in batch for e in p.events)
    return [real_event(m.id, [m], None) for m in found]


def members(mentions: Iterable[EventMember]) -> list[EventMember]:
    """One member per article event from its mentions (one-mention members of the same id), in the order they
    come."""
    grouped: dict[str, list[EventMember]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.id].append(mention)
    return [member(found) for found in grouped.values()]


def member(mentions: Sequence[EventMember]) -> EventMember:
    """An article event from its mentions: the first mention's coding, the chosen date and place, every span."""
    first = mentions[0]
    if len(mentions) == 1 and _distinct(first.source) and _distinct(first.target):
        return first  # what the choices below would build again, field for field
    dated = min(mentions, key=lambda m: date_choice(m.date))
    countries = Counter(m.location.country for m in mentions if m.location and m.location.country)
    top = countries.most_common(1)[0][0] if countries else None
    located = next((m for m in mentions if top and m.location and m.location.country == top), first)
    return EventMember(
        id=first.id, article_id=first.article_id, outlet=first.outlet,
        type=first.type, mode=first.mode, modality=first.modality, source=_first_seen(m.source for m in mentions),
        target=_first_seen(m.target for m in mentions), date=dated.date, location=located.location,
        cameo=first.cameo, cameo_root=first.cameo_root, quad_class=first.quad_class, goldstein=first.goldstein,
        trigger=first.trigger, evidence=tuple(span for m in mentions for span in m.evidence),
    )  # fmt: skip


def _distinct(actors: tuple[ActorRef, ...]) -> bool:
    return len(set(actors)) == len(actors)


def date_choice(when: EventDateChoice) -> tuple[bool, int, str]:
    """Prefer a date the text states, then the most precise, then the earliest (an event is dated by when it began)."""
    return when.text is None, when.rank, str(when.value)


def real_event(key: str, group: Sequence[EventMember], support: Support | None, *, story: str | None = None) -> Event:
    """A real event from its members: the lead member (whose id is ``key``) codes it; the choices are made here."""
    lead = next((m for m in group if m.id == key), group[0])
    located = Counter(m.location.country for m in group if m.location and m.location.from_text)
    country = located.most_common(1)[0][0] if located else None
    place = next((m.location for m in group if m.location and m.location.country == country), lead.location)
    votes = Counter(m.modality for m in group).most_common()
    evidence = tuple(span for m in group for span in m.evidence)
    return Event(
        id=key, type=lead.type, mode=lead.mode, modality=lead.modality if votes[0][1] == 1 else votes[0][0],
        source=_by_votes(m.source for m in group), target=_by_votes(m.target for m in group),
        date=consensus_date(group) or lead.date, location=place, cameo=lead.cameo, cameo_root=lead.cameo_root,
        quad_class=lead.quad_class, goldstein=lead.goldstein, trigger=lead.trigger, article_id=lead.article_id,
        outlet=lead.outlet, story=story, article_ids=tuple(sorted({m.article_id for m in group})),
        evidence=evidence, num_mentions=support.num_mentions if support else len(evidence),
        num_articles=support.num_articles if support else 1, num_outlets=support.num_outlets if support else 1,
        num_independent_sources=support.num_independent_sources if support else 1,
        confidence=support.confidence if support else None,
        denied=support.denied if support else lead.modality == "denied", members=tuple(group),
    )  # fmt: skip


def consensus_date(group: Sequence[EventMember]) -> EventDateChoice | None:
    """The date most members state (the most precise, then earliest, on a tie); None when none states one."""
    stated = [m.date for m in group if m.date.text is not None]
    if not stated:
        return None
    votes = Counter(d.value for d in stated)
    return min(stated, key=lambda d: (-votes[d.value], *date_choice(d)))


def _first_seen(groups: Iterable[tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    return tuple(dict.fromkeys(actor for group in groups for actor in group))


def _by_votes(groups: Iterable[tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    """Actors named by most members first (a stable sort keeps first-seen order on ties)."""
    counts = Counter(actor for group in groups for actor in group)
    return tuple(actor for actor, _ in sorted(counts.items(), key=lambda kv: -kv[1]))
