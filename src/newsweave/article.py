"""Build one :class:`Article` from one raw input: clean, check, date and hash it.

A pure per-article stage: no store, no files, no network.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from newsweave import lang, pubdate
from newsweave.clean import clean_html, clean_text
from newsweave.errors import InputError
from newsweave.limits import Limits, check_text
from newsweave.model import Article, Cleaned, RawInput

# Dropped lines that still tell when the article was written (not a reader comment's timestamp).
EVIDENCE_RULES = frozenset({"caption", "photo-credit", "timestamp", "byline"})


def content_id(text: str, *, url: str | None, outlet: str | None) -> str:
    """Content hash of the cleaned text, keyed by where it was published.

    A verbatim copy on another site is its own article (the fusion stages
    link copies); the same input ingested twice gets the same id.
    """
    key = "\x1f".join((url or "", outlet or "", text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def build(
    raw: RawInput,
    *,
    outlet: str | None = None,
    published: date | None = None,
    min_words: int = 25,
    languages: tuple[str, ...] = ("en",),
    limits: Limits | None = None,
) -> Article:
    """Turn a raw input into an article, or raise :class:`InputError` with the reason.

    ``limits`` bound what a hostile input may cost (default: those of the settings).
    """
    limits = limits or Limits.from_settings()
    cleaned = _clean(raw, limits)
    check_text(cleaned.text, limits=limits)
    meta = {**cleaned.meta, **raw.meta}
    words = len(cleaned.text.split())
    if words < min_words:
        if raw.kind == "html":
            raise InputError(
                f"no article body found in the HTML page (only {words} words of text)",
                code="no_body",
            )
        raise InputError(f"too short to be an article ({words} words after cleaning)", code="too_short")
    code = lang.require(cleaned.text, languages=languages)
    metadata_date, metadata_from = meta.get("published"), "metadata field"
    if metadata_date is None and raw.kind == "html":
        metadata_date, metadata_from = (
            pubdate.html_date(raw.content, meta.get("url")),
            "HTML page metadata",
        )
    extra = [d.text for d in cleaned.dropped if d.rule in EVIDENCE_RULES]
    when = pubdate.resolve(
        metadata=metadata_date,
        metadata_from=metadata_from,
        given=published,
        marker=cleaned.marker,
        text=cleaned.text,
        extra=extra,
    )
    url = web_url(meta.get("url"))
    source = meta.get("outlet") or outlet
    return Article(
        id=content_id(cleaned.text, url=url, outlet=source),
        url=url,
        outlet=source,
        title=meta.get("title") or cleaned.title,
        published=when.value,
        published_source=when.source,
        published_evidence=when.evidence,
        published_flag=when.flag,
        text=cleaned.text,
        raw_hash=raw.raw_hash,
        lang=code,
        origin=raw.origin,
        external_id=meta.get("id"),
        dropped=cleaned.dropped,
    )


def web_url(url: str | None) -> str | None:
    """The URL if it is an http(s) one; anything else (``javascript:``, ``data:``, junk) is not kept as a link."""
    if url is None:
        return None
    url = url.strip()
    return url if re.match(r"https?://[^\s<>\"'`]+$", url, re.I) else None


def _clean(raw: RawInput, limits: Limits) -> Cleaned:
    if raw.kind == "html":
        return clean_html(raw.content, url=raw.meta.get("url"), limits=limits)
    return clean_text(raw.content)
