"""ECB+ (../shared/bench/ecbplus, CC BY 3.0): documents, gold event mentions and their coreference chains.

The one reader every ECB+ bench shares. A document's text is its tokens joined
by spaces per sentence and its sentences by newlines, with a map from character
offsets back to token ids. Only topics 1–35 are read; the development topics
(2 5 12 18 21 23 34 35) are only scored, the others may be trained or tuned on.
Gold event mentions are the ``ACTION_*`` and ``NEG_ACTION_*`` markables inside
the fully annotated sentences (``ECBplus_coreference_sentences.csv``). A mention's
chain is its ``CROSS_DOC_COREF`` instance, else its document's ``INTRA_DOC_COREF``
chain, else itself (a singleton).
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "bench" / "ecbplus"
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TOPICS = range(1, 36)

_TOKEN = re.compile(r'<token t_id="(\d+)" sentence="(\d+)" number="\d+"\s*>(.*?)</token>', re.S)
_MARKABLE = re.compile(r"<(\w+) m_id=\"(\d+)\"\s*>(.*?)</\1>", re.S)
_ANCHOR = re.compile(r'<token_anchor t_id="(\d+)"\s*/>')
_RELATION = re.compile(r"<(CROSS_DOC_COREF|INTRA_DOC_COREF) r_id=\"(\d+)\"(?: note=\"([^\"]*)\")?\s*>(.*?)</\1>", re.S)
_SOURCE = re.compile(r'<source m_id="(\d+)"\s*/>')
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True, slots=True)
class Markable:
    """One annotated mention: its tag (ACTION_OCCURRENCE, HUMAN_PART_PER, TIME_DATE, ...), tokens and offsets."""

    doc: str
    m_id: str
    tag: str
    t_ids: tuple[int, ...]
    sentence: int
    start: int
    end: int
    text: str
    chain: str

    @property
    def is_event(self) -> bool:
        return self.tag.startswith(("ACTION_", "NEG_ACTION_"))


@dataclass(slots=True)
class EcbDoc:
    """One ECB+ document as newsweave reads it."""

    name: str  # "1_10ecbplus"
    topic: int
    subtopic: str  # "1_ecb" or "1_ecbplus": one real seminal event each
    text: str
    token_spans: dict[int, tuple[int, int]]  # t_id → (start, end) in ``text``
    token_sentence: dict[int, int]
    sentence_spans: dict[int, tuple[int, int]]
    annotated: frozenset[int]  # sentence numbers fully annotated
    markables: list[Markable] = field(default_factory=list)

    @property
    def events(self) -> list[Markable]:
        """Gold event mentions inside the fully annotated sentences."""
        return [m for m in self.markables if m.is_event and m.sentence in self.annotated]

    def tokens_at(self, start: int, end: int) -> set[int]:
        """The token ids a character range overlaps."""
        return {t for t, (a, b) in self.token_spans.items() if a < end and start < b}


def _unescape(text: str) -> str:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


@cache
def annotated_sentences() -> dict[str, frozenset[int]]:
    """Document name → the sentence numbers annotated in full."""
    found: dict[str, set[int]] = defaultdict(set)
    with (ECB / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_doc(path: Path) -> EcbDoc:
    raw = path.read_text(encoding="utf-8")
    name = path.name.removesuffix(".xml")
    topic = int(name.split("_")[0])
    tokens = [(int(t), int(s), _unescape(w)) for t, s, w in _TOKEN.findall(raw)]
    spans: dict[int, tuple[int, int]] = {}
    sentence_of: dict[int, int] = {}
    sentence_spans: dict[int, tuple[int, int]] = {}
    parts: list[str] = []
    offset, current = 0, None
    for t_id, sentence, word in tokens:
        if current is not None and sentence != current:
            parts.append("\n")
            offset += 1
        elif current is not None:
            parts.append(" ")
            offset += 1
        if sentence != current:
            sentence_spans[sentence] = (offset, offset)
        current = sentence
        spans[t_id] = (offset, offset + len(word))
        sentence_of[t_id] = sentence
        parts.append(word)
        offset += len(word)
        sentence_spans[sentence] = (sentence_spans[sentence][0], offset)
    text = "".join(parts)
    subtopic = f"{topic}_{'ecbplus' if name.endswith('ecbplus') else 'ecb'}"
    doc = EcbDoc(name, topic, subtopic, text, spans, sentence_of, sentence_spans,
                 annotated_sentences().get(name, frozenset()))  # fmt: skip
    doc.markables = _markables(raw, doc)
    return doc


def _markables(raw: str, doc: EcbDoc) -> list[Markable]:
    body = raw.split("<Markables>", 1)[-1].split("</Markables>", 1)[0]
    chains = _chains(raw, doc.name)
    out = []
    for tag, m_id, inner in _MARKABLE.findall(body):
        t_ids = tuple(sorted(int(t) for t in _ANCHOR.findall(inner) if int(t) in doc.token_spans))
        if not t_ids:
            continue
        start, end = doc.token_spans[t_ids[0]][0], doc.token_spans[t_ids[-1]][1]
        chain = chains.get(m_id, f"{doc.name}:{m_id}")
        out.append(Markable(doc.name, m_id, tag, t_ids, doc.token_sentence[t_ids[0]], start, end,
                            " ".join(doc.text[slice(*doc.token_spans[t])] for t in t_ids), chain))  # fmt: skip
    return out


def _chains(raw: str, name: str) -> dict[str, str]:
    """m_id → chain id: the cross-document instance, else the document's own chain."""
    chains: dict[str, str] = {}
    for kind, r_id, note, inner in _RELATION.findall(raw):
        chain = note if kind == "CROSS_DOC_COREF" and note else f"{name}:r{r_id}"
        for m_id in _SOURCE.findall(inner):
            if kind == "CROSS_DOC_COREF" or m_id not in chains:
                chains[m_id] = chain
    return chains


def topic_dirs(*, dev: bool | None = None) -> list[int]:
    """Topics present on disk; ``dev=True`` the scored ones, ``False`` the training ones, ``None`` all."""
    present = [t for t in TOPICS if (ECB / "topics" / str(t)).is_dir()]
    if dev is None:
        return present
    return [t for t in present if (t in DEV_TOPICS) == dev]


def docs(topics: list[int]) -> Iterator[EcbDoc]:
    """Every document of the given topics, in a fixed order (topic, then file name)."""
    for topic in sorted(topics):
        for path in sorted((ECB / "topics" / str(topic)).glob("*.xml")):
            yield read_doc(path)


def available() -> bool:
    return (ECB / "topics").is_dir()
