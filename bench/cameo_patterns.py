"""Build ``ontology/cameo_patterns.csv``: the verb phrase patterns of the CAMEO verb dictionary.

Run: ``python -m bench.cameo_patterns PATH`` where PATH is ``petrarch2/data/dictionaries/CAMEO.2.0.txt`` of the
PETRARCH-2 repository (github.com/openeventdata/petrarch2, MIT licence). A pattern line of a verb block,
``- * OFF STRIKE [...]`` or ``- * (FOR {FINANCIAL AID}) [...]``, codes the block's verbs when the words after
``*`` are heads of the verb's objects, particles and prepositional phrases (PETRARCH's reading: a bare word is
the head of a phrase after the verb, ``{...}`` a phrase whose last word is its head, ``(PREP ...)`` a
prepositional phrase, ``&NAME`` any phrase of a synonym set, ``{&MILITARY ASSISTANCE}`` every phrase the
synonym sets make, up to 400). Words before ``*`` (``- &MILITARY *``, ``- ABRUPTLY * TALKS``) become terms
marked ``<``: the head of the verb's subject or an adverb before it. Multi-word verbs (``+CALL_OFF``) become
patterns of their verb with the words that follow it, coded with their own code (``+CALL_OFF [160]``), else
the block's. The source/target markers ``$ + % ^`` are left out. Each code is mapped to a PLOVER category as
in ``bench.cameo_lexicon`` (empty for statements and appeals, ``-`` for the null code ``---``: the phrase codes
no event).
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

from bench.cameo_gsr import plover_category

OUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "ontology" / "cameo_patterns.csv"
_HEADER = re.compile(r"^---\s+(?P<block>\S+)\s+\[(?P<code>[^\]]*)\]-*\s+---")
_PATTERN = re.compile(r"^-\s*(?P<body>[^\[]*)\[(?P<code>[^\]]*)\]")
_ITEM = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")
_WORD = re.compile(r"^[A-Za-z]+$")
_OWN_CODE = re.compile(r"\[(?P<code>[0-9]+)[^\]]*\]")
_MARKS = "$+%^"
MAX_PHRASES = 400  # alternatives a phrase of synonym sets may expand to
HEADER = """# Verb phrase patterns of the CAMEO verb dictionary: a verb block's verbs, the phrase heads that must follow
# the verb ("terms", ";"-separated: a noun or particle, alternatives "|", a phrase's words "_" with its head
# last; a prepositional phrase "prep>noun|noun"; "<" before a term: the verb's subject or an adverb before
# it), the pattern's CAMEO code and the PLOVER category it maps to
# (empty: a statement or an appeal, which PLOVER leaves out; "-": the null code, the phrase codes no event).
# Source: CAMEO.2.0.txt of PETRARCH-2 (github.com/openeventdata/petrarch2), (c) 2015 Open Event Data Alliance,
# MIT licence. Categories through the PLOVER manual's
# CAMEO2PLOVER-2021 crosswalk (CC BY-SA 4.0). Built by bench/cameo_patterns.py.
# Licence of this file: CC BY-SA 4.0 (it adapts the crosswalk; the dictionary part is MIT).
"""

Row = tuple[str, str, str, str]


def synsets(text: str) -> dict[str, list[str]]:
    """``&NAME`` → its phrases, each lower case with "_" between words."""
    found: dict[str, list[str]] = {}
    name = ""
    for line in text.split("####### VERB PATTERNS #######", 1)[0].splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry.startswith("&"):
            name = entry.rstrip("_").upper()
            found[name] = []
        elif entry.startswith("+") and name:
            phrase = entry[1:].strip().rstrip("_").lower().replace(" ", "_")
            if all(_WORD.match(w) for w in phrase.split("_")):
                found[name].append(phrase)
    return found


def _phrases(item: str, sets: dict[str, list[str]]) -> list[str] | None:
    """The phrase alternatives one pattern item stands for; None when it cannot be read."""
    item = item.strip(_MARKS)
    if item.startswith("{") and item.endswith("}"):
        words = [w.strip(_MARKS) for w in item[1:-1].split()]
        options = [_phrases(w, sets) for w in words if w]
        if not options or any(not o for o in options):
            return None
        combined = ["_".join(words) for words in itertools.product(*options)]  # {&MILITARY ASSISTANCE}
        return combined if len(combined) <= MAX_PHRASES else None
    if item.startswith("&"):
        return sets.get(item.rstrip("_").upper()) or None
    word = item.rstrip("_")
    return [word.lower()] if _WORD.match(word) else None


def terms(body: str, sets: dict[str, list[str]]) -> list[str] | None:
    """A pattern's terms: the ones before the verb marked "<" (a subject or an adverb before it: ``- &MILITARY *``,
    ``- ABRUPTLY * TALKS``), then the ones after it; None when the pattern cannot be read."""
    before, star, after = body.partition("*")
    if not star:
        return None
    out: list[str] = []
    for item in _ITEM.findall(before):
        if item.strip(_MARKS) == "":
            continue
        phrase = None if item.startswith("(") else _phrases(item, sets)
        if phrase is None:
            return None
        out.append("<" + "|".join(phrase))
    for item in _ITEM.findall(after):
        if item.strip(_MARKS) == "":
            continue
        if item.startswith("("):
            inner = [i for i in _ITEM.findall(item[1:-1]) if i.strip(_MARKS)]
            if not inner or not _WORD.match(inner[0].strip(_MARKS)):
                return None
            nouns = [_phrases(i, sets) for i in inner[1:]]
            if any(n is None for n in nouns) or len(nouns) > 1:
                return None
            out.append(inner[0].strip(_MARKS).lower() + ">" + ("|".join(nouns[0]) if nouns and nouns[0] else ""))
            continue
        phrase = _phrases(item, sets)
        if phrase is None:
            return None
        out.append("|".join(phrase))
    return out or None


def _code(raw: str, default: str) -> str:
    parts = [p.strip() for p in raw.split(":")]
    code = next((p for p in parts if p), "")
    return default if code == "" else code


def _row(verbs: list[str], found: list[str], code: str) -> Row:
    kind = "-" if code.strip("-") == "" else plover_category(code) or ""
    return "|".join(verbs), ";".join(found), code.strip("-"), kind


def rows(text: str) -> list[Row]:
    """One row per readable pattern: (verbs, terms, CAMEO code, PLOVER category)."""
    sets = synsets(text)
    out: list[Row] = []
    block_code = ""
    verbs: list[str] = []
    compounds: list[tuple[str, list[str], str]] = []
    patterns: list[tuple[list[str], str]] = []
    body = text.split("####### VERB PATTERNS #######", 1)[-1]

    def flush() -> None:
        out.extend(_row(verbs, t, c) for t, c in patterns if verbs)
        out.extend(_row([v], t, code) for v, t, code in compounds if code.strip("-"))

    for line in body.splitlines():
        header = _HEADER.match(line)
        if header:
            flush()
            block_code, verbs, compounds, patterns = header["code"].split(":")[0].strip(), [], [], []
            continue
        entry = line.split("#", 1)[0].strip()
        pattern = _PATTERN.match(entry)
        if pattern:
            found = terms(pattern["body"], sets)
            if found:
                patterns.append((found, _code(pattern["code"], block_code)))
        elif entry and not entry.startswith("-"):
            word = entry.split()[0]
            if _WORD.match(word):
                verbs.append(word.lower())
            elif "+" in word and "_" in word:
                parts = word.split("_")
                heads = [i for i, p in enumerate(parts) if p.startswith("+")]
                rest = [p.lower() for p in parts[heads[0] + 1 :]] if heads == [0] else []
                if rest and all(_WORD.match(p) for p in [parts[0][1:], *rest]):
                    own = _OWN_CODE.search(entry)
                    compounds.append((parts[0][1:].lower(), rest, own["code"] if own else block_code))
    flush()
    return sorted(set(out))


def main() -> None:
    source = Path(sys.argv[1])
    table = rows(source.read_text(encoding="utf-8", errors="replace"))
    OUT.write_text(HEADER + "verbs,terms,cameo,type\n" + "".join(f"{v},{t},{c},{k}\n" for v, t, c, k in table), "utf-8")
    print(f"{len(table)} patterns written to {OUT}")


if __name__ == "__main__":
    main()
