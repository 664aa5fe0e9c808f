"""Boilerplate one outlet repeats across its articles: footers, comment policies, newsletter and app plugs.

A line (a paragraph of the cleaned text) that recurs verbatim, up to case and
spacing, in ``MIN_ARTICLES`` or more of one outlet's articles is boilerplate: it
is dropped before NLP with the rule ``repeated``. An article counts only when it
is no near-copy of one of the outlet's earlier articles (more than half of their
lines in common, boilerplate aside): an update or a correction repeats its
story's body, which is not boilerplate. The counts live in the store
(``store_lines``); the decisions are made here, from plain values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from newsweave.model import Article, DroppedLine, OutletLines

MIN_ARTICLES = 5  # articles of one outlet a line must appear in to be boilerplate
NEAR_COPY = 0.5  # Jaccard similarity of two articles' lines (boilerplate aside) above which one copies the other
RULE = "repeated"


def line_key(line: str) -> str:
    """The key of a line: a hash of its words, case and spacing aside."""
    return hashlib.sha256(" ".join(line.casefold().split()).encode("utf-8")).hexdigest()[:16]


def lines_of(text: str) -> list[str]:
    """The lines of a cleaned text (one paragraph each)."""
    return [line for line in text.split("\n\n") if line.strip()]


@dataclass(frozen=True, slots=True)
class Lines:
    """An article's lines before the ``repeated`` rule: what it printed, and what was already dropped as repeated."""

    texts: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, article: Article) -> Lines:
        texts = (*lines_of(article.text), *(d.text for d in article.dropped if d.rule == RULE))
        return cls(texts, tuple(line_key(t) for t in texts))


def near_copy(own: int, overlaps: Iterable[tuple[int, int]]) -> bool:
    """Whether an article with ``own`` lines (boilerplate aside) copies an earlier one of its outlet, given for each
    earlier article that shares lines with it how many it shares and how many it prints (boilerplate aside)."""
    return any(shared / max(1, own + total - shared) > NEAR_COPY for shared, total in overlaps)


def screen(
    outlet: str, lines: Lines, seen: Mapping[str, int], overlaps: Iterable[tuple[int, int]], *,
    threshold: int = MIN_ARTICLES,
) -> OutletLines:  # fmt: skip
    """What an outlet's memory says of a new article's ``lines``, given how many earlier articles of the outlet
    (that count) print each and its overlaps with them (see :func:`near_copy`): its keys, whether it counts, and the
    keys that are boilerplate once it is added."""
    keys = frozenset(lines.keys)
    known = repeated(keys, seen, threshold=threshold)
    counted = not near_copy(len(keys - known), overlaps)
    return OutletLines(outlet, keys, counted, repeated(keys, seen, plus=int(counted), threshold=threshold))


def repeated(
    keys: frozenset[str], counts: Mapping[str, int], *, plus: int = 0, threshold: int = MIN_ARTICLES
) -> frozenset[str]:
    """The keys printed in ``threshold`` or more articles (``plus`` the one being added)."""
    return frozenset(k for k in keys if counts.get(k, 0) + plus >= threshold)


def drop(article: Article, keys: frozenset[str]) -> Article:
    """The article without its lines whose keys are ``keys`` (each recorded as dropped with the rule ``repeated``);
    its id does not change."""
    lines = lines_of(article.text)
    gone = [line for line in lines if line_key(line) in keys]
    if not gone:
        return article
    kept = [line for line in lines if line_key(line) not in keys]
    dropped = tuple(DroppedLine(0, line, RULE) for line in gone)
    return replace(article, text="\n\n".join(kept), dropped=(*article.dropped, *dropped))


def pending_overlaps(pending: Sequence[OutletLines], outlet: str, own: frozenset[str]) -> list[tuple[int, int]]:
    """The overlaps of an article's ``own`` lines with those of the articles of its outlet not yet stored."""
    return [(len(own & p.keys), len(p.keys - p.dropped)) for p in pending if p.outlet == outlet and own & p.keys]


def pending_counts(pending: Sequence[OutletLines], outlet: str) -> dict[str, int]:
    """How many of the articles not yet stored, of one outlet and that count, hold each key."""
    counts: dict[str, int] = {}
    for lines in pending:
        if lines.outlet == outlet and lines.counted:
            for key in lines.keys:
                counts[key] = counts.get(key, 0) + 1
    return counts
