"""Boilerplate one outlet repeats across its articles: footers, comment policies, newsletter and app plugs.

A line (a paragraph of the cleaned text) that recurs verbatim, up to case and
spacing, in ``MIN_ARTICLES`` of the last ``WINDOW`` articles of one outlet is
boilerplate from then on: it is dropped before NLP with the rule ``repeated``.
An article counts only when it is no near-copy of one of those articles (more
than half of their lines in common, boilerplate aside): an update or a
correction repeats its story's body, which is not boilerplate. What an outlet
printed is kept in the store (``store_lines``); the decisions are made here, on
plain values, in the order articles arrive.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from newsweave.model import Article, DroppedLine, OutletLines

MIN_ARTICLES = 5  # articles of one outlet (among its last WINDOW) a line must appear in to be boilerplate
WINDOW = 100  # an outlet's latest articles that a new one is compared with
NEAR_COPY = 0.5  # Jaccard similarity of two articles' lines (boilerplate aside) above which one copies the other
RULE = "repeated"


def line_key(line: str) -> int:
    """The key of a line: a 64-bit hash of its words, case and spacing aside."""
    digest = hashlib.sha256(" ".join(line.casefold().split()).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lines_of(text: str) -> list[str]:
    """The lines of a cleaned text (one paragraph each)."""
    return [line for line in text.split("\n\n") if line.strip()]


def keys_of(article: Article) -> frozenset[int]:
    """The keys of an article's lines before the ``repeated`` rule: those it prints and those it lost to it."""
    lost = (d.text for d in article.dropped if d.rule == RULE)
    return frozenset(line_key(text) for text in (*lines_of(article.text), *lost))


def near_copy(own: int, overlaps: Iterable[tuple[int, int]]) -> bool:
    """Whether an article with ``own`` lines (boilerplate aside) copies an earlier one, given for each earlier
    article that shares lines with it how many it shares and how many it prints (boilerplate aside)."""
    return any(shared / max(1, own + total - shared) > NEAR_COPY for shared, total in overlaps)


def drop(article: Article, keys: frozenset[int]) -> Article:
    """The article without its lines whose keys are ``keys`` (each recorded as dropped with the rule ``repeated``);
    its id does not change."""
    lines = lines_of(article.text)
    gone = [line for line in lines if line_key(line) in keys]
    if not gone:
        return article
    kept = [line for line in lines if line_key(line) not in keys]
    dropped = tuple(DroppedLine(0, line, RULE) for line in gone)
    return replace(article, text="\n\n".join(kept), dropped=(*article.dropped, *dropped))


@dataclass
class OutletWindow:
    """What one outlet printed lately: its last ``size`` articles' keys (and whether each counts) and the keys
    known to be its boilerplate."""

    outlet: str
    boilerplate: set[int] = field(default_factory=set)
    threshold: int = MIN_ARTICLES
    size: int = WINDOW
    recent: deque[tuple[frozenset[int], bool]] = field(default_factory=deque)
    counts: Counter[int] = field(default_factory=Counter)  # over the recent articles that count

    def screen(self, keys: frozenset[int]) -> OutletLines:
        """Decide for a new article with these line keys, then remember it: whether it counts, and which of its
        keys are boilerplate (known, or made so by it)."""
        own = keys - self.boilerplate
        overlaps = [(len(own & past), len(past - self.boilerplate)) for past, _ in self.recent if own & past]
        counted = not near_copy(len(own), overlaps)
        made = {k for k in own if self.counts[k] + counted >= self.threshold}
        self.boilerplate |= made
        self.push(keys, counted)
        boilerplate = frozenset(keys & self.boilerplate)
        return OutletLines(self.outlet, keys, counted, boilerplate, boilerplate)

    def push(self, keys: frozenset[int], counted: bool) -> None:
        """Remember an article's keys (the oldest is forgotten past ``size``)."""
        self.recent.append((keys, counted))
        if counted:
            self.counts.update(keys)
        if len(self.recent) > self.size:
            old, was_counted = self.recent.popleft()
            if was_counted:
                self.counts.subtract(old)
                for key in old:
                    if self.counts[key] <= 0:
                        del self.counts[key]
