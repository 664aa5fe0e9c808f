"""PETRARCH-2 gold-standard records (../shared/bench/cameo, MIT): CAMEO root-code and PLOVER category accuracy.

Run: ``python -m bench.cameo_gsr``. The file is not strict XML, so records are read
with regular expressions. A sentence is right when the root code of newsweave's
main event equals the root of one of its gold codings; "no event" sentences are
right when nothing is coded. PLOVER category accuracy maps each gold CAMEO code
to its PLOVER category through the PLOVER manual's crosswalk
(../shared/bench/plover/CAMEO2PLOVER-2021.txt, CC BY-SA 4.0; the longest listed
prefix of the code decides): a sentence is right when newsweave's main event has
one of its gold categories, or, for "no event" sentences and sentences coded only
with CAMEO codes the crosswalk leaves out of PLOVER (01 public statements, 02
appeals), when no PLOVER event is coded. These sentences were never used for rules: they are only scored.
"""

from __future__ import annotations

import os
import re
import time
from functools import cache
from pathlib import Path

from bench.coding import ABLATION, code_sentences, general_verbs
from newsweave.ontology.plover import canonical

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "bench"
GSR = SHARED / "cameo" / "PETR2_GSR_validation.xml"
CROSSWALK = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
_CROSSWALK_ROW = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<category>[A-Z]+)\b")
_SENTENCE = re.compile(r"<Sentence\b(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b[^>]*?eventcode=\"(?P<code>\d+)\"", re.S)
_TEXT = re.compile(r"<Text>\s*(?P<text>.*?)\s*</Text>", re.S)


def records() -> list[tuple[str, set[str]]]:
    """``(text, gold CAMEO codes)``; an empty set means the sentence codes no event."""
    out = []
    for match in _SENTENCE.finditer(GSR.read_text(encoding="utf-8", errors="replace")):
        body = match.group("body")
        text = _TEXT.search(body)
        if text is None:
            continue
        codes = set(_CODING.findall(body))
        if not codes and "noevents" not in body.lower():
            continue
        out.append((" ".join(text.group("text").split()), codes))
    return out


@cache
def crosswalk() -> dict[str, str]:
    """CAMEO code → PLOVER category (POLECAT names), from the PLOVER manual's CAMEO2PLOVER table."""
    table: dict[str, str] = {}
    for line in CROSSWALK.read_text(encoding="utf-8").splitlines():
        match = _CROSSWALK_ROW.match(line)
        if match:
            table[match.group("code")] = canonical(match.group("category"))
    return table


def plover_category(code: str) -> str | None:
    """The PLOVER category of a CAMEO code: the crosswalk's row for its longest listed prefix."""
    for end in range(len(code), 1, -1):
        if code[:end] in crosswalk():
            return crosswalk()[code[:end]]
    return None


# PLOVER categories the crosswalk's version of PLOVER folds into another: it lists CAMEO 09 (investigate) as a
# mode of ACCUSE ("09: ACCUSE", "090: ACCUSE, investigate"), so newsweave's INVESTIGATE is compared as ACCUSE.
FOLDED = {"INVESTIGATE": "ACCUSE"}


def score(*, general: bool = True, patterns: bool | None = None) -> dict[str, float]:
    """CAMEO root accuracy (all sentences, and the coded ones) and PLOVER category accuracy; ``general=False``
    leaves out the general verb lexicon and its phrase patterns, ``patterns=False`` only the patterns
    (ablations)."""
    items = records()
    with general_verbs(on=general, patterns=patterns):
        coded = code_sentences([text for text, _ in items])
    pairs = [({c[:2] for c in codes}, {p for c in codes if (p := plover_category(c))}, result)
             for (_, codes), result in zip(items, coded, strict=True)]  # fmt: skip
    root = sum((c.cameo_root in roots) if roots else c.type is None for roots, _, c in pairs)
    category = sum((FOLDED.get(c.type or "", c.type) in kinds) if kinds else c.type is None for _, kinds, c in pairs)
    with_event = [(roots, c) for roots, _, c in pairs if roots]
    root_coded = sum(c.cameo_root in r for r, c in with_event) / max(1, len(with_event))
    return {"sentences": len(items), "root": root / len(items), "category": category / len(items),
            "coded": len(with_event), "root_coded": root_coded}  # fmt: skip


def main() -> None:
    for general, patterns in ((True, True), (True, False), (False, False)):
        start = time.perf_counter()
        result = score(general=general, patterns=patterns)
        name = ABLATION[general, patterns]
        print(
            f"PETRARCH-2 GSR{name}: {result['sentences']:.0f} sentences, PLOVER category accuracy "
            f"{result['category']:.3f} (via CAMEO2PLOVER), CAMEO root accuracy {result['root']:.3f} (on the "
            f"{result['coded']:.0f} coded sentences: {result['root_coded']:.3f}) ({time.perf_counter() - start:.1f}s)"
        )


if __name__ == "__main__":
    main()
