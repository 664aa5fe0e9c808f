"""HTTP payloads, fetched live or read from a WARC record: media types and charset-aware decoding."""

from __future__ import annotations

import codecs
from email.message import Message

from newsweave.errors import InputError
from newsweave.sources.decode import decode

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` → ``text/html`` (lower case; empty when absent)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares, if it names a known codec."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    name = message.get_param("charset")
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def is_html(content_type: str | None) -> bool:
    """True for an HTML or XHTML media type."""
    return media_type(content_type) in HTML_TYPES


def decode_payload(data: bytes, content_type: str | None) -> str:
    """Decode with the declared charset; fall back to the file decoder's checks and guesses."""
    declared = charset(content_type)
    if declared is not None and data.strip():
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    text, _ = decode(data)
    return text


def not_html(content_type: str | None) -> InputError:
    """The rejection reason for a payload that is not a web page."""
    shown = media_type(content_type) or "none given"
    return InputError(f"not an HTML page (content type {shown})", code="not_html")
