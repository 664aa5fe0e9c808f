"""Fuzz the per-article stages end to end: build → spaCy → every extractor; spans index into the text.

``build`` alone (clean, language, dates, hash) is fuzzed on its own as well.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave import nlp
from newsweave.article import build
from newsweave.engine.local import extract_parsed
from newsweave.errors import NewsweaveError
from newsweave.model import RawInput
from tests.fuzz.strategies import article_text, assert_spans_index, examples, html_page, spans_of

published = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))


def _raw(content: str, kind: str, meta_date: str | None) -> RawInput:
    meta = {"published": meta_date} if meta_date else {}
    return RawInput("fuzz.txt" if kind == "text" else "fuzz.html", kind, content, "0" * 16, meta)  # type: ignore[arg-type]


@settings(max_examples=examples(100))
@given(article_text(), published, st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["9999-12-31"])))
def test_build_is_an_article_or_an_input_error(text: str, given_date: date | None, meta_date: str | None) -> None:
    try:
        article = build(_raw(text, "text", meta_date), published=given_date, min_words=5)
    except NewsweaveError:
        return
    assert article.text and article.text == article.text.strip()
    assert article.id == build(_raw(text, "text", meta_date), published=given_date, min_words=5).id


@settings(max_examples=examples(12))
@given(st.one_of(article_text().map(lambda t: (t, "text")), html_page().map(lambda h: (h, "html"))), published,
       st.sampled_from([None, "9999-12-31", "0001-01-01", "2023-08-09"]))  # fmt: skip
def test_every_extracted_span_indexes_the_text(content: tuple[str, str], given_date: date | None,
                                               meta_date: str | None) -> None:  # fmt: skip
    try:
        article = build(_raw(*content, meta_date), published=given_date, min_words=5)
    except NewsweaveError:
        return
    doc, _ = next(nlp.parse([(article.text, None)]))
    parsed = extract_parsed(doc, article)
    assert_spans_index(article.text, spans_of(parsed))
