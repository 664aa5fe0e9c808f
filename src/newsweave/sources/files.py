"""Walk paths (files, directories, ``-`` for stdin, URLs) and stream inputs one by one."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, TextIO

from newsweave.errors import InputError
from newsweave.model import RawInput, Rejection, Skipped
from newsweave.settings import get_settings
from newsweave.sources.decode import check_size, decode, raw_hash
from newsweave.sources.html import html_input
from newsweave.sources.jsonl import iter_records, parse_record
from newsweave.sources.text import text_input
from newsweave.sources.warc import is_warc, read_warc
from newsweave.sources.web import Fetcher, FetchOptions, is_url

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSONL_EXT

Item = RawInput | Rejection | Skipped
_CHUNK = 1 << 16


def iter_inputs(
    paths: Iterable[str], *, max_bytes: int, stdin: TextIO | None = None, fetch: FetchOptions | None = None
) -> Iterator[Item]:
    """Yield every input under ``paths`` lazily, in a stable order.

    URLs (pages and feeds) share one HTTP client, opened at the first URL;
    ``fetch`` defaults to the timeout, rate and user agent of the settings.
    """
    with ExitStack() as stack:
        fetcher: Fetcher | None = None
        for given in paths:
            if is_url(given):
                if fetcher is None:
                    options = fetch or FetchOptions.from_settings(get_settings())
                    fetcher = stack.enter_context(Fetcher(options, max_bytes=max_bytes))
                yield from fetcher.inputs(given)
            else:
                yield from _local(given, max_bytes=max_bytes, stdin=stdin)


def _local(given: str, *, max_bytes: int, stdin: TextIO | None) -> Iterator[Item]:
    if given == "-":
        yield from iter_records("<stdin>", stdin if stdin is not None else sys.stdin, max_depth=_json_depth())
        return
    path = Path(given)
    if path.is_dir():
        yield from _walk(path, max_bytes=max_bytes)
    elif path.exists():
        yield from read_file(path, max_bytes=max_bytes)
    else:
        yield Rejection(given, "no such file or directory", "missing")


def count_files(paths: Iterable[str]) -> int | None:
    """How many input files ``paths`` hold (None when stdin or a URL, maybe a feed, is among them)."""
    total = 0
    for given in paths:
        if given == "-" or is_url(given):
            return None
        path = Path(given)
        total += sum(1 for _ in _candidates(path)) if path.is_dir() else 1
    return total


def _candidates(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        hidden = any(p.startswith(".") for p in path.relative_to(root).parts)
        if path.is_file() and not hidden and _supported(path):
            yield path


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED or is_warc(path)


def _walk(root: Path, *, max_bytes: int) -> Iterator[Item]:
    for path in sorted(root.rglob("*")):
        hidden = any(p.startswith(".") for p in path.relative_to(root).parts)
        if not path.is_file() or hidden:
            continue
        if _supported(path):
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield Skipped(str(path), f"not an input format ({path.suffix or 'no extension'})")


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Read one file; JSONL files stream one record per line, WARC files one page per HTML response."""
    origin = str(path)
    if is_warc(path):
        yield from read_warc(path, max_bytes=max_bytes)
        return
    try:
        kind = _kind(path)
        if kind == "jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
            return
        check_size(path.stat().st_size, limit=max_bytes)
        data = path.read_bytes()
        text, _ = decode(data)
    except InputError as exc:
        yield Rejection(origin, str(exc), exc.code)
        return
    except OSError as exc:
        yield Rejection(origin, f"unreadable: {exc.strerror or exc}", "unreadable")
        return
    digest = raw_hash(data)
    yield html_input(origin, text, digest) if kind == "html" else text_input(origin, text, digest)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_EXT:
        return "jsonl"
    if suffix in HTML_EXT:
        return "html"
    if suffix in TEXT_EXT:
        return "text"
    with path.open("rb") as handle:
        head = handle.read(512).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article")):
        return "html"
    return "jsonl" if head.startswith(b"{") else "text"


def _json_depth() -> int:
    return get_settings().max_json_depth


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """One record per line; a line over ``max_bytes`` is refused without being held whole in memory."""
    max_depth = _json_depth()
    with path.open("rb") as handle:
        for number, (line, size) in enumerate(_bounded_lines(handle, max_bytes), start=1):
            if not line.strip() and size == len(line):
                continue
            origin = f"{path}:{number}"
            try:
                check_size(size, limit=max_bytes)
                text, _ = decode(line)
            except InputError as exc:
                yield Rejection(origin, str(exc), exc.code)
                continue
            yield parse_record(origin, text, max_depth=max_depth)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """``(line, size)`` per line; a line over ``limit`` bytes is cut there (``size`` is its true length)."""
    while line := handle.readline(limit + 1):
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            while rest := handle.readline(_CHUNK):
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
        yield line, size
