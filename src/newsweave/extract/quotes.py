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
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.arguments import ActorIndex, subject_of
from newsweave.extract.modality import SPEECH
from newsweave.model import ActorMention, DocActor, Quote, Span
from newsweave.nlp import sentence_of, sentences, text_of, with_lemma

_QUOTE_MARK = re.compile(r"[\"“”]")
CUES = SPEECH | frozenset({"read", "warn", "urge", "insist", "label", "describe", "call", "reply", "ask", "declare"})
PRONOUNS = frozenset({"he", "she", "they"})
DOCUMENTS = frozenset({"letter", "statement", "communique", "communiqué", "declaration", "decree", "note"})


def extract_quotes(
    doc: Doc, article_id: str, actors: Sequence[DocActor], mentions: Sequence[ActorMention]
) -> list[Quote]:
    """Direct quotes and indirect speech outside them, in text order."""
    index = ActorIndex(mentions, actors)
    spans = quoted_spans(text_of(doc))
    indirect = _indirect(doc, article_id, index, spans)
    quotes: list[Quote] = []
    for start, end in spans:
        earlier = sorted([q for q in quotes + indirect if q.span.end <= start], key=lambda q: q.span.start)
        speakers, cue = _direct_speaker(doc, (start, end), index, earlier, spans)
        if len(text_of(doc)[start:end].split()) < 2 and cue is None:
            continue  # a scare-quoted word, not speech
        quotes.append(
            Quote(article_id, Span(article_id, start, end, text_of(doc)[start:end]), tuple(speakers), cue, True)
        )
    return sorted(_share_repeated(quotes, index) + indirect, key=lambda q: q.span.start)


def _share_repeated(quotes: list[Quote], index: ActorIndex) -> list[Quote]:
    """The same words quoted twice: the named person given once speaks both ("a senior official" = Nuland)."""
    people: dict[str, tuple[int, ...]] = {}
    for quote in quotes:
        if quote.speakers and all(index.kinds.get(s) == "person" for s in quote.speakers):
            people.setdefault(_words(quote.span.text), quote.speakers)
    return [replace(q, speakers=people.get(_words(q.span.text), q.speakers)) for q in quotes]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


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
    doc: Doc, quote: tuple[int, int], index: ActorIndex, previous: list[Quote], spans: list[tuple[int, int]]
) -> tuple[list[int], str | None]:
    start, end = quote
    cue = _cue(doc, quote, spans)
    if cue is not None:
        subject = subject_of(cue)
        if subject is not None and subject.lower_ in PRONOUNS:
            return _pronoun_speaker(subject, index, previous), cue.text
        return _speaker(cue, index, quote), cue.text
    according = _according_to(_sentences_around(doc, start, end), index)
    if according:
        return according, "according to"
    if previous and text_of(doc)[previous[-1].span.end : start].count("\n") <= 3:
        return list(previous[-1].speakers), previous[-1].cue
    return [], None


def _cue(doc: Doc, quote: tuple[int, int], spans: list[tuple[int, int]]) -> Token | None:
    """The speech verb attributing a quote: after it up to the next quote, else before it, same paragraph."""
    start, end = quote
    later = [a for a, _ in spans if a > end]
    earlier = [b for _, b in spans if b < start]
    closing = doc.char_span(end, min(len(text_of(doc)), end + 1), alignment_mode="expand")
    sentence_end = sentence_of(closing[0]).end_char if closing is not None and len(closing) else len(text_of(doc))
    after_limit = min(later[0] if later else len(text_of(doc)), _paragraph_end(text_of(doc), end), sentence_end)
    before_limit = max(earlier[-1] if earlier else 0, _paragraph_start(text_of(doc), start))
    after = doc.char_span(end, after_limit, alignment_mode="contract")
    before = doc.char_span(before_limit, start, alignment_mode="contract")
    for region, forward in ((after, True), (before, False)):
        if region is None:
            continue
        tokens = [t for t in region if t.lemma_ in CUES and t.pos_ == "VERB"]
        if tokens:
            between_quotes = not forward and earlier and before_limit == earlier[-1]
            return tokens[0] if forward or between_quotes else tokens[-1]
    return None


