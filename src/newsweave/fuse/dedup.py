"""Copies: which articles reproduce or rewrite which, and what kind of copy.

Candidates come from an index of sampled word 5-grams: every shingle of a text
whose hash falls in one bucket of ``KEY_SAMPLE`` is an index key (winnowing by
hash, as plagiarism detectors do), so two articles sharing a few sentences,
even a short passage, share keys with high probability, and a new article is
compared only with the stored articles that share one. Shingles made mostly
of function words are not keys. Each candidate pair is then aligned sentence
by sentence and labelled:

- ``verbatim``: the same sentences both ways (headline and time-stamp lines aside);
- ``edited``: a substantial share of the shorter text's sentences kept near word
  for word (``rapidfuzz``): a new lede, cut or added paragraphs, a few reworded
  lines. Sentences inside quotation marks count only beside kept sentences of
  the article's own: two reports quoting one official or one release share
  quotations, not copy;
- ``paraphrase``: the same report rewritten: the sentences of the shorter text
  have counterparts stating the same facts (content words, figures) in the
  same order, in new words (a small logistic model fit on labelled pairs of
  the ECB+ training topics weighs how much is retold); or a rewrite that
  credits the other's outlet and repeats one of its quotes.

A copy names its original (``copy_of``): the earliest article, then the outlet the
others credit (the wire), then the longest text. Copies keep their own outlet in
outputs but count once as a source.
"""

from __future__ import annotations

import math
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

Kind = Literal["verbatim", "edited", "paraphrase", "unrelated"]
COPY_KINDS: tuple[Kind, ...] = ("verbatim", "edited", "paraphrase")

SHINGLE = 5
KEY_SAMPLE = 4  # one shingle in four (by hash) is an index key
KEY_MAX_STOP = 3  # a shingle with more function words than this is no key
MIN_WORDS = 5  # shorter lines (datelines, bylines, section labels) are not compared
NEAR = 80.0  # rapidfuzz ratio of two sentences kept near word for word
VERBATIM_SHARE = 0.9  # both texts: share of sentences kept
# Shorter text: share of sentences kept, beside at least one of its own (best pair F1 on the ECB+ training topics).
EDITED_SHARE = 0.30
# A rewrite: a logistic model over how much of the shorter text the longer one states again, fit on the pairs
# labelled on the ECB+ training topics (bench/copies.py, docs/copies.md). Features, in order: share of the shorter
# text's sentences with a counterpart (content-word Jaccard >= 0.2, 0.3, 0.4) and the share of those counterparts
# in the same order, for each level; share of the shorter text's content words found in the longer, and the
# reverse; log sentence counts of both; share of the shorter text's figures found in the other; share of its
# sentences quoted.
REWRITE_LEVELS = (0.2, 0.3, 0.4)
REWRITE_WEIGHTS = (5.232, -0.255, 2.942, 0.693, -4.096, 1.326, 4.78, 2.824, 0.264, 0.444, 1.345, -4.615)
REWRITE_BIAS = -12.152
REWRITE = 0.6  # probability from which a pair is a rewrite
PARAPHRASE_OVERLAP = 0.3
PARAPHRASE_DAYS = 2
# An edited or rewritten copy is republished within days; an outlet's follow-up weeks later reuses background.
COPY_DAYS = 7
QUOTE_MATCH = 90.0
QUOTE_WORDS = 5

