"""Web inputs: HTML pages and RSS/Atom feeds fetched over HTTP, politely.

A URL given to ``ingest`` is fetched once. A feed (an RSS/Atom content type,
or XML whose root is not ``<html>``) yields one page per entry: each entry's
link is fetched, with the entry's title, date and link as metadata. An HTML
page is one input. Everything else becomes a rejection whose origin is the URL
and whose reason says what happened: HTTP 4xx/5xx, a content type that is not
HTML, a time-out, a refused connection, a malformed feed.

One :class:`Fetcher` serves a whole run: keep-alive connections, a timeout,
a per-host rate limit and a user agent that names newsweave and its version.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

from newsweave.errors import InputError
from newsweave.model import RawInput, Rejection
from newsweave.settings import Settings
from newsweave.sources.decode import raw_hash
from newsweave.sources.payload import HTML_TYPES, decode_payload, media_type, not_html

if TYPE_CHECKING:
    import httpx

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/feed+xml",
    }
)
XML_TYPES = frozenset({"application/xml", "text/xml"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_ROOT = re.compile(rb"<html[\s>]", re.I)
_PHASES = {
    "ConnectTimeout": "connecting",
    "ReadTimeout": "waiting for the response",
    "WriteTimeout": "sending the request",
    "PoolTimeout": "waiting for a free connection",
}
PageKind = Literal["html", "feed"]


def is_url(value: str) -> bool:
    """True for anything written as ``scheme://...`` (non-HTTP schemes are rejected when fetched)."""
    return bool(_SCHEME.match(value))


def default_user_agent() -> str:
    """``newsweave/<version>`` and what it is doing, so that site owners can tell."""
    from newsweave import __version__

    return f"newsweave/{__version__} (news analysis; fetches only the feeds and pages it is given)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Timeout (seconds), per-host rate (requests per second) and user agent."""

    timeout: float = 10.0
    rate: float = 1.0
    user_agent: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(timeout=settings.http_timeout, rate=settings.http_rate, user_agent=settings.user_agent)


