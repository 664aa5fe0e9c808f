"""PLOVER categories and the crisis extension, modes, the trigger lexicons and word senses, from this package's data
files."""

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
    """PLOVER's categories, then the crisis extension's types (``crisis_types.csv``)."""
    rows = read_csv("plover.csv") + read_csv("crisis_types.csv")
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
    for r in read_csv("event_triggers.csv") + read_csv("crisis_triggers.csv"):
        trigger = Trigger(r["lemma"], r["with"] or None, r["pos"], r["type"], r["mode"] or None)
        table.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {key: tuple(sorted(value, key=lambda t: t.with_ is None)) for key, value in table.items()}


@dataclass(frozen=True, slots=True)
class Default:
    source: str | None
    target: str | None
    override: bool
    story: str  # the kind of story the rule holds in ("coup")


@cache
def defaults() -> dict[tuple[str, str], Default]:
    """(type, mode or "") → the article roles that fill an event's missing source and target."""
    return {
        (r["type"], r["mode"]): Default(r["source"] or None, r["target"] or None, r["override"] == "1", r["story"])
        for r in read_csv("event_defaults.csv")
    }


@dataclass(frozen=True, slots=True)
class SenseRule:
    """A trigger word's type when one of its participants (``role``) is of a ``kind`` (``senses.csv``)."""

    lemma: str
    pos: str
    role: str
    kind: str
    type: str  # "-": the word names no event in this context
    mode: str | None


@cache
def sense_rules() -> dict[tuple[str, str], tuple[SenseRule, ...]]:
    """(lemma, VERB|NOUN) → its sense rules, in file order."""
    table: dict[tuple[str, str], list[SenseRule]] = {}
    for r in read_csv("senses.csv"):
        rule = SenseRule(r["lemma"], r["pos"], r["role"], r["kind"], r["type"], r["mode"] or None)
        table.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {key: tuple(value) for key, value in table.items()}


@cache
def argument_kinds() -> dict[str, frozenset[str]]:
    """Kind of participant → its seed lemmas (``argument_kinds.csv``)."""
    return {r["kind"]: frozenset(r["words"].split("|")) for r in read_csv("argument_kinds.csv")}


def is_plover(event_type: str) -> bool:
    """A PLOVER category (as opposed to a type of the crisis extension)."""
    return event_type in _plover_types()


@cache
def _plover_types() -> frozenset[str]:
    return frozenset(r["type"] for r in read_csv("plover.csv"))


@cache
def general_verbs() -> dict[str, str]:
    """Verb lemma → the PLOVER category the general verb lexicon gives it (``cameo_verbs.csv``; "" for a verb of
    statement or appeal, which PLOVER leaves out)."""
    return {r["lemma"]: r["type"] for r in read_csv("cameo_verbs.csv")}