_WORD = re.compile(r"\w+")
_MULTIPLIERS = tuple(np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                            0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD))  # fmt: skip
_FINAL = np.uint64(0xC4CEB9FE1A85EC53)
_SPLIT = re.compile(r"(?<=[a-z]{2}[.!?])\s+(?=[\"“A-Z])|(?<=[a-z][.!?][\"”])\s+(?=[A-Z])")
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")
_LINK = re.compile(r"https?\s*:|www\s*\.")
_STOP_WORDS = (
    "the a an of to in and on for with that said says was is were be by as at it its from has have had he she they "
    "his their this which who but not after will would been also more than over i you we our her him them or are if "
    "so no up out about into when what there can could one two s"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Doc:
    """What dedup needs to know about one article."""

    article_id: str
    seq: int
    outlet: str | None
    published: date | None
    text: str
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pair:
    """A labelled pair: ``copy`` is a ``kind`` of copy of ``original``."""

    copy: str
    original: str
    kind: Kind
    similarity: float


@dataclass(frozen=True, slots=True)
class Syndication:
    """One article that is a copy: of which original, what kind, how similar."""

    article_id: str
    copy_of: str
    kind: Kind
    similarity: float


@dataclass(frozen=True, slots=True)
class Sentence:
    """One compared sentence: its words joined, whether it is mostly quoted, its content words."""

    text: str
    quoted: bool
    content: frozenset[str]


@dataclass(slots=True)
class _Shape:
    sentences: list[Sentence]
    words: set[str]
    quotes: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def signature(text: str) -> np.ndarray:
    """What indexes a text: the 63-bit hashes of its sampled word 5-grams (see the module note).

    Each word is hashed once (CRC-32) and a 5-gram's hash mixes its words' hashes with one odd multiplier per
    position (wrapping 64-bit arithmetic, vectorised), so the keys are stable across processes and cheap.
    """
    tokens, lines = [], []
    for number, line in enumerate(text.splitlines()):
        found = words(line)
        tokens += found
        lines += [number] * len(found)
    if len(tokens) < SHINGLE:
        return np.zeros(0, dtype=np.int64)
    ids = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens))
    stop = np.fromiter((t in _STOP for t in tokens), dtype=np.int64, count=len(tokens))
    at = np.asarray(lines)
    n = len(tokens) - SHINGLE + 1
    mixed = np.zeros(n, dtype=np.uint64)
    for position, multiplier in enumerate(_MULTIPLIERS):
        mixed += ids[position : position + n] * multiplier
    mixed ^= mixed >> np.uint64(29)
    mixed *= _FINAL
    mixed ^= mixed >> np.uint64(32)
    stops = sum(stop[position : position + n] for position in range(SHINGLE))
    keep = (at[:n] == at[SHINGLE - 1 :]) & (stops <= KEY_MAX_STOP) & (mixed % np.uint64(KEY_SAMPLE) == 0)
    return np.unique((mixed[keep] >> np.uint64(1)).astype(np.int64))


def band_keys(sig: np.ndarray) -> list[int]:
    """The index keys of a signature: articles sharing a key are copy candidates."""
    return [int(key) for key in sig]


def sentences(text: str) -> list[Sentence]:
    """The comparable sentences of a text, each marked as quoted when most of its words are inside quotation marks.

    A quotation opened at the start of a sentence and left open goes on into the next sentences (a quote of
    several sentences) until a mark closes it or a line opens a new one; a mark left open later in a sentence
    (a stray or mismatched mark, as in a headline) stops at the end of it.
    """
    found = []
    quoting = False
    for line in text.splitlines():
        if _LINK.search(line):
            continue
        if _QUOTE_MARK.match(line.lstrip()):
            quoting = False
        for part in _SPLIT.split(line):
            tokens = words(part)
            quoted, quoting = _quoted_share(part, quoting)
            if len(tokens) >= MIN_WORDS:
                content = frozenset(w for w in tokens if w not in _STOP and len(w) > 2)
                found.append(Sentence(" ".join(tokens), quoted >= 0.5, content))
    return found


def _quoted_share(part: str, quoting: bool) -> tuple[float, bool]:
    """Share of a sentence's words inside quotation marks, and whether a quotation runs on after it.

    Marks are counted as toggles: typeset quotes are often turned the wrong way.
    """
    inside = total = 0
    position = 0
    opened_at = 0 if quoting else -1
    for mark in _QUOTE_MARK.finditer(part):
        count = len(_WORD.findall(part[position : mark.start()]))
        inside, total = inside + (count if quoting else 0), total + count
        quoting, position = not quoting, mark.end()
        opened_at = total if quoting else -1
    count = len(_WORD.findall(part[position:]))
    inside, total = inside + (count if quoting else 0), total + count
    return inside / (total or 1), quoting and 0 <= opened_at <= 2


def _shape(doc: Doc) -> _Shape:
    found = sentences(doc.text)
    content = {w for s in found for w in s.content}
    quotes = [q for q in doc.quotes if len(q.split()) >= QUOTE_WORDS]
    return _Shape(found, content, quotes)


def _cached_shape(doc: Doc, cache: dict[str, _Shape]) -> _Shape:
    shape = cache.get(doc.article_id)
    if shape is None:
        shape = cache[doc.article_id] = _shape(doc)
    return shape


def kept(short: Sequence[Sentence], long_: Sequence[Sentence]) -> list[bool]:
    """For each sentence of ``short``, whether ``long_`` has it near word for word."""
    if not long_:
        return [False] * len(short)
    texts = [s.text for s in long_]
    return [process.extractOne(s.text, texts, scorer=fuzz.ratio, score_cutoff=NEAR) is not None for s in short]


def kept_share(short: Sequence[Sentence], long_: Sequence[Sentence]) -> float:
    """Share of ``short``'s sentences kept in ``long_``. A quoted sentence counts only next to a kept sentence of
    the article's own (a passage kept with its quotes), and nothing counts without one of the article's own."""
    found = kept(short, long_)
    own = [k and not s.quoted for k, s in zip(found, short, strict=True)]
    if not any(own):
        return 0.0
    counted = sum(own[i] or (found[i] and any(own[j] for j in (i - 1, i + 1) if 0 <= j < len(own)))
                  for i in range(len(short)))  # fmt: skip
    return counted / len(short)


