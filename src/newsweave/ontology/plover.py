"""PLOVER categories, modes and the trigger lexicon, read from this package's data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsweave.ontology.lexicons import read_csv


@dataclass(frozen=True, slots=True)
class Category:
    type: str
    alias: str | None
    quad_class: int
    cameo_root: str | None
    goldstein: float | None


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    with_: str | None
    pos: str
    type: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class Coding:
    """What an event type (and mode) means in CAMEO/GDELT terms."""

    cameo: str | None
    cameo_root: str | None
    quad_class: int
    goldstein: float | None


@cache
def categories() -> dict[str, Category]:
    rows = read_csv("plover.csv")
    return {
        r["type"]: Category(
            r["type"],
            r["alias"] or None,
            int(r["quad_class"]),
            r["cameo_root"] or None,
            float(r["goldstein"]) if r["goldstein"] else None,
        )
        for r in rows
    }


def canonical(name: str) -> str:
    """POLECAT names for manual aliases: DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT."""
    upper = name.strip().upper()
    for category in categories().values():
        if upper in {category.type, category.alias}:
            return category.type
    return upper


@cache
def _modes() -> dict[tuple[str, str], tuple[str, float]]:
    return {(r["type"], r["mode"]): (r["cameo"], float(r["goldstein"])) for r in read_csv("plover_modes.csv")}


def coding(event_type: str, mode: str | None) -> Coding:
    category = categories()[event_type]
    specific = _modes().get((event_type, mode or ""))
    cameo = specific[0] if specific else (f"{category.cameo_root}0" if category.cameo_root else None)
    goldstein = specific[1] if specific else category.goldstein
    root = cameo[:2] if cameo else category.cameo_root
    return Coding(cameo, root, category.quad_class, goldstein)


@cache
def triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, VERB|NOUN) → the triggers for it, the ones that need a companion word first."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    for r in read_csv("event_triggers.csv"):
        trigger = Trigger(r["lemma"], r["with"] or None, r["pos"], r["type"], r["mode"] or None)
        table.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {key: tuple(sorted(value, key=lambda t: t.with_ is None)) for key, value in table.items()}


@dataclass(frozen=True, slots=True)
class Default:
    source: str | None
    target: str | None
    override: bool


@cache
def defaults() -> dict[tuple[str, str], Default]:
    """(type, mode or "") → the article roles that fill an event's missing source and target."""
    return {
        (r["type"], r["mode"]): Default(r["source"] or None, r["target"] or None, r["override"] == "1")
        for r in read_csv("event_defaults.csv")
    }
