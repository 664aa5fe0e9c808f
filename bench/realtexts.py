"""Distinct real news texts for the speed and memory benches: the English pages of the Article Extraction
Benchmark (HTML, as published) and the ECB+ documents (``bench/ecb.py``), never a few texts repeated.

``articles()`` gives one JSON Lines record per text newsweave accepts (non-English pages and pages with
no body are left out, so every record is ingested), mixed in a fixed pseudo-random order; ``long_articles()``
joins their cleaned texts into articles of at least 8 KB each: ECB+ documents per sub-topic (one real event
reported by several outlets), AEB pages in order.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from bench import aeb, ecb
from newsweave.article import build
from newsweave.errors import NewsweaveError
from newsweave.model import RawInput

LONG_CHARS = 8_000
Record = dict[str, str]


def available() -> bool:
    return aeb.AEB.is_dir() and ecb.available()


def _aeb() -> Iterator[tuple[Record, str]]:
    truth = json.loads((aeb.AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, html, _ in aeb.pages():
        url = truth[page_id].get("url") or f"https://aeb.example/{page_id}"
        yield {"html": html, "url": url}, "html"


def _ecb() -> Iterator[tuple[Record, str]]:
    for doc in ecb.docs(ecb.topic_dirs()):
        yield {"text": doc.text, "url": f"https://ecbplus.example/{doc.name}", "group": doc.subtopic}, "text"


def raw_input(record: Record) -> RawInput:
    """The record as the JSON Lines source reads it."""
    kind = "html" if "html" in record else "text"
    return RawInput(record["url"], kind, record[kind], "", {"url": record["url"]})


def _accepted(record: Record, kind: str) -> str | None:
    """The cleaned text newsweave makes of the record, or None when it refuses it."""
    try:
        return build(raw_input(record)).text
    except NewsweaveError:
        return None


@cache
def _all() -> tuple[tuple[Record, str], ...]:
    """Every accepted record with its cleaned text, AEB first, then ECB+."""
    kept = []
    for record, kind in [*_aeb(), *_ecb()]:
        text = _accepted(record, kind)
        if text is not None:
            kept.append((record, text))
    return tuple(kept)


def _mixed() -> list[tuple[Record, str]]:
    mixed = list(_all())
    random.Random(19).shuffle(mixed)
    return mixed


def articles(count: int | None = None) -> list[Record]:
    """Up to ``count`` distinct accepted articles (all of them by default), AEB and ECB+ mixed."""
    return [{k: v for k, v in record.items() if k != "group"} for record, _ in _mixed()[:count]]


def cleaned(count: int | None = None) -> list[str]:
    """The texts newsweave stores for ``articles(count)``, in the same order."""
    return [text for _, text in _mixed()[:count]]


def long_articles(count: int | None = None, *, min_chars: int = LONG_CHARS) -> list[Record]:
    """Articles of at least ``min_chars`` characters, each joining distinct cleaned texts."""
    groups: dict[str, list[str]] = {}
    for record, text in _all():
        groups.setdefault(record.get("group", "aeb"), []).append(text)
    joined = [text for group, texts in sorted(groups.items()) for text in _join(texts, min_chars)]
    random.Random(19).shuffle(joined)
    return [{"text": text, "url": f"https://long.example/{i}"} for i, text in enumerate(joined[:count])]


def _join(texts: Iterable[str], min_chars: int) -> Iterator[str]:
    parts: list[str] = []
    for text in texts:
        parts.append(text)
        if sum(map(len, parts)) >= min_chars:
            yield "\n\n".join(parts)
            parts = []


def write(path: Path, records: list[Record]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


def summary(texts: list[str]) -> str:
    """``"500 articles, 4.1 KB of text each on average"`` for cleaned texts."""
    return f"{len(texts)} articles, {sum(map(len, texts)) / max(1, len(texts)) / 1024:.1f} KB of text each on average"
