"""WARC and WARC.gz crawls written by the test: HTML responses stored with the record's URL and date."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.archiveiterator import WARCIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsweave
from newsweave.model import RawInput, Rejection, Skipped
from newsweave.sources import count_files, iter_inputs
from newsweave.sources.warc import read_warc
from tests.sources.conftest import SAMPLE

EVACUATION = "https://lagosledger.example/world/evacuation"
PROFILE = "https://dunegazette.example/profiles/tchiani"
STANDBY = "https://voltasentinel.example/news/standby-force"
MEDIATORS = "https://meridiandesk.example/africa/mediators"


def _response(writer: WARCWriter, url: str, body: bytes, *, when: str, status: str = "200 OK", **headers: str) -> None:
    fields = [("Content-Type", headers.pop("content_type", "text/html; charset=utf-8"))]
    fields += [(key.replace("_", "-").title(), value) for key, value in headers.items()]
    http = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": when}
    )
    writer.write_record(record)


def write_crawl(path: Path) -> None:
    """Four HTML pages (one gzip-encoded) among a request, an image, a 404, a redirect and metadata."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsweave tests"}))
        request = StatusAndHeaders(
            "GET /world/evacuation HTTP/1.1", [("Host", "lagosledger.example")], is_http_request=True
        )
        writer.write_record(writer.create_warc_record(EVACUATION, "request", http_headers=request))
        page = (SAMPLE / "lagosledger_2023-08-02_french-evacuation-flight.html").read_bytes()
        _response(writer, EVACUATION, page, when="2023-08-20T10:00:00Z")
        _response(writer, "https://lagosledger.example/map.png", b"\x89PNG\r\n\x1a\n", when="2023-08-20T10:00:01Z",
                  content_type="image/png")  # fmt: skip
        _response(writer, "https://lagosledger.example/gone", b"<html>gone</html>", when="2023-08-20T10:00:02Z",
                  status="404 Not Found")  # fmt: skip
        _response(writer, "https://lagosledger.example/old", b"", when="2023-08-20T10:00:03Z",
                  status="301 Moved Permanently", location=EVACUATION)  # fmt: skip
        page = (SAMPLE / "dunegazette_undated_who-is-general-tchiani.html").read_bytes()
        _response(writer, PROFILE, page, when="2023-08-12T16:45:00Z")
        page = gzip.compress((SAMPLE / "meridiandesk_2023-08-09_mediators-kept-out-of-niamey.html").read_bytes())
        _response(writer, MEDIATORS, page, when="2023-08-21T08:00:00Z", content_encoding="gzip")
        writer.write_record(writer.create_warc_record(PROFILE, "metadata", payload=io.BytesIO(b"outlinks: 3\n")))
        page = (SAMPLE / "voltasentinel_2023-08-11_ecowas-standby-force.html").read_bytes()
        _response(writer, STANDBY, page, when="2023-08-22T07:00:00Z")


SKIPPED = (
    "WARC records skipped: 1 warcinfo records, 1 request records, 1 non-HTML responses, "
    "2 non-200 responses, 1 metadata records"
)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_are_stored_with_the_record_url_and_date(tmp_path: Path, name: str) -> None:
    crawl = tmp_path / "in" / name
    crawl.parent.mkdir()
    write_crawl(crawl)
    (tmp_path / "in" / "notes.gz").write_bytes(gzip.compress(b"not a crawl"))
    db = tmp_path / "warc.duckdb"
    report = newsweave.ingest([str(crawl.parent)], db=db, analyze=False)
    assert report.ingested == 4 and report.rejected == []
    assert [(Path(s.origin).name, s.reason) for s in report.skipped] == [
        (name, SKIPPED),
        ("notes.gz", "not an input format (.gz)"),
    ]
    with newsweave.open_store(db, read_only=True) as store:
        rows = {r["url"]: r for r in store.articles()}
    assert set(rows) == {EVACUATION, PROFILE, MEDIATORS, STANDBY}
    evacuation = rows[EVACUATION]  # the page's own date beats the crawl date
    assert (evacuation["outlet"], evacuation["published"]) == ("Lagos Ledger", date(2023, 8, 2))
    profile = rows[PROFILE]  # no date on the page: the crawl date
    assert (profile["outlet"], profile["published"], profile["published_source"]) == (
        "Dune Gazette",
        date(2023, 8, 12),
        "metadata",
    )
    assert rows[MEDIATORS]["outlet"] == "Meridian Desk"  # the gzip-encoded body was decoded
    assert rows[STANDBY]["published"] == date(2023, 8, 11)

    again = newsweave.ingest([str(crawl)], db=db, analyze=False)
    assert (again.ingested, again.duplicates) == (0, 4)


def _last_record(path: Path) -> tuple[int, str]:
    """Offset and declared Content-Length of the file's last record."""
    with path.open("rb") as handle:
        records = WARCIterator(handle)
        found = [(records.offset, r.rec_headers.get_header("Content-Length")) for r in records]
    return found[-1]


@pytest.mark.parametrize(("into_last", "reason"), [
    (12, "truncated or corrupt WARC data from byte {offset} (12 bytes unreadable)"),
    (-400, "truncated WARC record (shorter than its Content-Length {length})"),
])  # fmt: skip
def test_truncated_gzip_keeps_the_records_before_the_break(tmp_path: Path, into_last: int, reason: str) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_crawl(whole)
    data, (offset, length) = whole.read_bytes(), _last_record(whole)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: offset + into_last] if into_last > 0 else data[:into_last])
    report = newsweave.ingest([str(cut)], db=tmp_path / "cut.duckdb", analyze=False)
    assert report.ingested == 3
    assert [(r.origin, r.reason, r.code) for r in report.rejected] == [
        (f"{cut}:{offset}", reason.format(offset=offset, length=length), "warc")
    ]


def test_truncated_record_in_a_plain_warc(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    write_crawl(path)
    path.write_bytes(path.read_bytes()[:-500])
    items = list(read_warc(path, max_bytes=5 * 1024 * 1024))
    pages = [i for i in items if isinstance(i, RawInput)]
    assert [p.meta["url"] for p in pages] == [EVACUATION, PROFILE, MEDIATORS]
    [rejection] = [i for i in items if isinstance(i, Rejection)]
    assert rejection.reason.startswith("truncated WARC record (shorter than its Content-Length ")


def test_pages_over_the_size_limit_are_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_crawl(path)
    sizes = {
        name: len((SAMPLE / name).read_bytes())
        for name in (
            "lagosledger_2023-08-02_french-evacuation-flight.html",
            "voltasentinel_2023-08-11_ecowas-standby-force.html",
        )
    }
    limit = min(sizes.values()) - 1
    items = list(read_warc(path, max_bytes=limit))
    too_large = [i for i in items if isinstance(i, Rejection)]
    assert too_large and all(r.code == "too_large" for r in too_large)
    assert len(too_large) + sum(isinstance(i, RawInput) for i in items) == 4


def test_garbage_with_a_warc_name_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a WARC file\r\n" * 20)
    items = list(iter_inputs([str(path)], max_bytes=1 << 20))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].origin == f"{path}:0" and items[0].reason.startswith("broken WARC record at byte 0: ")


def test_a_warc_counts_as_one_input_file(tmp_path: Path) -> None:
    write_crawl(tmp_path / "a.warc.gz")
    (tmp_path / "b.WARC").write_bytes(b"")
    assert count_files([str(tmp_path)]) == 2
    assert not [i for i in iter_inputs([str(tmp_path / "b.WARC")], max_bytes=1 << 20) if not isinstance(i, Skipped)]
