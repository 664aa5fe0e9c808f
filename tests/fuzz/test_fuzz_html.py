"""Fuzz the HTML path (pre-check, trafilatura, metadata, article build): only ``NewsweaveError`` escapes."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.article import build
from newsweave.clean import clean_html
from newsweave.errors import InputError, NewsweaveError
from newsweave.limits import Limits, check_html, html_shape
from newsweave.model import RawInput
from newsweave.pubdate import html_date
from tests.fuzz.strategies import SENTENCES, examples, html_page, nested_html

UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@settings(max_examples=examples(60))
@given(st.one_of(html_page(), st.text()))
def test_clean_html_returns_plain_text_or_refuses(html: str) -> None:
    try:
        cleaned = clean_html(html)
    except InputError as exc:
        assert str(exc) and exc.code
        return
    assert cleaned.text.strip() and not UNPRINTABLE.search(cleaned.text)


@settings(max_examples=examples(60))
@given(html_page())
def test_html_date_never_raises(html: str) -> None:
    found = html_date(html)
    assert found is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", found)


@settings(max_examples=examples(40))
@given(html_page(), st.sampled_from([None, "https://example.org/2023/08/09/x", "not a url", "javascript:alert(1)"]))
def test_build_html_article_or_input_error(html: str, url: str | None) -> None:
    raw = RawInput("fuzz.html", "html", html, "0" * 16, {"url": url} if url else {})
    try:
        article = build(raw, min_words=5)
    except NewsweaveError:
        return
    assert article.text and article.id and not UNPRINTABLE.search(article.text)


@settings(max_examples=examples(30))
@given(nested_html())
def test_deep_nesting_is_refused_or_parsed_quickly(html: str) -> None:
    started = time.perf_counter()
    try:
        clean_html(html)
    except InputError as exc:
        assert exc.code in {"pathological", "no_body", "html"}
    assert time.perf_counter() - started < 20


@settings(max_examples=examples(30))
@given(st.integers(1, 12_000), st.sampled_from(["div", "span", "b"]))
def test_depth_is_measured(depth: int, tag: str) -> None:
    html = f"<html><body>{f'<{tag} class=x>' * depth}text{f'</{tag}>' * depth}</body></html>"
    assert html_shape(html).depth == depth + 2
    limits = Limits()
    if depth + 2 > limits.max_html_depth:
        try:
            check_html(html, limits=limits)
        except InputError as exc:
            assert exc.code == "pathological" and "nested" in str(exc)
        else:
            raise AssertionError("deep page not refused")


@settings(max_examples=examples(10))
@given(st.integers(257, 100_000))
def test_many_attributes_are_refused_before_parsing(count: int) -> None:
    html = (
        "<html><body><div "
        + " ".join(f'a{i}="x"' for i in range(count))
        + f"><p>{SENTENCES[0]}</p></div></body></html>"
    )
    started = time.perf_counter()
    try:
        clean_html(html)
    except InputError as exc:
        assert exc.code == "pathological" and "attributes" in str(exc)
    else:
        raise AssertionError("a tag with too many attributes was parsed")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("tag", ["p", "pre", "div"])
@pytest.mark.parametrize("words", [100_000, 500_000, 2_000_000])
def test_huge_line_is_bounded(words: int, tag: str) -> None:
    """One line of 0.5–10 MB: a few fixed sizes rather than a fuzz target (each case costs up to a second)."""
    html = f"<html><body><{tag}>" + "word " * words + f"</{tag}></body></html>"
    started = time.perf_counter()
    try:
        build(RawInput("huge.html", "html", html, "0" * 16), min_words=5)
    except InputError as exc:
        assert exc.code in {"no_body", "too_large", "language", "pathological"}
    assert time.perf_counter() - started < 30
