"""Figures and conflicting figures on real news: newsweave's claims and conflicts against ECB+ labels made by reading.

Labels (tests/gold/ecb_figures.jsonl, docs/copies.md): every figure a reader sees in a
set of ECB+ documents of topics 1–35, with its character offsets in the text
``bench/ecb.py`` gives and its value; and disagreements: pairs of figures from two
documents about the same quantity of the same event that differ (``conflict``), or
that give the same quantity at different times (``series``, never a conflict).

The documents go through newsweave as a user's would: the ECB+ tokens are joined
back into ordinary text (``detokenize``, with a map back to ECB+ offsets), every
document of the labelled topics is ingested into a fresh store with no outlet and
no date (ECB+ has none; dates come from the text when it gives them), the corpus
stages run, and ``newsweave.conflicts`` reports. A figure counts as found when a
claim of the same document has its value (low or high end, within rounding); a
disagreement counts when one conflict record holds both values, each with its
document. The baseline, in the same run, is every number-like entity spaCy tags
(CARDINAL, MONEY, QUANTITY, PERCENT) read as a value, with no extraction rule.
Rules were tuned on the training topics only; the development topics
(2 5 12 18 21 23 34 35) are the out-of-sample figure.

    python -m bench.figures
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import ecb

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "tests" / "gold" / "ecb_figures.jsonl"

_GLUE_LEFT = frozenset(",.;:!?)]}%'\"”’") | {"''", "'s", "n't", "'re", "'ll", "'ve", "'m", "'d", "’s"}
_GLUE_RIGHT = frozenset({"(", "[", "{", "$", "£", "€", "``", "“", "‘"})
_UNIT = frozenset("year years old month months day days week weeks hour hours minute minutes mile miles foot feet "
                  "metre metres meter meters kilometre kilometres kilometer kilometers km yard yards point points "
                  "pound pounds inch inches magnitude strength caliber calibre member acre acres storey story".split())  # fmt: skip


@dataclass(frozen=True, slots=True)
class Detokenized:
    """ECB+ text joined back into ordinary text, with each character's offset in the ECB+ text."""

    text: str
    origin: list[int]

    def ecb_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of this text as a span of the ECB+ text."""
        return self.origin[start], self.origin[max(start, end - 1)] + 1

    def position(self, ecb_offset: int) -> int:
        """The character of this text that an ECB+ offset falls on (or the next one)."""
        return min(bisect.bisect_left(self.origin, ecb_offset), len(self.text))


def detokenize(text: str) -> Detokenized:
    """Join ECB+ tokens (separated by single spaces) the way they were printed: "4 , 000" → "4,000", "$ 35" → "$35",
    "33 - year - old" → "33-year-old", "said ." → "said."; newlines stay."""
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append("\n")
            origin.append(start - 1)
        tokens = [(m.group(0), start + m.start()) for m in re.finditer(r"\S+", line)]
        words = [t for t, _ in tokens]
        for k, (token, offset) in enumerate(tokens):
            if k and not _glued(words, k):
                out.append(" ")
                origin.append(offset - 1)
            out.append(token)
            origin.extend(range(offset, offset + len(token)))
        start += len(line) + 1
    return Detokenized("".join(out), origin)


def _glued(words: list[str], k: int) -> bool:
    """Whether token ``k`` is printed against the token before it."""
    token, left = words[k], words[k - 1]
    before = words[k - 2] if k >= 2 else ""
    after = words[k + 1] if k + 1 < len(words) else ""
    if token in _GLUE_LEFT or left in _GLUE_RIGHT:
        return True
    if token[:1].isdigit() and left in {",", "."} and before[-1:].isdigit():
        return left == "." or re.match(r"\d{3}(?!\d)", token) is not None  # "4 , 000", "6 . 1"; not "7 , 2009"
    if token == "-":
        return _joins(left, after)
    if left == "-":
        return _joins(before, token)
    return False


def _joins(a: str, b: str) -> bool:
    """A hyphen between ``a`` and ``b`` belongs to a compound of a figure: "33-year-old", "7.5-magnitude"."""
    return a[-1:].isdigit() or b[:1].isdigit() or a.lower() in _UNIT or b.lower() in _UNIT


def figure_labels() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FIGURES.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    raise SystemExit("not ready")


if __name__ == "__main__":
    main()
