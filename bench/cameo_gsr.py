"""PETRARCH-2 gold-standard records (../shared/bench/cameo, MIT): CAMEO root-code accuracy.

Run: ``python -m bench.cameo_gsr``. The file is not strict XML, so records are read
with regular expressions. A sentence is right when the root code of newsweave's
main event equals the root of one of its gold codings; "no event" sentences are
right when nothing is coded.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from bench.coding import code_sentences

ROOT = Path(__file__).resolve().parents[1]
GSR = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "bench" / "cameo" / "PETR2_GSR_validation.xml"
_SENTENCE = re.compile(r"<Sentence\b(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b[^>]*?eventcode=\"(?P<code>\d+)\"", re.S)
_TEXT = re.compile(r"<Text>\s*(?P<text>.*?)\s*</Text>", re.S)


def records() -> list[tuple[str, set[str]]]:
    """``(text, gold root codes)``; an empty set means the sentence codes no event."""
    out = []
    for match in _SENTENCE.finditer(GSR.read_text(encoding="utf-8", errors="replace")):
        body = match.group("body")
        text = _TEXT.search(body)
        if text is None:
            continue
        roots = {code[:2] for code in _CODING.findall(body)}
        if not roots and "noevents" not in body.lower():
            continue
        out.append((" ".join(text.group("text").split()), roots))
    return out


def main() -> None:
    start = time.perf_counter()
    items = records()
    coded = code_sentences([text for text, _ in items])
    right = sum(
        (c.cameo_root in roots) if roots else c.type is None for (_, roots), c in zip(items, coded, strict=True)
    )
    with_event = [(roots, c) for (_, roots), c in zip(items, coded, strict=True) if roots]
    detected = sum(c.cameo_root in roots for roots, c in with_event)
    print(
        f"PETRARCH-2 GSR: {len(items)} sentences, CAMEO root accuracy {right / len(items):.3f} "
        f"(on the {len(with_event)} coded sentences: {detected / max(1, len(with_event)):.3f}) "
        f"({time.perf_counter() - start:.1f}s)"
    )


if __name__ == "__main__":
    main()
