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


@cache
def known_actors() -> tuple[KnownActor, ...]:
    return tuple(
        KnownActor(
            r["name"], r["acronym"] or None, r["kind"], r["country"] or None, r["cameo"] or None, r["ruling"] == "1",
            r["bloc"] == "1",
        )
        for r in read_csv("known_actors.csv")
    )


@cache
def role_nouns() -> dict[str, tuple[str, str | None]]:
    """Role phrase → (what it refers to, kind of a new actor or None)."""
    return {r["phrase"]: (r["refers"], r["kind"] or None) for r in read_csv("roles.csv")}


@cache
def titles() -> dict[str, str]:
    """Title word or phrase (lower case) → hint (government, military, other)."""
    return {r["title"]: r["hint"] for r in read_csv("titles.csv")}
