"""Fuzz the whole ``ingest`` (sources → build → spaCy → extract → store → corpus stages) on files written to a tmp dir.

Random bytes, random unicode, article-like text, malformed and deeply nested HTML, JSONL of any shape and
huge lines. Properties: nothing but ``NewsweaveError`` escapes (a bad input is a rejection), every stored span
indexes into its stored article text and equals its own text, and ingesting the same files again changes no
count. Each example builds a fresh store and parses with spaCy; the article cap is lowered to 8,000 characters so
a huge line is refused after reading and cleaning, and lines under the cap are parsed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import newsweave
from newsweave.settings import Settings
from tests.fuzz.spans import counts, stored_spans_match
from tests.fuzz.strategies import SENTENCES, article_text, examples, html_page, json_line, json_record, nested_html

huge_line = st.tuples(st.integers(1_000, 300_000), st.sampled_from(SENTENCES)).map(
    lambda p: (p[1] + " ") * (p[0] // 50)
)
files = st.one_of(
    st.tuples(st.just(".txt"), st.binary(max_size=3_000)),
    st.tuples(st.just(".txt"), st.text(max_size=2_000).map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".txt"), article_text().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".txt"), huge_line.map(str.encode)),
    st.tuples(st.just(".html"), html_page().map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".html"), nested_html().map(str.encode)),
    st.tuples(st.just(".html"), st.binary(max_size=3_000)),
    st.tuples(
        st.just(".jsonl"),
        st.lists(json_record().map(json_line), max_size=4).map(
            lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
        ),
    ),
    st.tuples(st.just(".jsonl"), st.binary(max_size=3_000)),
)
SETTINGS = Settings(min_words=5, max_chars=8_000)


@settings(max_examples=examples(6))
@given(st.lists(files, min_size=1, max_size=4))
def test_ingest_anything_stores_consistent_spans_and_is_idempotent(inputs: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        for number, (suffix, data) in enumerate(inputs):
            (root / f"input{number}{suffix}").write_bytes(data)
        db = Path(tmp) / "fuzz.duckdb"
        first = newsweave.ingest([str(root)], db=db, settings=SETTINGS)
        assert all(r.reason for r in first.rejected)
        with newsweave.open_store(db, read_only=True) as store:
            before = counts(store)
            stored_spans_match(store)
        again = newsweave.ingest([str(root)], db=db, settings=SETTINGS)
        assert again.ingested == 0 and again.duplicates == first.ingested + first.duplicates
        with newsweave.open_store(db, read_only=True) as store:
            assert counts(store) == before