def retold(short: Sequence[Sentence], long_: Sequence[Sentence], *, level: float) -> tuple[float, float]:
    """How much of ``short`` ``long_`` states again: the share of its sentences with a counterpart sharing at least
    ``level`` of their content words (Jaccard), and the share of those counterparts that come in the same order."""
    positions = []
    for sentence in short:
        best, where = 0.0, -1
        for i, other in enumerate(long_):
            overlap = len(sentence.content & other.content) / (len(sentence.content | other.content) or 1)
            if overlap > best:
                best, where = overlap, i
        if best >= level:
            positions.append(where)
    if not short or not positions:
        return 0.0, 0.0
    return len(positions) / len(short), _in_order(positions) / len(positions)


def rewrite_probability(short: Sequence[Sentence], long_: Sequence[Sentence]) -> float:
    """How likely ``short`` is ``long_`` rewritten (see ``REWRITE_WEIGHTS``)."""
    features = [value for level in REWRITE_LEVELS for value in retold(short, long_, level=level)]
    mine, theirs = set().union(*(s.content for s in short)), set().union(*(s.content for s in long_))
    shared = len(mine & theirs)
    features += [shared / (len(mine) or 1), shared / (len(theirs) or 1), math.log(len(short)), math.log(len(long_))]
    figures, others = _figures(short), _figures(long_)
    features += [len(figures & others) / len(figures) if figures else 0.5, sum(s.quoted for s in short) / len(short)]
    z = REWRITE_BIAS + sum(w * x for w, x in zip(REWRITE_WEIGHTS, features, strict=True))
    return 1 / (1 + math.exp(-z))


def _figures(found: Sequence[Sentence]) -> set[str]:
    return {w for s in found for w in s.text.split() if any(c.isdigit() for c in w)}


def _in_order(positions: Sequence[int]) -> int:
    """Length of the longest increasing run of positions (not necessarily contiguous)."""
    tails: list[int] = []
    for position in positions:
        k = bisect_left(tails, position)
        tails[k : k + 1] = [position]
    return len(tails)


def label(a: Doc, b: Doc, *, shapes: dict[str, _Shape] | None = None) -> tuple[Kind, float]:
    """What kind of copy one article is of the other (symmetric) and how similar they are."""
    cache = shapes if shapes is not None else {}
    sa, sb = _cached_shape(a, cache), _cached_shape(b, cache)
    short, long_ = (sa, sb) if len(sa.sentences) <= len(sb.sentences) else (sb, sa)
    if not short.sentences:
        return "unrelated", 0.0
    share = kept_share(short.sentences, long_.sentences)
    whole = len(short.sentences) >= VERBATIM_SHARE * len(long_.sentences)
    if whole and share >= VERBATIM_SHARE and kept_share(long_.sentences, short.sentences) >= VERBATIM_SHARE:
        return "verbatim", round(share, 3)
    if not within_days(a.published, b.published, COPY_DAYS):
        return "unrelated", round(share, 3)
    if share >= EDITED_SHARE:
        return "edited", round(share, 3)
    if not long_.sentences:
        return "unrelated", 0.0
    rewritten = rewrite_probability(short.sentences, long_.sentences)
    if rewritten >= REWRITE:
        return "paraphrase", round(rewritten, 3)
    overlap = len(sa.words & sb.words) / (len(sa.words | sb.words) or 1)
    if overlap >= PARAPHRASE_OVERLAP and _credits(a, b) and _share_quote(sa, sb):
        return "paraphrase", round(overlap, 3)
    return "unrelated", round(share, 3)


def _credits(a: Doc, b: Doc) -> bool:
    """One of the two names the other's outlet (a rewrite credits its source)."""
    if not a.outlet or not b.outlet or a.outlet == b.outlet:
        return False
    return a.outlet in b.text or b.outlet in a.text


def _share_quote(a: _Shape, b: _Shape) -> bool:
    return any(fuzz.partial_ratio(x, y) >= QUOTE_MATCH for x in a.quotes for y in b.quotes)


def paraphrase_candidates(new: Sequence[Doc], by_outlet: Mapping[str, Sequence[Doc]]) -> Iterable[tuple[Doc, Doc]]:
    """Pairs worth testing for paraphrase: an article and the articles of an outlet it names, days apart at most."""
    names = [name for name in by_outlet if name]
    if not names:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for doc in new:
        for name in {m.group(0) for m in pattern.finditer(doc.text)} - {doc.outlet}:
            for other in by_outlet[name]:
                if other.article_id != doc.article_id and within_days(doc.published, other.published, PARAPHRASE_DAYS):
                    yield doc, other


