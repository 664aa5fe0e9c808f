"""HTML pages: passed on whole; the cleaner extracts body and metadata."""

from __future__ import annotations

from newsweave.model import RawInput


def html_input(origin: str, text: str, digest: str) -> RawInput:
    """An HTML input; metadata is read from the page by the cleaner."""
    return RawInput(origin=origin, kind="html", content=text, raw_hash=digest)
