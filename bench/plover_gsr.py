"""PLOVER gold-standard records (../shared/bench/plover, CC BY-SA 4.0): category and actor accuracy.

Run: ``python -m bench.plover_gsr``. The 322 hand-coded sentences use PLOVER 0.5
names; DEMAND/DISAPPROVE/FIGHT count as REQUEST/ACCUSE/ASSAULT. Prints category
accuracy and source/target country-code accuracy (a gold code among the coded
event's actors; the generic gold codes IGO and NGO match any IGO or NGO code)
on two fixed halves, split by a hash of each sentence's text (``half``): the
development half may be read while developing, the test half is only scored.
No rule, lexicon entry or threshold comes from a sentence of either.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from bench.coding import ABLATION, code_sentences, general_verbs
from newsweave.ontology.plover import canonical

ROOT = Path(__file__).resolve().parents[1]
GSR = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "bench" / "plover" / "PLOVER_GSR_CAMEO.txt"


def records() -> list[dict[str, Any]]:
    items = json.loads(GSR.read_text(encoding="utf-8"))
    return [r for r in items if r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def _codes(actors: Any) -> set[str]:
    found = set()
    if isinstance(actors, dict):
        actors = [actors]
    for actor in actors or []:
        if not isinstance(actor, dict):
            continue
        code = str(actor.get("code") or "").upper()
        if code:
            found.add(code[:6] if code.startswith("IGO") else code[:3])
    return found


def _found(gold: set[str], coded: tuple[str, ...]) -> bool:
    """A gold code among the coded ones; a generic gold "IGO" or "NGO" matches any code it begins."""
    return any(c == g or (len(g) == 3 and c.startswith(g)) for g in gold for c in coded)


def half(text: str) -> str:
    """ "dev" or "test": the first byte of the text's SHA-256, even or odd (fixed for ever)."""
    return "test" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 else "dev"


def score(which: str | None = None, *, general: bool = True, patterns: bool | None = None) -> dict[str, float]:
    """Category, source and target accuracy on one half ("dev", "test") or on every sentence (None);
    ``general=False`` leaves out the general verb lexicon and its phrase patterns, ``patterns=False`` only the
    patterns (ablations)."""
    items = [r for r in records() if which is None or half(r["text"]) == which]
    with general_verbs(on=general, patterns=patterns):
        coded = code_sentences([r["text"] for r in items])
    right = src_n = src_ok = tgt_n = tgt_ok = 0
    for record, result in zip(items, coded, strict=True):
        right += result.type == canonical(record["event"])
        gold_src, gold_tgt = _codes(record.get("source")), _codes(record.get("target"))
        if gold_src:
            src_n += 1
            src_ok += _found(gold_src, result.sources)
        if gold_tgt:
            tgt_n += 1
            tgt_ok += _found(gold_tgt, result.targets)
    return {"sentences": len(items), "category": right / len(items), "source": src_ok / max(1, src_n),
            "target": tgt_ok / max(1, tgt_n)}  # fmt: skip


def main() -> None:
    runs = [(which, general, patterns) for which in ("test", "dev")
            for general, patterns in ((True, True), (True, False), (False, False))] + [(None, True, True)]  # fmt: skip
    for which, general, patterns in runs:
        start = time.perf_counter()
        result = score(which, general=general, patterns=patterns)
        name = {"test": "test half (scored only)", "dev": "development half", None: "all"}[which]
        name += ABLATION[general, patterns]
        print(
            f"PLOVER GSR, {name}: {result['sentences']:.0f} sentences, category accuracy {result['category']:.3f}, "
            f"source code accuracy {result['source']:.3f}, target code accuracy {result['target']:.3f} "
            f"({time.perf_counter() - start:.1f}s)"
        )


if __name__ == "__main__":
    main()
