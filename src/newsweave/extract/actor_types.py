"""Typing of actors: kind, country and a CAMEO-style code, from lexicons and name keywords."""

from __future__ import annotations

from functools import cache, lru_cache

from newsweave.extract.names import initials, norm, stems_match
from newsweave.ontology.lexicons import KnownActor, known_actors, titles

KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("armed_group", ("wagner", "islamic state", "al-qaida", "al qaeda", "boko haram", "jihadist", "militia", "rebel")),
    ("igo", ("united nations", "african union", "european union", "security council", "economic community",
             "commission", "organisation of", "organization of", "nations")),
    ("military", ("army", "armed forces", "military", "guard", "defence forces", "defense forces", "air force",
                  "navy", "junta", "gendarmerie", "troops", "soldiers", "defence chiefs", "defense chiefs")),
    ("government", ("ministry", "department", "government", "presidency", "cabinet", "parliament",
                    "national assembly", "foreign office", "white house", "elysee", "council of ministers")),
    ("media", ("news", "tv", "television", "radio", "press", "agency", "reuters", "afp", "bbc", "times",
               "post", "herald", "gazette", "wire", "ledger", "courier", "sentinel", "report", "desk", "tribune")),
    ("party", ("party",)),
    ("ngo", ("amnesty", "human rights watch", "red cross", "medecins", "msf", "oxfam", "save the children")),
)  # fmt: skip
RULING_WORDS = ("council", "committee", "junta", "transitional")
CAMEO_SUFFIX = {"military": "MIL", "government": "GOV", "armed_group": "REB", "media": "MED", "party": "PTY",
                "ngo": "NGO"}  # fmt: skip


@lru_cache(maxsize=65536)
def known(name: str) -> KnownActor | None:
    """The lexicon entry a name refers to: same name, same acronym, initials, or most content words (the first
    entry of the lexicon that matches by name or acronym, else by content words)."""
    entries, folded = known_actors(), norm(name)
    named = _by_name().get(folded)
    for i, acronym in _acronyms():
        if named is not None and i >= named:
            break
        if _acronym_of(name, acronym):
            return entries[i]
    if named is not None:
        return entries[named]
    if len(folded.split()) >= 3:
        return next((entry for entry in entries if stems_match(folded, entry.name)), None)
    return None


@cache
def _by_name() -> dict[str, int]:
    """Each folded name and alias of the lexicon → the first entry that has it."""
    found: dict[str, int] = {}
    for i, entry in enumerate(known_actors()):
        for written in (entry.name, *entry.aliases):
            found.setdefault(norm(written), i)
    return found


@cache
def _acronyms() -> tuple[tuple[int, str], ...]:
    return tuple((i, entry.acronym) for i, entry in enumerate(known_actors()) if entry.acronym)


def _acronym_of(name: str, acronym: str) -> bool:
    plain = name.replace(".", "")
    if plain == acronym or (len(acronym) >= 4 and plain.upper() == acronym and " " not in plain):
        return True
    return len(norm(name).split()) >= 3 and initials(name) == acronym


def is_bloc(name: str) -> bool:
    """A regional bloc ("the bloc" can refer to it): from the lexicon, else by name."""
    entry = known(name)
    if entry is not None:
        return entry.bloc
    folded = norm(name)
    return any(w in folded for w in ("community", "union", "bloc")) and "commission" not in folded


def org_kind(name: str) -> str:
    folded = f" {norm(name)} "
    for kind, words in KIND_KEYWORDS:
        if any(f" {w} " in folded or folded.strip().startswith(f"{w} ") for w in words):
            return kind
    return "other"


def is_ruling(name: str, kind: str) -> bool:
    folded = norm(name)
    return kind in {"military", "government", "other"} and any(w in folded.split() for w in RULING_WORDS)


def org_cameo(kind: str, country: str | None) -> str | None:
    if kind == "igo":
        return "IGO"
    suffix = CAMEO_SUFFIX.get(kind)
    return f"{country}{suffix}" if country and suffix else country


def person_cameo(country: str | None, person_titles: list[str]) -> str | None:
    if country is None:
        return None
    hints = {titles().get(t) or titles().get(f"{t}.") for t in person_titles}
    if "military" in hints:
        return f"{country}MIL"
    if "government" in hints:
        return f"{country}GOV"
    return country
