"""Fuzz the text cleaner and the byte decoder: no exception but ``NewsweaveError``; output is clean text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean import clean_text
from newsweave.errors import InputError
from newsweave.limits import printable
from newsweave.pubdate import find_marker
from newsweave.sources.decode import decode
from newsweave.sources.text import split_front_matter
from tests.fuzz.strategies import article_text, examples

UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _normal(text: str) -> str:
    return printable(text).replace("\u00a0", " ")


@settings(max_examples=examples(200))
@given(st.one_of(article_text(), st.text()))
def test_clean_text_keeps_whole_input_lines(text: str) -> None:
    cleaned = clean_text(text)
    assert not UNPRINTABLE.search(cleaned.text)
    source = _normal(text)
    for paragraph in filter(None, cleaned.text.split("\n\n")):
        assert paragraph == paragraph.strip() and paragraph in source
    if cleaned.title is not None:
        assert cleaned.title in source and "\n" not in cleaned.title


@settings(max_examples=examples(200))
@given(st.text())
def test_find_marker_never_raises(line: str) -> None:
    marker, rest = find_marker(line)
    assert marker is None or rest in line


@settings(max_examples=examples(200))
@given(st.one_of(st.binary(), article_text().map(lambda t: t.encode("utf-8", "surrogatepass")),
                 article_text().map(lambda t: t.encode("utf-16", "surrogatepass"))))  # fmt: skip
def test_decode_returns_text_or_refuses(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except InputError as exc:
        assert exc.code in {"empty", "binary", "encoding"}
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=examples(200))
@given(st.one_of(article_text(), st.text()).map(lambda t: f"---\ntitle: {t[:30]}\n---\n{t}"))
def test_front_matter_never_raises(text: str) -> None:
    meta, body = split_front_matter(text)
    assert body in text and all(isinstance(v, str) for v in meta.values())
