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


@dataclass(frozen=True, slots=True)
class Term:
    """One phrase a verb pattern needs after its verb: a head (alternatives, each a word tuple with the head
    last), or a prepositional phrase (``prep``) with one of those heads as its object (any object if none);
    ``before``: a phrase before the verb, its subject or an adverb ("<" in the file)."""

    prep: str | None
    heads: tuple[tuple[str, ...], ...]
    before: bool = False
    last: frozenset[str] = frozenset()  # the heads' last words, to reject a term at once


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A CAMEO verb dictionary pattern: the phrases that must follow its verb, its code and PLOVER category."""

    terms: tuple[Term, ...]
    cameo: str
    type: str  # a PLOVER category; "" a statement or appeal; "-" the phrase codes no event


def _term(text: str) -> Term:
    before = text.startswith("<")
    text = text.removeprefix("<")
    prep, mark, heads = text.rpartition(">") if ">" in text else ("", "", text)
    alternatives = tuple(tuple(a.split("_")) for a in heads.split("|") if a)
    return Term(prep if mark else None, alternatives, before, frozenset(a[-1] for a in alternatives))


@cache
def verb_patterns() -> dict[str, tuple[VerbPattern, ...]]:
    """Verb lemma → the CAMEO verb dictionary's phrase patterns for it (``cameo_patterns.csv``), the most specific
    first: most terms, then fewest prepositional phrases that take any object ("for>investigation" before
    "for>"), then most words ("military_assistance" before "assistance")."""
    table: dict[str, list[VerbPattern]] = {}
    for r in read_csv("cameo_patterns.csv"):
        pattern = VerbPattern(tuple(_term(t) for t in r["terms"].split(";")), r["cameo"], r["type"])
        for verb in r["verbs"].split("|"):
            table.setdefault(verb, []).append(pattern)
    return {verb: tuple(sorted(found, key=_specificity)) for verb, found in table.items()}


@cache
def verb_pattern_words() -> dict[str, frozenset[str]]:
    """Verb lemma → every word one of its patterns needs (a head's last word or a preposition): a verb whose
    phrases have none of them matches none."""
    return {
        verb: frozenset(w for p in found for t in p.terms for w in (*t.last, *((t.prep,) if t.prep else ())))
        for verb, found in verb_patterns().items()
    }


def _specificity(pattern: VerbPattern) -> tuple[int, int, int]:
    words = sum(min((len(a) for a in term.heads), default=0) for term in pattern.terms)
    return -len(pattern.terms), sum(not term.heads for term in pattern.terms), -words
