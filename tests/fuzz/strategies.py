"""Inputs for the fuzz targets: article-like text built from the sample corpus, mutated; HTML trees; JSON."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from newsweave.model import Parsed

ROOT = Path(__file__).resolve().parents[2]
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ_EXAMPLES = 10_000  # every target under ``make fuzz``


def examples(ci: int) -> int:
    """How many examples a target runs under the current profile."""
    return FUZZ_EXAMPLES if PROFILE == "fuzz" else ci


def _sample_sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sample").glob("*.txt")))
    text = re.sub(r"^---.*?---", " ", text, flags=re.S)
    return [s.strip() for s in re.split(r"(?<=[.!?”])\s+", text) if 3 <= len(s.split()) <= 60]


SENTENCES = _sample_sentences()
NUMBERS = ["3,000", "at least 1,100", "between 850 and 1,100", "hundreds of", "dozens", "nearly 2,000", "a dozen",
           "two thousand", "one hundred and twenty", "1.5 million", "$4 billion", "12-15", "up to 40 percent",
           "tens of thousands of", "about 262", "a quarter", "9" * 40, "1e309", "0.0000001", "1,2,3.4.5"]  # fmt: skip
DATES = ["on Monday", "last week", "Aug 9, 2023", "July 26", "a week ago", "since July 26", "the next day",
         "two days later", "in 1999", "on 31 February 2023", "9999-12-31", "0001-01-01", "Sunday night",
         "Dec. 31, 2099", "yesterday", "in the year 10000", "on Thursday next week"]  # fmt: skip
BOILERPLATE = ["Read more: Niger coup explained", "Advertisement", "© 2023 Sahel Wire", "Share this", "By John Smith",
               "Related stories", "Image caption, Soldiers in Niamey", "AFP / Getty Images", "Aug 9, 2023 -",
               "Published: 2023-08-09", "---"]  # fmt: skip
HOSTILE = ["<script>alert(1)</script>", "\x00", "\ufeff", "\u202e", "\ud800", "\r", "\u2028", "\x0c", "\u00a0",
           "“", "”", "’", "\t", "&amp;", "&#0;", "javascript:alert(1)", "💥", "ﬁ", "İ", "\u0301"]  # fmt: skip

junk = st.text(max_size=40)
fragment = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(NUMBERS), st.sampled_from(DATES),
                     st.sampled_from(BOILERPLATE), st.sampled_from(HOSTILE), junk)  # fmt: skip


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A corpus sentence with fragments spliced in at word boundaries."""
    words = draw(st.sampled_from(SENTENCES)).split(" ")
    for _ in range(draw(st.integers(0, 3))):
        words.insert(draw(st.integers(0, len(words))), draw(fragment))
    return " ".join(words)


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """A plain-text article: lines of (mutated) corpus sentences and junk, joined by assorted line breaks."""
    lines = draw(st.lists(st.one_of(sentence(), fragment), min_size=1, max_size=14))
    breaks = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r", " "]))
    return breaks.join(lines)


TAGS = ["div", "p", "span", "article", "main", "section", "b", "i", "a", "li", "ul", "table", "tr", "td", "h1",
        "script", "style", "iframe", "svg", "img", "br", "noscript", "template", "title", "meta", "form"]  # fmt: skip
ATTRS = ['onerror="alert(1)"', 'onload="alert(1)"', 'href="javascript:alert(1)"', 'src="javascript:alert(1)"',
         'class="article-body"', 'id="content"', 'style="x:expression(alert(1))"', "data-x='>'", 'a="', "b=c",
         'property="article:published_time" content="2023-08-09"']  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        attrs = " ".join(draw(st.lists(st.sampled_from(ATTRS), max_size=3)))
        inner = "".join(draw(st.lists(children, max_size=4)))
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>", f"</{tag}"]))
        return f"<{tag} {attrs}>{inner}{close}"

    return build()


html_fragment = st.recursive(
    st.one_of(
        sentence(), fragment, st.sampled_from(["<", ">", "</", "<!--", "-->", "<![CDATA[", "&", "<p", "<a href="])
    ),
    _element,
    max_leaves=30,
)


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A (possibly malformed) page: a head with metadata, a body of random elements, payloads and text."""
    title = draw(st.one_of(st.sampled_from(SENTENCES), junk))
    meta = '<meta property="article:published_time" content="2023-08-09">'
    head = draw(st.sampled_from(["", f"<head><title>{title}</title></head>", f"<head>{meta}</head>"]))
    body = "".join(draw(st.lists(html_fragment, min_size=1, max_size=6)))
    paragraphs = "".join(f"<p>{s}</p>" for s in draw(st.lists(sentence(), max_size=8)))
    return (
        draw(st.sampled_from(["<!DOCTYPE html>", "", "\ufeff"])) + f"<html>{head}<body>{body}{paragraphs}</body></html>"
    )


@st.composite
def nested_html(draw: st.DrawFn) -> str:
    """A page nested ``depth`` elements deep around an article body."""
    depth = draw(st.integers(1, 12_000))
    tag = draw(st.sampled_from(["div", "b", "span", "table", "p", "li", "a"]))
    body = "".join(f"<p>{s}</p>" for s in draw(st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=8)))
    closed = draw(st.booleans())
    return f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth if closed else ''}</body></html>"


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@st.composite
def json_record(draw: st.DrawFn) -> Any:
    """An article-ish JSON value: fields of the right name with values of any type, or any JSON at all."""
    fields = st.sampled_from(["text", "html", "url", "outlet", "title", "published", "id", "extra"])
    values = st.one_of(article_text(), html_page(), json_value, st.sampled_from(DATES))
    record = draw(st.dictionaries(fields, values, max_size=6))
    return draw(st.sampled_from([record, record, [record, record], record.get("text"), draw(json_value)]))


def json_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def spans_of(parsed: Parsed) -> list[tuple[str, int, int, str]]:
    """Every span a parsed article will store: ``(what, start, end, text)``."""
    spans = [("mention", m.span.start, m.span.end, m.span.text) for m in parsed.mentions]
    spans += [("actor_mention", m.span.start, m.span.end, m.span.text) for m in parsed.actor_mentions]
    for e in parsed.events:
        spans += [("trigger", e.trigger.start, e.trigger.end, e.trigger.text),
                  ("evidence", e.evidence.start, e.evidence.end, e.evidence.text)]  # fmt: skip
        if e.date.span is not None:
            spans.append(("event_date", e.date.span.start, e.date.span.end, e.date.span.text))
    spans += [("quote", q.span.start, q.span.end, q.span.text) for q in parsed.quotes]
    spans += [("claim", c.span.start, c.span.end, c.span.text) for c in parsed.claims]
    return spans


def assert_spans_index(text: str, spans: list[tuple[str, int, int, str]]) -> None:
    for what, start, end, span_text in spans:
        assert 0 <= start <= end <= len(text), (what, start, end, len(text))
        assert text[start:end] == span_text, (what, start, end, text[start:end], span_text)