def _paragraph_end(text: str, at: int) -> int:
    found = text.find("\n\n", at)
    return len(text) if found < 0 else found


def _paragraph_start(text: str, at: int) -> int:
    found = text.rfind("\n\n", 0, at)
    return 0 if found < 0 else found + 2


def _pronoun_speaker(pronoun: Token, index: ActorIndex, previous: list[Quote]) -> list[int]:
    """ "he said": the speaker of a quote just before (a person for he/she), else the nearest named actor."""
    person = pronoun.lower_ != "they"
    if previous and pronoun.idx - previous[-1].span.end < 400 and previous[-1].speakers:
        kinds = {index.kinds.get(s) == "person" for s in previous[-1].speakers}
        if kinds == {person}:
            return list(previous[-1].speakers)
    return index.before(pronoun.idx, person=person)


def _inside(index: ActorIndex, local: int, start: int, end: int) -> bool:
    """True when every mention of ``local`` near the quote lies inside the quoted words."""
    near = [m for m in index.mentions if m.local_id == local and start - 400 < m.span.start < end + 400]
    return bool(near) and all(start <= m.span.start < end for m in near)


def _sentences_around(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    return [s for s in sentences(doc) if s.start_char < end + 2 and s.end_char > start - 2]


def _speaker(cue: Token, index: ActorIndex, quote: tuple[int, int] | None = None) -> list[int]:
    """Who the cue's subject names; for a direct quote, not someone named only inside the quoted words."""
    subject = subject_of(cue)
    if subject is None:
        return []
    if subject.lemma_.lower() in DOCUMENTS:
        return _authors(subject, index, quote or (0, 0))
    found = index.of_phrase(subject)
    return found if quote is None else [s for s in found if not _inside(index, s, *quote)]


def _authors(document: Token, index: ActorIndex, quote: tuple[int, int] = (0, 0)) -> list[int]:
    """Who wrote "the letter": names in the phrase, else where a letter was last mentioned, else the sentence."""
    inside = [a for a in _phrase_actors(document, index) if not _inside(index, a, *quote)]
    if inside:
        return _prefer_states(inside, index)
    for sentence in reversed([s for s in sentences(document.doc) if s.end <= sentence_of(document).start]):
        earlier = [t for t in sentence if t.lemma_.lower() == document.lemma_.lower()]
        if earlier:
            found = _phrase_actors(earlier[0], index) or _subject_actors(earlier[0], index)
            if found:
                return _prefer_states(found, index)
    sentence = sentence_of(document)
    around = [a for a in index.within(sentence.start_char, sentence.end_char) if not _inside(index, a, *quote)]
    if around:
        return _prefer_states(around, index)
    earlier_sentences = [s for s in sentences(document.doc) if s.end <= sentence.start]
    subject = subject_of(earlier_sentences[-1].root) if earlier_sentences else None
    return index.of_phrase(subject) if subject is not None else []


def _phrase_actors(token: Token, index: ActorIndex) -> list[int]:
    subtree = list(token.subtree)
    return index.within(subtree[0].idx, subtree[-1].idx + len(subtree[-1]))


def _subject_actors(token: Token, index: ActorIndex) -> list[int]:
    subject = subject_of(token.head) if token.dep_ in {"dobj", "pobj", "attr"} else None
    return index.of_phrase(subject) if subject is not None else []


def _prefer_states(found: list[int], index: ActorIndex) -> list[int]:
    states = [a for a in found if index.kinds.get(a) == "state"]
    return states or found


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
    for token in map(doc.__getitem__, with_lemma(doc, SPEECH, "VERB")):
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if not clauses:
            continue
        subtree = list(clauses[0].subtree)
        start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
        if text_of(doc)[start:end].lower().startswith("that "):
            start += 5
        if (
            any(a < end and start < b for a, b in taken)
            or '"' in text_of(doc)[start:end]
            or "“" in text_of(doc)[start:end]
        ):
            continue
        speakers = _speaker(token, index)
        span = Span(article_id, start, end, text_of(doc)[start:end])
        found.append(Quote(article_id, span, tuple(speakers), token.text, False))
    return found
