"""Syndication and near-duplicates: which articles are copies of which, and what kind of copy.

Candidates come from MinHash LSH over word 5-gram shingles of the cleaned text
(``datasketch`` signatures, banded into keys the store indexes), so a new article
is compared only with the few stored articles that share a band — never with the
whole corpus. Each candidate pair is then aligned sentence by sentence
(``rapidfuzz``) and labelled:

- ``verbatim``: the same text (boilerplate aside);
- ``edited``: the same wire copy trimmed, retitled or lightly reworded;
- ``paraphrase``: the same report rewritten — new sentences, but the later article
  credits the other's outlet by name and repeats one of its direct quotes.

A copy names its original (``copy_of``): the earliest article, then the outlet the
others credit (the wire), then the longest text. Copies keep their own outlet in
outputs but count once as a source.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz, process

Kind = Literal["verbatim", "edited", "paraphrase", "unrelated"]
COPY_KINDS: tuple[Kind, ...] = ("verbatim", "edited", "paraphrase")

PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: pairs above ~0.42 Jaccard share a band with high probability
SHINGLE = 5
VERBATIM_JACCARD = 0.9
EDITED_CONTAINMENT = 0.6
EDITED_ALIGNMENT = 0.6
SENTENCE_MATCH = 90.0
PARAPHRASE_OVERLAP = 0.3
PARAPHRASE_DAYS = 2
QUOTE_MATCH = 90.0
QUOTE_WORDS = 5

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "on",
        "for",
        "with",
        "that",
        "said",
        "was",
        "is",
        "were",
        "be",
        "by",
        "as",
        "at",
        "it",
        "its",
        "from",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "his",
        "their",
        "this",
        "which",
        "who",
        "but",
        "not",
        "after",
        "will",
        "would",
        "been",
        "also",
        "more",
        "than",
        "over",
    ]
)
_SEED = MinHash(num_perm=PERMUTATIONS, seed=7)
_PERMS, _SCHEME = _SEED.permutations, _SEED.scheme


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


@dataclass(slots=True)
class _Shape:
    shingles: set[str]
    words: set[str]
    sentences: list[str]
    quotes: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text's word 5-grams."""
    minhash = MinHash(num_perm=PERMUTATIONS, seed=7, permutations=_PERMS, scheme=_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band: articles sharing a key are near-duplicate candidates."""
    rows = PERMUTATIONS // BANDS
    keys = []
    for band in range(BANDS):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def _shape(doc: Doc) -> _Shape:
    content = {w for w in words(doc.text) if w not in _STOP and len(w) > 2}
    sentences = [s for s in _SENTENCE.split(doc.text) if len(s) > 30]
    quotes = [q for q in doc.quotes if len(q.split()) >= QUOTE_WORDS]
    return _Shape(shingles(doc.text), content, sentences, quotes)


def _alignment(a: list[str], b: list[str]) -> float:
    """Share of ``a``'s sentences that have a near-identical sentence in ``b``."""
    if not a or not b:
        return 0.0
    hits = sum(process.extractOne(s, b, scorer=fuzz.ratio, score_cutoff=SENTENCE_MATCH) is not None for s in a)
    return hits / len(a)


def _cached_shape(doc: Doc, cache: dict[str, _Shape]) -> _Shape:
    shape = cache.get(doc.article_id)
    if shape is None:
        shape = cache[doc.article_id] = _shape(doc)
    return shape


def label(a: Doc, b: Doc, *, shapes: dict[str, _Shape] | None = None) -> tuple[Kind, float]:
    """What kind of copy one article is of the other (symmetric) and how similar they are."""
    cache = shapes if shapes is not None else {}
    sa, sb = _cached_shape(a, cache), _cached_shape(b, cache)
    common = len(sa.shingles & sb.shingles)
    jaccard = common / (len(sa.shingles | sb.shingles) or 1)
    if jaccard >= VERBATIM_JACCARD:
        return "verbatim", round(jaccard, 3)
    containment = common / (min(len(sa.shingles), len(sb.shingles)) or 1)
    short, long_ = (sa, sb) if len(sa.sentences) <= len(sb.sentences) else (sb, sa)
    if containment >= EDITED_CONTAINMENT or _alignment(short.sentences, long_.sentences) >= EDITED_ALIGNMENT:
        return "edited", round(containment, 3)
    overlap = len(sa.words & sb.words) / (len(sa.words | sb.words) or 1)
    if overlap >= PARAPHRASE_OVERLAP and _credits(a, b) and _share_quote(sa, sb):
        return "paraphrase", round(overlap, 3)
    return "unrelated", round(jaccard, 3)


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

    A copy's kind is the closest link it has to any member of its cluster
    (verbatim over edited over paraphrase), its similarity that link's.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        parent[find(pair.copy)] = find(pair.original)
    clusters: dict[str, list[Doc]] = {}
    for article_id in list(parent):
        clusters.setdefault(find(article_id), []).append(docs[article_id])
    links: dict[str, list[Pair]] = {}
    for pair in pairs:
        links.setdefault(pair.copy, []).append(pair)
        links.setdefault(pair.original, []).append(pair)
    result = []
    for members in clusters.values():
        original = min(members, key=lambda d: _originality(d, members))
        for doc in members:
            if doc is not original:
                best = min(links[doc.article_id], key=lambda p: (COPY_KINDS.index(p.kind), -p.similarity))
                result.append(Syndication(doc.article_id, original.article_id, best.kind, best.similarity))
    return sorted(result, key=lambda s: (s.copy_of, s.article_id))
