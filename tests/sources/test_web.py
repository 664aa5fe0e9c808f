"""Feeds and pages fetched from a local server: articles stored with their metadata, every failure rejected."""

from __future__ import annotations

import json
import time
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsweave
from newsweave.cli import app
from newsweave.sources.web import HostLimiter, default_user_agent, entry_date, is_url, read_url_list
from tests.sources.conftest import Route, Site, free_port

RATE = 20.0  # requests per second per host in these tests
TIMEOUT = 2.0  # generous: a loaded CI machine must not time out the good pages


def _rss(site: Site) -> bytes:
    items = [
        ("French evacuation plane lands in Paris", "/world/evacuation.html", "Wed, 02 Aug 2023 11:20:00 +0100"),
        ("Niger junta turns away mediators", "/world/mediators.html", "Wed, 09 Aug 2023 14:40:00 +0100"),
        ("Aid agencies count the cost", "/world/missing.html", "Thu, 10 Aug 2023 09:00:00 +0100"),
        ("Markets in Niamey", "/world/broken.html", "Thu, 10 Aug 2023 10:00:00 +0100"),
        ("Sanctions briefing (PDF)", "/files/briefing.pdf", "Thu, 10 Aug 2023 11:00:00 +0100"),
        ("Live: the summit in Abuja", "/live/slow.html", "Thu, 10 Aug 2023 12:00:00 +0100"),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><pubDate>{when}</pubDate></item>"
        for title, path, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lagos Ledger: World</title>'
        f"<link>{site.url('/')}</link><description>World news</description>{body}</channel></rss>"
    ).encode()


def _atom(site: Site) -> bytes:
    entries = [
        ("Mediators kept out of Niamey", "/africa/meridian.html", "2023-08-09T18:05:00Z"),
        ("ECOWAS orders standby force readied", "/news/standby.html", "2023-08-11T07:45:00Z"),
        ("Who is General Tchiani?", "/profiles/tchiani.html", "2023-08-04T23:30:00-04:00"),
    ]
    body = "".join(
        f'<entry><title>{title}</title><link href="{path}"/><id>urn:{path}</id><published>{when}</published>'
        f"<updated>{when}</updated></entry>"
        for title, path, when in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Sahel desk</title><id>urn:desk</id><updated>2023-08-11T07:45:00Z</updated>{body}</feed>"
    ).encode()


