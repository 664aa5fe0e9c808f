"""Loaders for the lexicon data files (CSV with a commented header naming source and licence)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a data file in this package, skipping ``#`` comment lines."""
    text = resources.files("newsweave.ontology").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


@dataclass(frozen=True, slots=True)
class KnownActor:
    name: str
    acronym: str | None
    kind: str
    country: str | None
    cameo: str | None
    ruling: bool
    bloc: bool
    aliases: tuple[str, ...] = ()


@cache
def known_actors() -> tuple[KnownActor, ...]:
    return tuple(
        KnownActor(
            r["name"],
            r["acronym"] or None,
            r["kind"],
            r["country"] or None,
            r["cameo"] or None,
            r["ruling"] == "1",
            r["bloc"] == "1",
            tuple(a for a in r["aliases"].split("|") if a),
        )
        for r in read_csv("known_actors.csv")
    )


@dataclass(frozen=True, slots=True)
class RoleNoun:
    refers: str
    kind: str | None
    bare: bool


@cache
def role_nouns() -> dict[str, RoleNoun]:
    """Role phrase → what it refers to, the kind of a new actor, whether it needs no determiner."""
    return {r["phrase"]: RoleNoun(r["refers"], r["kind"] or None, r["bare"] == "1") for r in read_csv("roles.csv")}


@cache
def titles() -> dict[str, str]:
    """Title word or phrase (lower case) → hint (government, military, other)."""
    return {r["title"]: r["hint"] for r in read_csv("titles.csv")}


# Generic last words of organisation names ("Wagner Group" is also called "Wagner").
GENERIC_TAIL = frozenset({"group", "organisation", "organization", "movement", "company", "force", "forces"})


def known_actor_names() -> list[str]:
    """Names and acronyms of the lexicon's actors, plus "Wagner" for "Wagner Group" (entity-ruler patterns)."""
    names = []
    for actor in known_actors():
        names.append(actor.name)
        names += actor.aliases
        words = actor.name.split()
        if len(words) > 1 and words[-1].lower() in GENERIC_TAIL:
            names.append(" ".join(words[:-1]))
        if actor.acronym and len(actor.acronym) >= 3:
            names.append(actor.acronym)
    return names
