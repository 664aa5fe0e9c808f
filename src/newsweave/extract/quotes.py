"""Who says so: direct quotes ("…," said X; X said: "…"), their continuations, and indirect speech.

A quote's speaker is the subject of the nearest speech verb outside the quote in
its sentence (pronouns resolved to the nearest person), "according to X", or the
speaker of the quote just before it when a quote runs on alone. A letter or
statement as subject speaks for the actors who wrote it (the subject of the
last sentence that mentioned it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.arguments import ActorIndex, subject_of
from newsweave.extract.modality import SPEECH
from newsweave.model import ActorMention, DocActor, Quote, Span

_QUOTE_MARK = re.compile(r"[\"“”]")
CUES = SPEECH | frozenset({"read", "warn", "urge", "insist", "label", "describe", "call", "reply", "ask", "declare"})
PRONOUNS = frozenset({"he", "she", "they"})
DOCUMENTS = frozenset({"letter", "statement", "communique", "communiqué", "declaration", "decree", "note"})


def extract_quotes(
    doc: Doc, article_id: str, actors: Sequence[DocActor], mentions: Sequence[ActorMention]
) -> list[Quote]:
    """Direct quotes and indirect speech outside them, in text order."""
    index = ActorIndex(mentions, actors)
    spans = [(a, b) for a, b in quoted_spans(doc.text) if len(doc.text[a:b].split()) >= 2]
    indirect = _indirect(doc, article_id, index, spans)
    quotes: list[Quote] = []
    for start, end in spans:
        earlier = sorted([q for q in quotes + indirect if q.span.end <= start], key=lambda q: q.span.start)
        speakers, cue = _direct_speaker(doc, start, end, index, earlier)
        quotes.append(Quote(article_id, Span(article_id, start, end, doc.text[start:end]), tuple(speakers), cue, True))
    return sorted(quotes + indirect, key=lambda q: q.span.start)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, pairing straight and curly marks by context (they get mixed)."""
    spans = []
    opening: int | None = None
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(0), match.start()
        before = text[at - 1] if at else " "
        is_open = mark == "“" or (mark == '"' and (before.isspace() or before in "([—-"))
        if is_open:
            opening = at + 1
        elif opening is not None:
            spans.append((opening, at))
            opening = None
    return [(a, b) for a, b in spans if "\n\n" not in text[a:b]]


def _direct_speaker(
    doc: Doc, start: int, end: int, index: ActorIndex, previous: list[Quote]
) -> tuple[list[int], str | None]:
    sentences = _sentences_around(doc, start, end)
    cues = [t for s in sentences for t in s if t.lemma_ in CUES and t.pos_ == "VERB" and not start <= t.idx < end]
    if cues:
        cue = min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        subject = subject_of(cue)
        if subject is not None and subject.lower_ in PRONOUNS:
            return _pronoun_speaker(subject, index, previous), cue.text
        return [s for s in _speaker(cue, index) if not _inside(index, s, start, end)], cue.text
    according = _according_to(sentences, index)
    if according:
        return according, "according to"
    if previous and doc.text[previous[-1].span.end : start].count("\n") <= 3:
        return list(previous[-1].speakers), previous[-1].cue
    return [], None


def _pronoun_speaker(pronoun: Token, index: ActorIndex, previous: list[Quote]) -> list[int]:
    """ "he said": the speaker of a quote just before, else the nearest person named outside quotes."""
    if previous and pronoun.idx - previous[-1].span.end < 400 and previous[-1].speakers:
        return list(previous[-1].speakers)
    return index.before(pronoun.idx, person=pronoun.lower_ != "they")


def _inside(index: ActorIndex, local: int, start: int, end: int) -> bool:
    """True when every mention of ``local`` near the quote lies inside the quoted words."""
    near = [m for m in index.mentions if m.local_id == local and start - 400 < m.span.start < end + 400]
    return bool(near) and all(start <= m.span.start < end for m in near)


def _sentences_around(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    return [s for s in doc.sents if s.start_char < end + 2 and s.end_char > start - 2]


def _speaker(cue: Token, index: ActorIndex) -> list[int]:
    subject = subject_of(cue)
    if subject is None:
        return []
    if subject.lemma_.lower() in DOCUMENTS:
        return _authors(subject, index)
    return index.of_phrase(subject)


def _authors(document: Token, index: ActorIndex) -> list[int]:
    """Who wrote "the letter": names inside the phrase, else the subject of the last sentence naming one."""
    subtree = list(document.subtree)
    inside = index.within(subtree[0].idx, subtree[-1].idx + len(subtree[-1]))
    if inside:
        return inside
    for sentence in reversed([s for s in document.doc.sents if s.end <= document.sent.start]):
        for token in sentence:
            if token.lemma_.lower() == document.lemma_.lower():
                root = sentence.root
                subject = subject_of(root)
                return index.of_phrase(subject) if subject is not None else []
    return []


def _according_to(sentences: list[SpacySpan], index: ActorIndex) -> list[int]:
    for sentence in sentences:
        for token in sentence:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
                if objects:
                    return index.of_phrase(objects[0])
    return []


def _indirect(doc: Doc, article_id: str, index: ActorIndex, taken: list[tuple[int, int]]) -> list[Quote]:
    """ "X said (that) …": the speech verb's clause complement, outside any direct quote."""
    found = []
    for token in doc:
        if token.lemma_ not in SPEECH or token.pos_ != "VERB":
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if not clauses:
            continue
        subtree = list(clauses[0].subtree)
        start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
        if doc.text[start:end].lower().startswith("that "):
            start += 5
        if any(a < end and start < b for a, b in taken) or '"' in doc.text[start:end] or "“" in doc.text[start:end]:
            continue
        speakers = _speaker(token, index)
        found.append(Quote(article_id, Span(article_id, start, end, doc.text[start:end]), tuple(speakers), token.text,
                           False))  # fmt: skip
    return found
