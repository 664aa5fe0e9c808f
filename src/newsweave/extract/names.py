"""Name normalisation shared by within-article and cross-article actor matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

STOP = frozenset({"of", "the", "for", "and", "in", "on", "at", "to", "a", "an", "de", "la", "le", "les", "du",
                  "des", "pour", "et", "d", "l", "en", "au", "aux"})  # fmt: skip
_TRANSLIT = (("tch", "t"), ("dj", "j"), ("ou", "u"), ("ph", "f"), ("kh", "k"), ("sh", "s"), ("ch", "s"))
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents; typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Matching form of a name: folded, without a leading article or a trailing possessive."""
    tokens = words(text)
    while tokens and tokens[0] in {"the", "a", "an"}:
        tokens = tokens[1:]
    if tokens and tokens[-1].endswith("'s"):
        tokens[-1] = tokens[-1][:-2]
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def translit(word: str) -> str:
    """Fold transliteration variants (Tchiani/Tiani, Abdourahamane/Abdurahmane)."""
    out = fold(word)
    for old, new in _TRANSLIT:
        out = out.replace(old, new)
    return out


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton used as a blocking key: first letter plus consonants, no doubles."""
    base = translit(word)
    if not base:
        return ""
    tail = re.sub(r"[aeiouy\W\d_]", "", base[1:])
    return re.sub(r"(.)\1+", r"\1", base[0] + tail)


def similar(a: str, b: str, *, threshold: float) -> bool:
    """Fuzzy equality of two name parts after transliteration."""
    return fuzz.ratio(translit(a), translit(b)) >= threshold


@lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """Upper-case initials of the content words ("Conseil national pour la sauvegarde de la patrie" → CNSP)."""
    return "".join(w[0] for w in words(name) if w not in STOP).upper()


@lru_cache(maxsize=65536)
def stems(name: str) -> frozenset[str]:
    """Five-letter prefixes of content words (Safeguard/Safeguarding → safeg)."""
    return frozenset(w[:5] for w in words(name) if w not in STOP and len(w) >= 3)


def stems_match(a: str, b: str) -> bool:
    """Two long names that share most content stems (three at least)."""
    sa, sb = stems(a), stems(b)
    shared = len(sa & sb)
    if shared < 3 or shared < 0.75 * min(len(sa), len(sb)):
        return False
    return not _distinct_words(sa - sb, sb - sa)


_REGIONS = frozenset(
    w[:5] for w in ("west", "western", "east", "eastern", "north", "northern", "south", "southern", "central", "middle")
)


def _distinct_words(only_a: frozenset[str], only_b: frozenset[str]) -> bool:
    """The names differ in the region they name (West/Central African States are two blocs)."""
    return bool(only_a & _REGIONS) and bool(only_b & _REGIONS)


def is_acronym(text: str) -> bool:
    """All-capital short names: ECOWAS, CNSP, U.N."""
    letters = re.sub(r"[.\s]", "", text)
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


_PAREN_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")
_WORD_SPAN = re.compile(r"[^\W\d_][\w'’-]*")


def acronym_long_forms(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, long form, acronym)`` for "long form (ACR)" where ACR is the long form's initials.

    Works in any case: "Conseil national pour la sauvegarde de la patrie (CNSP)".
    """
    found = []
    for match in _PAREN_ACRONYM.finditer(text):
        acronym, offset = match.group(1), max(0, match.start() - 200)
        before = list(_WORD_SPAN.finditer(text[offset : match.start()]))
        for k in range(len(acronym), min(len(before), len(acronym) + 8) + 1):
            start, end = offset + before[-k].start(), offset + before[-1].end()
            phrase = text[start:end]
            if phrase[0].upper() == acronym[0] and initials(phrase) == acronym:
                found.append((start, end, phrase, acronym))
                break
    return found


def actors_named(ref: str, actors: Iterable[tuple[str, str, str, Sequence[str]]]) -> list[str]:
    """Ids of the actors ``(id, name, kind, aliases)`` that ``ref`` names, in the order given (the store gives
    them most mentioned first). Every lookup of an actor by what a user typed is this function.

    An id names its actor; else the name or an alias (case and accents ignored) names one actor: the first
    such. Failing that, ``ref`` names every person whose name or a capitalised alias has all of its words
    ("Tinubu", "bola").
    """
    wanted, key = fold(ref), words(ref)
    rows = list(actors)
    if any(ref == actor_id for actor_id, *_ in rows):
        return [ref]
    for actor_id, name, _, aliases in rows:
        if wanted in {fold(n) for n in (name, *aliases)}:
            return [actor_id]
    if not key:
        return []
    return [
        actor_id
        for actor_id, name, kind, aliases in rows
        if kind == "person" and set(key) <= {w for n in (name, *aliases) if n[:1].isupper() for w in words(n)}
    ]


def whole_word_spans(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` occurs in ``text`` as a whole word (no letter, digit, ``_`` or ``-`` either side), left to
    right without overlaps: what ``(?<![\\w-])name(?![\\w-])`` finds, without compiling a pattern per name
    (which would also push the run's other patterns out of the ``re`` module's cache)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not _word_char(text, start - 1) and not _word_char(text, end):
            yield start, end
            start = text.find(name, end)
        else:
            start = text.find(name, start + 1)


def _word_char(text: str, i: int) -> bool:
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    return c.isalnum() or c in "_-"
