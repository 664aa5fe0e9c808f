"""Build ``ontology/cameo_verbs.csv``: single verbs of the CAMEO verb dictionary with their CAMEO code.

Run: ``python -m bench.cameo_lexicon PATH`` where PATH is ``petrarch2/data/dictionaries/CAMEO.2.0.txt`` of the
PETRARCH-2 repository (github.com/openeventdata/petrarch2, MIT licence). The dictionary groups verbs in blocks:
a header ``--- VERB [code] ---``, the block's synonyms (single words, or multi-word forms marked ``+`` or ``_``),
then phrase patterns (lines starting ``-``). Only single words (and the inflected forms a word lists in braces)
are kept; phrase patterns and multi-word forms are left out (they were written around particular sentences). A
synonym line may carry a code of its own (``ASK [020]`` in a block headed ``[---]``): the word takes that code
(the part before any ``:``; the null code ``[---]`` leaves it with none), else its block's default code (the
header's, before any ``:``). A word listed in several blocks takes the one code its own lines agree on, else
the code of the block it heads, else the one code all its coded blocks agree on, else it is left out. Each code
is mapped to a PLOVER category through the PLOVER manual's CAMEO2PLOVER crosswalk (../shared/bench/plover, CC
BY-SA 4.0; the longest listed prefix decides); codes the crosswalk leaves out of PLOVER (01 statements, 02
appeals) are kept with no category, so that the word is known to name a statement or an appeal.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bench.cameo_gsr import plover_category

OUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "ontology" / "cameo_verbs.csv"
_HEADER = re.compile(r"^---\s+(?P<block>\S+)\s+\[(?P<code>[^\]]*)\]-*\s+---")
_WORD = re.compile(r"^[A-Za-z]+$")
_OWN = re.compile(r"\[(?P<code>[^\]]*)\]")
HEADER = """# General verb lexicon: single verbs of the CAMEO verb dictionary (and the inflected forms it lists),
# each with its CAMEO code (its own line's, else its verb block's) and the PLOVER category that code maps to
# (empty: a statement or an appeal, CAMEO 01/02, which PLOVER leaves out).
# Source: CAMEO.2.0.txt of PETRARCH-2 (github.com/openeventdata/petrarch2), (c) 2015 Open Event Data Alliance,
# MIT licence; only single-word verb -> code entries, never its phrase patterns. Categories through the
# PLOVER manual's CAMEO2PLOVER-2021 crosswalk (CC BY-SA 4.0). Built by bench/cameo_lexicon.py.
# Read after event_triggers.csv and senses.csv: it types only verbs those leave untyped.
# Licence of this file: CC BY-SA 4.0 (it adapts the crosswalk; the dictionary part is MIT).
"""


Listing = tuple[str, str, bool]  # (block, code, whether the code is the word's own)


def blocks(text: str) -> tuple[dict[str, list[Listing]], dict[str, tuple[str, ...]]]:
    """Single word (lower case) → every (block, code, own) it is listed in: the code of the word's own line
    ("ASK [020]", own) or else of the block's header (code "" when it has none or is the null code ``---``), and
    word → the inflected forms it lists in braces ("EXTOL {EXTOLS EXTOLLED }")."""
    found: dict[str, list[Listing]] = {}
    forms: dict[str, tuple[str, ...]] = {}
    block = code = ""
    body = text.split("####### VERB PATTERNS #######", 1)[-1]
    for line in body.splitlines():
        header = _HEADER.match(line)
        if header:
            block, code = header["block"].lower(), _code(header["code"])
            continue
        entry = line.split("#", 1)[0].strip()
        if not block or not entry or entry.startswith("-"):
            continue
        word = entry.split("[", 1)[0].split()[0] if entry.split("[", 1)[0].strip() else ""
        if _WORD.match(word):
            own = _OWN.search(entry.split("}", 1)[-1])
            listing = (block, _code(own["code"]), True) if own else (block, code, False)
            found.setdefault(word.lower(), []).append(listing)
            forms[word.lower()] = forms.get(word.lower(), ()) + _forms(entry)
    return found, forms


def _code(field: str) -> str:
    """The default code of a bracketed code field ("040:040" → "040", "---" → "")."""
    return field.split(":")[0].strip().strip("-")


def _forms(entry: str) -> tuple[str, ...]:
    inside = entry[entry.find("{") + 1 : entry.find("}")] if "{" in entry and "}" in entry else ""
    return tuple(w.lower() for w in inside.split() if _WORD.match(w))


def code_of(word: str, listed: list[Listing]) -> str | None:
    """The code a word takes: the one its own lines agree on, else the block it heads, else the one code its
    coded blocks agree on (None: no code, or codes that disagree)."""
    own = {code for _, code, mine in listed if mine}
    if own:
        return own.pop() or None if len(own) == 1 else None
    heads = [code for block, code, _ in listed if block == word]
    if heads:
        return heads[0] or None
    codes = {code for _, code, _ in listed if code}
    return codes.pop() if len(codes) == 1 else None


def rows(text: str) -> list[tuple[str, str, str]]:
    """(word or form, CAMEO code, PLOVER category or "") for every single word with a code, and its forms."""
    found, forms = blocks(text)
    out: dict[str, tuple[str, str, str]] = {}
    for word, listed in sorted(found.items()):
        code = code_of(word, listed)
        if code is None:
            continue
        for form in (word, *forms.get(word, ())):
            out.setdefault(form, (form, code, plover_category(code) or ""))
    return sorted(out.values())


def main() -> None:
    source = Path(sys.argv[1])
    table = rows(source.read_text(encoding="utf-8", errors="replace"))
    OUT.write_text(HEADER + "lemma,cameo,type\n" + "".join(f"{w},{c},{t}\n" for w, c, t in table), "utf-8")
    typed = sum(1 for _, _, t in table if t)
    print(f"{len(table)} verbs ({typed} with a PLOVER category) written to {OUT}")


if __name__ == "__main__":
    main()