def within_days(a: date | None, b: date | None, days: int) -> bool:
    """Two dates at most ``days`` apart (an unknown date is near any other)."""
    return a is None or b is None or abs((a - b).days) <= days


def label_pairs(pairs: Iterable[tuple[Doc, Doc]]) -> list[Pair]:
    """Label candidate pairs; unrelated ones are dropped. Each pair is labelled once."""
    shapes: dict[str, _Shape] = {}
    seen: set[tuple[str, str]] = set()
    found = []
    for a, b in pairs:
        key = (min(a.article_id, b.article_id), max(a.article_id, b.article_id))
        if key in seen:
            continue
        seen.add(key)
        kind, similarity = label(a, b, shapes=shapes)
        if kind != "unrelated":
            first, second = sorted((a, b), key=lambda d: _originality(d, (a, b)))
            found.append(Pair(second.article_id, first.article_id, kind, similarity))
    return found


def _originality(doc: Doc, group: Sequence[Doc]) -> tuple[int, int, int, int]:
    """Sort key: the original is the earliest, then the outlet the others credit, the longest, the first in."""
    outlet = doc.outlet
    credited = sum(outlet in other.text for other in group if other is not doc) if outlet else 0
    day = doc.published.toordinal() if doc.published else 10**7
    return day, -credited, -len(doc.text), doc.seq


def syndications(docs: Mapping[str, Doc], pairs: Sequence[Pair]) -> list[Syndication]:
    """Group labelled pairs into copy clusters and point every copy at its cluster's original.

    Kept-text links (verbatim, edited) join their articles' clusters outright: copied text passes from copy to
    copy. A paraphrase link, weaker evidence, joins two clusters only when it touches either one's original or
    when paraphrase links join at least half the members of the smaller one: one rewrite of one copy does not
    pull an independent report into a wire story's cluster. The original is the earliest article, then the one
    the others credit, then the longest. A copy's kind is the closest link it has to any member of its cluster
    (verbatim over edited over paraphrase), its similarity that link's.
    """
    links: dict[str, dict[str, Pair]] = {}
    for pair in pairs:
        links.setdefault(pair.copy, {})[pair.original] = pair
        links.setdefault(pair.original, {})[pair.copy] = pair
    groups = _Groups(docs, list(links))
    for pair in pairs:
        if pair.kind != "paraphrase":
            groups.join(pair.copy, pair.original)
    for pair in sorted((p for p in pairs if p.kind == "paraphrase"), key=lambda p: -p.similarity):
        groups.join_rewrite(pair.copy, pair.original, links)
    result = []
    for members in groups.members().values():
        original = min(members, key=lambda d: _originality(d, members))
        for doc in members:
            if doc is not original:
                near = [links[doc.article_id][d.article_id] for d in members if d.article_id in links[doc.article_id]]
                best = min(near, key=lambda p: (COPY_KINDS.index(p.kind), -p.similarity))
                result.append(Syndication(doc.article_id, original.article_id, best.kind, best.similarity))
    return sorted(result, key=lambda s: (s.copy_of, s.article_id))


class _Groups:
    """Union-find over linked articles (each root keeps its members), with the rule for joining by rewrites."""

    def __init__(self, docs: Mapping[str, Doc], ids: Sequence[str]) -> None:
        self.docs = docs
        self.parent = {article_id: article_id for article_id in ids}
        self.held = {article_id: [article_id] for article_id in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.held[ra]) > len(self.held[rb]):
            ra, rb = rb, ra
        self.parent[ra] = rb
        self.held[rb] += self.held.pop(ra)

    def members(self) -> dict[str, list[Doc]]:
        return {root: [self.docs[x] for x in ids] for root, ids in self.held.items()}

    def join_rewrite(self, a: str, b: str, links: Mapping[str, Mapping[str, Pair]]) -> None:
        """Join the clusters of a paraphrase link when it touches an original or links half the smaller one."""
        side_a, side_b = self.held[self.find(a)], self.held[self.find(b)]
        if side_a is side_b:
            return
        if a == self._original(side_a) or b == self._original(side_b):
            self.join(a, b)
            return
        small, large = (side_a, set(side_b)) if len(side_a) <= len(side_b) else (side_b, set(side_a))
        rewriting = sum(any(o in large and p.kind == "paraphrase" for o, p in links[x].items()) for x in small)
        if 2 * rewriting >= len(small):
            self.join(a, b)

    def _original(self, ids: Sequence[str]) -> str:
        group = [self.docs[x] for x in ids]
        return min(group, key=lambda d: _originality(d, group)).article_id