class HostLimiter:
    """At most ``rate`` request starts per second to any one host; other hosts do not wait."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next: dict[str, float] = {}

    def wait(self, host: str) -> None:
        """Block until ``host`` may be sent another request, and book that slot."""
        now = self._clock()
        due = self._next.get(host, now)
        if due > now:
            self._sleep(due - now)
            now = due
        self._next[host] = now + self._interval


@dataclass(frozen=True, slots=True)
class Page:
    """A successful response: what it is and its (decompressed) body."""

    kind: PageKind
    content_type: str
    body: bytes


class Fetcher:
    """One HTTP client for a run; use as a context manager so connections are closed."""

    def __init__(self, options: FetchOptions, *, max_bytes: int) -> None:
        import httpx

        self._options, self._max_bytes = options, max_bytes
        self._limiter = HostLimiter(options.rate)
        self._client = httpx.Client(
            timeout=options.timeout,
            follow_redirects=True,
            headers={"User-Agent": options.user_agent or default_user_agent()},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def inputs(self, url: str) -> Iterator[RawInput | Rejection]:
        """A page as one input, a feed as one input per entry; failures as rejections."""
        try:
            page = self.fetch(url, feeds=True)
        except InputError as exc:
            yield Rejection(url, str(exc), exc.code)
            return
        if page.kind == "feed":
            yield from self._entries(url, page)
        else:
            yield _html_input(url, page, {"url": url})

    def fetch(self, url: str, *, feeds: bool) -> Page:
        """GET ``url`` under the rate limit; raise :class:`InputError` with the reason on any failure."""
        import httpx

        self._limiter.wait(_host(url))
        try:
            with self._client.stream("GET", url) as response:
                return self._page(response, feeds=feeds)
        except httpx.TimeoutException as exc:
            phase = _PHASES.get(type(exc).__name__, "waiting")
            raise InputError(f"timed out after {self._options.timeout:g} s {phase}", code="timeout") from exc
        except httpx.TooManyRedirects as exc:
            raise InputError("too many redirects", code="http") from exc
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise InputError(f"connection failed: {exc or type(exc).__name__}", code="connection") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise InputError(f"HTTP error: {type(exc).__name__}: {exc}", code="http") from exc

    def _page(self, response: httpx.Response, *, feeds: bool) -> Page:
        if response.status_code >= 400:
            raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".strip(), code="http")
        content_type = response.headers.get("content-type", "")
        media = media_type(content_type)
        allowed = HTML_TYPES | XML_TYPES | (FEED_TYPES if feeds else frozenset())
        if media not in allowed:
            raise not_html(content_type)
        body = _read(response, max_bytes=self._max_bytes)
        kind: PageKind = "html" if media in HTML_TYPES or _HTML_ROOT.search(body[:4096]) else "feed"
        if kind == "feed" and not feeds:
            raise not_html(content_type)
        return Page(kind, content_type, body)

    def _entries(self, feed_url: str, page: Page) -> Iterator[RawInput | Rejection]:
        import feedparser

        parsed = feedparser.parse(
            io.BytesIO(page.body),
            response_headers={"content-type": page.content_type, "content-location": feed_url},
        )
        entries = list(parsed.entries)
        error = parsed.get("bozo_exception") if parsed.bozo else None
        if isinstance(error, feedparser.ThingsNobodyCaresAboutButMe):
            error = None  # a charset or content-type mismatch: the feed itself parsed
        if error is not None:
            entries = [e for e in entries if e.get("link")]
            recovered = f"; {len(entries)} entries with a link read before the error" if entries else ""
            yield Rejection(feed_url, f"malformed feed: {_feed_error(error)}{recovered}", "feed")
        elif not entries:
            yield Rejection(feed_url, "feed has no entries", "feed")
        for number, entry in enumerate(entries, start=1):
            yield self._entry(feed_url, number, entry)

    def _entry(self, feed_url: str, number: int, entry: Any) -> RawInput | Rejection:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            return Rejection(f"{feed_url}#entry-{number}", "feed entry has no link", "feed")
        url = urljoin(feed_url, link.strip())
        try:
            page = self.fetch(url, feeds=False)
        except InputError as exc:
            return Rejection(url, str(exc), exc.code)
        return _html_input(url, page, entry_meta(url, entry))


def entry_meta(url: str, entry: Any) -> dict[str, str]:
    """A feed entry's link, title and publication date (ISO) as input metadata."""
    meta = {"url": url}
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        meta["title"] = " ".join(title.split())
    published = entry_date(entry)
    if published is not None:
        meta["published"] = published.isoformat()
    return meta


def entry_date(entry: Any) -> date | None:
    """The entry's own date as written (local to its time zone), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if isinstance(written, str) and written.strip():
            found = _parse_datetime(written.strip())
            if found is not None:
                return found
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(parsed[0], parsed[1], parsed[2])
    return None


def _parse_datetime(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _html_input(url: str, page: Page, meta: dict[str, str]) -> RawInput | Rejection:
    try:
        text = decode_payload(page.body, page.content_type)
    except InputError as exc:
        return Rejection(url, str(exc), exc.code)
    return RawInput(url, "html", text, raw_hash(page.body), meta)


def _host(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url!r}", code="url")
    return parts.hostname


def _read(response: httpx.Response, *, max_bytes: int) -> bytes:
    """The body, refused as soon as it passes ``max_bytes`` (never buffered beyond it)."""
    declared = response.headers.get("content-length", "")
    size, chunks = int(declared) if declared.isdigit() else 0, []
    if size > max_bytes:
        raise _too_large(max_bytes)
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> InputError:
    return InputError(
        f"response is over the {max_bytes / 1_048_576:.1f} MB limit (set NEWSWEAVE_MAX_BYTES to change it)",
        code="too_large",
    )


def _feed_error(exc: object) -> str:
    """``not well-formed XML (no element found)`` for an XML error; the first line of anything else."""
    if isinstance(exc, SAXParseException):
        return f"not well-formed XML ({exc.getMessage()})"  # feedparser's line numbers are off by its prolog
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def read_url_list(path: str) -> list[str]:
    """Inputs listed in a file, one per line (URLs, or paths); blank lines and ``#`` comments are ignored."""
    with open(path, encoding="utf-8-sig") as handle:
        lines = (line.strip() for line in handle)
        return [line for line in lines if line and not line.startswith("#")]
