"""The report: one self-contained file, an extractive cited briefing, the timeline, plots, escaping, Markdown."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave.report.build import TIMELINE_DATES

PAYLOAD_TITLE = 'Junta <script>alert("title")</script> detains minister'
PAYLOAD_TEXT = (
    "Soldiers loyal to the junta arrested the former oil minister <script>alert('text')</script> in Niamey on "
    "Wednesday, his family said. <img src=x onerror=alert(1)> Witnesses said troops surrounded his house before "
    "dawn and took him to an unknown location. The junta accused him of corruption and said he would be tried. "
    "Regional leaders condemned the arrest and called for his immediate release."
)


class _Page(HTMLParser):
    """Collects link targets, briefing items (text + first citation) and timeline rows."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.briefing: list[dict[str, Any]] = []
        self.rows: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.links += [v or "" for k, v in attrs if k in {"src", "href", "xlink:href"}]
        if found.get("id"):
            self.ids.add(found["id"] or "")
        classes = (found.get("class") or "").split()
        if tag == "li" and "brief" in classes:
            self.briefing.append({**found, "text": "", "cites": []})
        elif tag == "span" and "text" in classes and self.briefing:
            self._in_text = True
        elif tag == "a" and self.briefing and not self.rows and (found.get("href") or "").startswith("#ev-"):
            self.briefing[-1]["cites"].append(found["href"])
        elif tag == "tr" and "event" in classes:
            self.rows.append({"id": found["id"] or "", "date": found["data-date"] or ""})

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.briefing[-1]["text"] += data


@pytest.fixture(scope="module")
def report_html(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = newsweave.report(corpus_db, out=tmp_path_factory.mktemp("report") / "report.html")
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(report_html: str) -> _Page:
    parser = _Page()
    parser.feed(report_html)
    return parser


def test_one_file_with_no_external_resources(report_html: str, page: _Page, corpus_db: Path) -> None:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        article_urls = {a["url"] for a in store.articles() if a["url"]}
    external = [link for link in page.links if not link.startswith(("#", "data:image/"))]  # inline images aside
    assert external and set(external) <= article_urls
    assert "<link" not in report_html and "<script" not in report_html.lower()
    assert "@import" not in report_html
    assert set(re.findall(r"url\(([^)]*)\)", report_html)) <= {f"#{i}" for i in page.ids}  # svg clip paths only
    for link in page.links:
        assert not link.startswith("#") or link[1:] in page.ids, link  # every in-page link lands


def test_briefing_is_extractive_and_cited(page: _Page, corpus_db: Path) -> None:
    assert 5 <= len(page.briefing) <= 12
    events = {}
    with newsweave.open_store(corpus_db, read_only=True) as store:
        for item in page.briefing:
            text = store.article(item["data-article"])["text"]
            start, end = int(item["data-start"]), int(item["data-end"])
            assert item["text"] == text[start:end], item  # verbatim, at the stated offsets
            assert item["cites"] and item["cites"][0].startswith(f"#ev-{item['data-article']}-")
            events[item["data-event"]] = item
        assert len(events) == len(page.briefing)  # no two sentences on the same event
        merged = {e["id"]: e for e in store.events()}
    for event_id, item in events.items():
        cited = {c.split("-")[1] for c in item["cites"]}
        assert cited <= set(merged[event_id]["article_ids"])  # every citation points at evidence of the event
    assert all(c[1:] in page.ids for item in page.briefing for c in item["cites"])


def test_briefing_prefers_corroborated_events(corpus_db: Path) -> None:
    from newsweave.report.build import collect

    data = collect(corpus_db)
    chosen = sorted(i["num_independent_sources"] for i in data["briefing"])
    best = sorted((e["num_independent_sources"] for e in data["events"]), reverse=True)[: len(chosen)]
    assert chosen[0] >= 2 and sum(chosen) >= 0.8 * sum(best)


def test_timeline_shows_the_events_of_the_most_salient_days(page: _Page, corpus_db: Path) -> None:
    story = newsweave.stories(corpus_db)[0]
    days = {str(r["date"]) for r in newsweave.key_dates(corpus_db, k=TIMELINE_DATES, story=story["id"])}
    with newsweave.open_store(corpus_db, read_only=True) as store:
        members = set(story["article_ids"])
        expected = {e["id"]: str(e["date"]) for e in store.events()
                    if e["date"] and members & set(e["article_ids"]) and str(e["date"]) in days}  # fmt: skip
    shown = {row["id"]: row["date"] for row in page.rows}
    assert len(days) > 1 and shown == expected
    assert [r["date"] for r in page.rows] == sorted(r["date"] for r in page.rows)


def test_modality_is_marked(report_html: str) -> None:
    for modality in ("threatened", "reported", "planned"):
        assert re.search(rf'class="event mod-{modality}"[^>]*>.*?<span class="badge">', report_html, re.S), modality
    assert ".mod-threatened" in report_html and ".mod-denied" in report_html


def test_sections_and_plots(report_html: str) -> None:
    for section in ("briefing", "timeline", "actors", "conflicts", "coverage", "plots", "evidence", "sources"):
        assert f'<section id="{section}">' in report_html
    assert report_html.count("<svg") >= 3  # events per day, articles per outlet, actor graph
    assert "Mohamed Bazoum" in report_html and "evacuated people" in report_html
    assert "verbatim copy" in report_html  # syndicated copies under their original


def test_markdown_report(corpus_db: Path, tmp_path: Path) -> None:
    out = newsweave.report(corpus_db, out=tmp_path / "brief.md")
    text = out.read_text(encoding="utf-8")
    for heading in ("## Briefing", "## Timeline", "## Key actors", "## Conflicting figures", "## Outlet coverage"):
        assert heading in text
    assert text.count("](data:image/svg+xml;base64,") == 3
    assert re.search(r"^1\. .+\[\[.+, 2023-\d\d-\d\d\]\(#ev-", text, re.M)


def test_unknown_suffix_and_story(corpus_db: Path, tmp_path: Path) -> None:
    with pytest.raises(newsweave.UsageError):
        newsweave.report(corpus_db, out=tmp_path / "brief.pdf")
    with pytest.raises(newsweave.NotFoundError):
        newsweave.report(corpus_db, story="sto_nope", out=tmp_path / "brief.html")


def test_article_text_is_escaped(tmp_path: Path) -> None:
    source = tmp_path / "xss.jsonl"
    record = {"url": "https://evil.example/x", "outlet": "Evil <b>Daily</b>", "title": PAYLOAD_TITLE,
              "published": "2023-08-02", "text": PAYLOAD_TEXT}  # fmt: skip
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "xss.duckdb"
    assert newsweave.ingest([str(source)], db=db).ingested == 1
    page = newsweave.report(db, out=tmp_path / "xss.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page and "<b>Daily" not in page
    assert not re.search(r"<[^>]*\sonerror\s*=", page)
    assert html.escape(PAYLOAD_TITLE) in page.replace("&#34;", "&quot;")  # the title, shown as text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in page  # the text, in the briefing and evidence
    assert "Evil &lt;b&gt;Daily&lt;/b&gt;" in page
    markdown = newsweave.report(db, out=tmp_path / "xss.md").read_text(encoding="utf-8")
    assert "<script" not in markdown.lower() and "<img" not in markdown and "&lt;script&gt;" in markdown