@pytest.fixture
def news_site(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("NEWSWEAVE_HTTP_TIMEOUT", str(TIMEOUT))
    monkeypatch.setenv("NEWSWEAVE_HTTP_RATE", str(RATE))
    site.page("/world/evacuation.html", "lagosledger_2023-08-02_french-evacuation-flight.html")
    site.page("/world/mediators.html", "lagosledger_2023-08-09_niger-junta-turns-away-mediators.html")
    site.page("/africa/meridian.html", "meridiandesk_2023-08-09_mediators-kept-out-of-niamey.html")
    site.page("/news/standby.html", "voltasentinel_2023-08-11_ecowas-standby-force.html")
    site.page("/profiles/tchiani.html", "dunegazette_undated_who-is-general-tchiani.html")
    site.page("/africa/rally.html", "baobabreport_2023-08-07_niger-rally-airspace.html")
    site.add("/world/broken.html", Route(500, body=b"<html><body>Internal error</body></html>"))
    site.add("/files/briefing.pdf", Route(content_type="application/pdf", body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"))
    site.add("/img/map.png", Route(content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
    site.add("/live/slow.html", Route(body=b"<html><body>late</body></html>", delay=TIMEOUT * 4))
    site.add("/feeds/world.rss", Route(content_type="application/rss+xml", body=_rss(site)))
    site.add("/feeds/desk.atom", Route(content_type="application/atom+xml; charset=utf-8", body=_atom(site)))
    site.add("/feeds/garbled.rss", Route(content_type="application/rss+xml", body=b"<rss><channel><item><title>Un"))
    return site


def _inputs(site: Site) -> list[str]:
    refused = f"http://127.0.0.1:{free_port()}/world/gone.html"
    return [
        site.url("/feeds/world.rss"),
        site.url("/feeds/desk.atom"),
        site.url("/africa/rally.html"),
        site.url("/img/map.png"),
        site.url("/feeds/garbled.rss"),
        refused,
    ]


def test_feeds_and_pages_are_stored_with_their_metadata_and_failures_rejected(news_site: Site, tmp_path: Path) -> None:
    db = tmp_path / "web.duckdb"
    inputs = _inputs(news_site)
    report = newsweave.ingest(inputs, db=db, analyze=False)

    reasons = {r.origin.removeprefix(news_site.base): r.reason for r in report.rejected}
    assert reasons.pop("/world/missing.html") == "HTTP 404 Not Found"
    assert reasons.pop("/world/broken.html") == "HTTP 500 Internal Server Error"
    assert reasons.pop("/files/briefing.pdf") == "not an HTML page (content type application/pdf)"
    assert reasons.pop("/img/map.png") == "not an HTML page (content type image/png)"
    assert reasons.pop("/live/slow.html") == f"timed out after {TIMEOUT:g} s waiting for the response"
    assert reasons.pop("/feeds/garbled.rss") == "malformed feed: not well-formed XML (no element found)"
    assert reasons.pop(inputs[-1]).startswith("connection failed: ")
    assert reasons == {}
    assert report.ingested == 6

    with newsweave.open_store(db, read_only=True) as store:
        rows = {r["url"].removeprefix(news_site.base): r for r in store.articles()}
        rejected = {r["path"] for r in store.rejected()}
    assert {r.origin for r in report.rejected} == rejected
    evacuation = rows["/world/evacuation.html"]
    assert (evacuation["outlet"], evacuation["published"]) == ("Lagos Ledger", date(2023, 8, 2))
    assert evacuation["title"] == "French evacuation plane lands in Paris"  # the feed's title
    assert rows["/news/standby.html"]["outlet"] == "Volta Sentinel"
    assert rows["/africa/meridian.html"]["published"] == date(2023, 8, 9)
    tchiani = rows["/profiles/tchiani.html"]  # the page has no date: the Atom entry's, as written (not UTC)
    assert (tchiani["outlet"], tchiani["published"], tchiani["published_source"]) == (
        "Dune Gazette",
        date(2023, 8, 4),
        "metadata",
    )
    rally = rows["/africa/rally.html"]  # a page given directly: its own metadata
    assert (rally["outlet"], rally["published"]) == ("Baobab Report", date(2023, 8, 7))

    again = newsweave.ingest(inputs, db=db, analyze=False)
    assert (again.ingested, again.duplicates) == (0, 6)


def test_requests_are_polite(news_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked on the client's own schedule, not on the server's arrival times (a loaded machine adds jitter
    to those): the real limiter runs, and each slot it books and the moment it lets the request go are kept."""
    sends: list[tuple[float, float]] = []  # (booked slot, released at), by the client's clock
    wait = HostLimiter.wait

    def recorded(limiter: HostLimiter, host: str) -> None:
        wait(limiter, host)
        sends.append((limiter._next[host] - limiter._interval, time.monotonic()))

    monkeypatch.setattr(HostLimiter, "wait", recorded)
    newsweave.ingest([news_site.url("/feeds/world.rss")], db=tmp_path / "p.duckdb", analyze=False)
    assert {agent for _, agent, _ in news_site.log} == {default_user_agent()}
    assert default_user_agent().startswith(f"newsweave/{newsweave.__version__} ")
    assert len(news_site.log) == len(sends) == 7  # the feed and its six links, each through the limiter once
    slots = [slot for slot, _ in sends]
    assert min(b - a for a, b in pairwise(slots)) >= 1 / RATE - 1e-6, slots
    assert all(released >= slot for slot, released in sends)  # never sent before its slot
    arrivals = [at for _, _, at in news_site.log]  # the mean rate the server saw, with room for jitter
    assert arrivals[-1] - arrivals[0] >= 0.5 * (len(arrivals) - 1) / RATE, arrivals


def test_host_limiter_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    limiter = HostLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for host in ("a.example", "a.example", "b.example", "a.example"):
        limiter.wait(host)
    assert slept == [0.5, 0.5]  # b.example never waits for a.example
    now[0] += 10
    limiter.wait("a.example")
    assert slept == [0.5, 0.5]


def test_cli_reads_a_url_list(news_site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# two pages and a dead link\n{news_site.url('/africa/rally.html')}\n\n"
        f"{news_site.url('/news/standby.html')}\n{news_site.url('/world/missing.html')}\n",
        encoding="utf-8",
    )
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--urls", str(listing), "--db", str(db), "--no-analyze", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ingested"] == 2
    assert report["rejected"] == [
        {"path": news_site.url("/world/missing.html"), "reason": "HTTP 404 Not Found", "code": "http"}
    ]


def test_ingest_without_inputs_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["ingest"])
    assert result.exit_code == 2


def test_url_list_and_detection(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("\ufeff# comment\n https://a.example/x \n\ndata/sample\n", encoding="utf-8")
    assert read_url_list(str(listing)) == ["https://a.example/x", "data/sample"]
    assert is_url("http://127.0.0.1:8000/feed.xml") and is_url("ftp://host/file")
    assert not is_url("data/sample") and not is_url("-")


def test_entry_dates_keep_the_written_day() -> None:
    assert entry_date({"published": "Wed, 02 Aug 2023 23:20:00 -0500"}) == date(2023, 8, 2)
    assert entry_date({"updated": "2023-08-04T23:30:00-04:00"}) == date(2023, 8, 4)
    assert entry_date({"published": "sometime", "published_parsed": (2023, 8, 3, 0, 0, 0, 3, 215, 0)}) == date(
        2023, 8, 3
    )
    assert entry_date({}) is None


def test_a_url_with_another_scheme_is_rejected(tmp_path: Path) -> None:
    report = newsweave.ingest(["ftp://127.0.0.1/news.html"], db=tmp_path / "s.duckdb", analyze=False)
    assert [(r.reason, r.code) for r in report.rejected] == [("not an http(s) URL: 'ftp://127.0.0.1/news.html'", "url")]
