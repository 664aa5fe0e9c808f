"""WARC and WARC.gz crawl files: one HTML input per successful HTML ``response`` record, streamed.

Each page keeps the record's ``WARC-Target-URI`` as its URL; the record's
``WARC-Date`` (the crawl date) is its publication date only when the page
declares none of its own. Other records (requests, metadata, redirects,
images, ...) are skipped and counted in one summary per file. A truncated or
corrupt record is rejected with its byte offset (a broken gzip member also
loses the rest of its file); the records before it are kept. Origins are
``FILE:OFFSET``, the offset ``warcio extract FILE OFFSET`` takes.

A ``.warc.gz`` is first scanned member by member with bounded buffers: a
member that expands past ``4 × max_bytes + 1 MiB`` at over 100:1 (a
decompression bomb) is rejected with its offset, and the records are read
only up to it (warcio would otherwise read the bomb's first "line" into memory
whole: 5 GB of RSS for a 1 MB file of zeros).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsweave import pubdate
from newsweave.errors import InputError
from newsweave.limits import Limits, check_html
from newsweave.model import RawInput, Rejection, Skipped
from newsweave.sources.decode import raw_hash
from newsweave.sources.payload import decode_payload, is_html

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

WARC_SUFFIXES = (".warc", ".warc.gz")
_CHUNK = 1 << 16
BOMB_RATIO = 100


def is_warc(path: Path) -> bool:
    """True for ``.warc`` and ``.warc.gz`` files (any case)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, *, max_bytes: int) -> Iterator[RawInput | Rejection | Skipped]:
    """Stream the HTML pages of one WARC file; never holds more than one record in memory."""
    from warcio.archiveiterator import WARCIterator

    skipped: Counter[str] = Counter()
    offset = 0
    bomb = _scan(path, cap=4 * max_bytes + (1 << 20)) if path.name.lower().endswith(".gz") else None
    try:
        with path.open("rb") as handle:
            size = bomb[0] if bomb else path.stat().st_size
            records = WARCIterator(_Upto(handle, size))
            for record in records:
                offset = records.offset
                yield from _record(record, f"{path}:{offset}", max_bytes=max_bytes, skipped=skipped)
            offset = records.offset
    except Exception as exc:  # warcio and zlib raise many kinds on broken archives
        yield Rejection(f"{path}:{offset}", f"broken WARC record at byte {offset}: {_describe(exc)}", "warc")
    else:
        if bomb is not None:
            yield Rejection(f"{path}:{bomb[0]}", bomb[1], "too_large")
        elif offset < size:
            yield Rejection(
                f"{path}:{offset}",
                f"truncated or corrupt WARC data from byte {offset} ({size - offset} bytes unreadable)",
                "warc",
            )
    if skipped:
        yield Skipped(str(path), "WARC records skipped: " + ", ".join(f"{n} {why}" for why, n in skipped.items()))


class _Upto:
    """A binary file that ends at byte ``size`` (warcio reads it through ``read`` and ``tell``)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle, self._size = handle, size

    def read(self, n: int = -1) -> bytes:
        left = self._size - self._handle.tell()
        return self._handle.read(left if n < 0 else min(n, left)) if left > 0 else b""

    def tell(self) -> int:
        return self._handle.tell()


def _scan(path: Path, *, cap: int) -> tuple[int, str] | None:
    try:
        return find_bomb(path, cap=cap)
    except (OSError, zlib.error):  # not gzip, or broken: warcio says so record by record
        return None


def find_bomb(path: Path, *, cap: int) -> tuple[int, str] | None:
    """The offset of the first gzip member that expands past ``cap`` at over 100:1, and why; never inflates
    more than ``cap`` plus one chunk of any member."""
    start = consumed = out = 0
    inflater = zlib.decompressobj(wbits=31)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            while chunk:
                before = len(chunk)
                out += len(inflater.decompress(chunk, _CHUNK))
                chunk = inflater.unconsumed_tail or inflater.unused_data
                consumed += before - len(chunk) if not inflater.eof else before - len(inflater.unused_data)
                if out > cap and out > BOMB_RATIO * max(1, consumed - start):
                    return start, _bomb_reason(start, out, consumed - start)
                if inflater.eof:
                    start, out, inflater = consumed, 0, zlib.decompressobj(wbits=31)
    return None


def _bomb_reason(offset: int, out: int, size: int) -> str:
    return (
        f"decompression bomb: the gzip member at byte {offset} inflates {size:,} bytes to over {out:,} "
        f"(more than {BOMB_RATIO}:1); it and the rest of the file are not read"
    )


def _record(
    record: ArcWarcRecord, origin: str, *, max_bytes: int, skipped: Counter[str]
) -> Iterator[RawInput | Rejection]:
    why = _skip_reason(record)
    if why is not None:
        skipped[why] += 1
        return
    content_type = record.http_headers.get_header("Content-Type")
    try:
        data = _payload(record, max_bytes=max_bytes)
        text = decode_payload(data, content_type)
    except InputError as exc:
        yield Rejection(origin, str(exc), exc.code)
        return
    yield RawInput(origin, "html", text, raw_hash(data), _meta(record, text))


def _skip_reason(record: ArcWarcRecord) -> str | None:
    """Why a record is not an article page, or None when it is one."""
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    if record.http_headers is None:
        return "non-HTTP responses"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return "non-200 responses"
    if not is_html(record.http_headers.get_header("Content-Type")):
        return "non-HTML responses"
    return None


def _payload(record: ArcWarcRecord, *, max_bytes: int) -> bytes:
    """The decoded HTTP body, refusing one over ``max_bytes`` or cut short by a truncated file."""
    data: bytes = record.content_stream().read(max_bytes + 1)
    while record.raw_stream.read(_CHUNK):
        pass
    if getattr(record.raw_stream, "limit", 0):
        declared = record.rec_headers.get_header("Content-Length")
        raise InputError(f"truncated WARC record (shorter than its Content-Length {declared})", code="warc")
    if len(data) > max_bytes:
        raise InputError(
            f"page is over the {max_bytes / 1_048_576:.1f} MB limit (set NEWSWEAVE_MAX_BYTES to change it)",
            code="too_large",
        )
    return data


def _meta(record: ArcWarcRecord, html: str) -> dict[str, str]:
    """URL from the record; the crawl date only for a page that declares no date of its own."""
    meta: dict[str, str] = {}
    url = record.rec_headers.get_header("WARC-Target-URI")
    if url:
        meta["url"] = url.strip("<> ")
    crawled = record.rec_headers.get_header("WARC-Date")
    if crawled and _parsable(html) and pubdate.html_date(html, meta.get("url")) is None:
        meta["published"] = crawled[:10]
    return meta


def _parsable(html: str) -> bool:
    """False for a page the HTML parser would choke on (it is rejected when built, with the reason)."""
    try:
        check_html(html, limits=Limits.from_settings())
    except InputError:
        return False
    return True


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
