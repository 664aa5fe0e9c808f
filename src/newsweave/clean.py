"""Boilerplate removal: plain text by our line rules, HTML via trafilatura then the same rules.

Each rule removes whole lines and says why (``DroppedLine.rule``), so the
cleaner can be scored line by line against a gold file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from newsweave.errors import InputError
from newsweave.limits import Limits, check_html, printable, within
from newsweave.model import Cleaned, DroppedLine
from newsweave.pubdate import DATE, find_marker

_TERMINAL = (".", "!", "?", ":", ";", "…", ",")
_QUOTES = "\"'”’“‘ "
_PREFIX_LINK = re.compile(
    r"^\s*(read more|read also|also read|see also|related|watch|listen|more on this story)\s*[:|»>-]",
    re.I,
)
_WIDGET = re.compile(
    r"^\s*(audio by \w+|listen to (this|the) (article|story)|share (this|on)\b.*|"
    r"advertisement|sponsored|skip to (main )?content|follow us on\b.*|click here\b.*|"
    r"sign up\b.*newsletter.*|subscribe\b.{0,60}|©.*|copyright\b.{0,80}|all rights reserved\.?|"
    r"we use cookies\b.*|accept( all)? cookies|\d+\s*min(ute)?s? read|print|email|tweet|"
    r"share|comments?|loading\.{0,3}|image source,?.*|image caption,?.*)\s*$",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"(contributed (reporting )?to this (report|story)\.?|^\(?(reporting|writing|editing) by\b.*)$",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"^\s*(?:"
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}\s*/\s*[A-Z][\w&.' -]{1,40}(?:,\s*File)?"
    r"|.{0,60}\bvia Getty Images"
    r"|(?:AFP|AP|Reuters|EPA|Getty Images|Shutterstock)(?:\s*(?:/|via)\s*[\w .]+)?"
    r"|(?:photo|image|picture)(?: credit)?s?\s*:\s*.{1,60}"
    r"|credit\s*:\s*.{1,60}"
    r")\s*$"
)
_FOOTERS = re.compile(
    r"^\s*(latest stories|related topics|related stories|related articles|related news|"
    r"more stories|more from [\w .]+|most read|most popular|trending( now)?|top stories|"
    r"you may also like|recommended( for you)?|more on this story|also in the news)\s*:?\s*$",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*[,|]\s*[\w .]+)?\s*$")
_BYLINE_STAMP = re.compile(
    r"^\s*(?i:(?:posted|written|published)\s+)?(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"\s*(?:[,|·•–—-]\s*)?(?P<stamp>.+)$"
)
# A line that is only a timestamp: "Published 9 August 2023, 16:36 GMT", "Updated: 4:36 pm", "3 hours ago".
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.I)
_AGO = re.compile(r"\b(?:\d+|an?|one|two|few)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?)"
                  r"\s+ago\b", re.I)  # fmt: skip
_STAMP_WORDS = re.compile(
    r"\b(?:posted|published|updated|last updated|first published|modified|edited|on|at|am|pm|gmt|utc|bst|cet|cest|"
    r"wat|eat|[ecmp][sd]t|z|mon|tue|wed|thu|fri|sat|sun)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|[+-]\d{2}:?\d{2}",
    re.I,
)
_STAMPED = re.compile(r"^\W*(?:posted|published|updated|last updated|first published|modified)\b", re.I)
# A reader-comment section: its heading, then entries signed and timestamped.
_COMMENTS_HEADING = re.compile(
    r"^\s*(?:(?:\d+|no|one|two|three)\s+(?:reader\s+)?(?:comments?|responses?|replies|reactions?)\b.{0,80}"
    r"|(?:reader\s+|user\s+)?(?:comments?|responses?|discussion|reactions)\s*(?:\(\d+\)|\d+)?"
    r"|(?:leave|post|add|write|submit)\s+an?\s+(?:reply|comment|response)\b.{0,40}"
    r"|(?:join|start)\s+the\s+(?:discussion|conversation|debate)|(?:show|view|see|read)\s+(?:all\s+)?\d*\s*comments)"
    r"\s*:?\s*$",
    re.I,
)
_NAME = re.compile(r"@?[A-Z][\w'’-]*(?:\s+@?[A-Z][\w'’.-]*){0,3}")
_FORM_HEADING = re.compile(r"^\s*(?:leave|post|add|write|submit)\s+an?\s+(?:reply|comment|response)\b", re.I)
_SIGNATURE = re.compile(
    r"^\s*\S.{0,60}?\s+(?:says|said|wrote|writes|replied|commented)\s*:?\s*$"
    r"|^\s*(?:reply|report|like|share|log in to reply|flag|report abuse|\d+\s+likes?)\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str


def clean_text(text: str, *, detect_title: bool = True) -> Cleaned:
    """Clean a plain-text article: drop boilerplate lines, lift headline and date marker."""
    lines = [_Line(i, t.strip()) for i, t in enumerate(_split_lines(text), start=1)]
    lines = [ln for ln in lines if ln.text]
    dropped: list[DroppedLine] = []
    marker = None
    if lines:
        head = lines[0]
        marker, rest = find_marker(head.text)
        if marker is not None:
            lines[0] = _Line(head.number, rest)
            if not rest:
                dropped.append(DroppedLine(head.number, head.text, "date-marker"))
                lines = lines[1:]
    kept = _drop_boilerplate(lines, dropped)
    title = None
    if detect_title and len(kept) > 1 and _is_headline(kept[0].text):
        title = kept[0].text
        kept = kept[1:]
    body = "\n\n".join(ln.text for ln in kept)
    return Cleaned(
        text=body,
        title=title,
        dropped=tuple(sorted(dropped, key=lambda d: d.number)),
        marker=marker,
    )


def clean_html(html: str, *, url: str | None = None, limits: Limits | None = None) -> Cleaned:
    """Extract the article body and metadata from HTML, then apply the line rules.

    A page whose shape would make the parser slow (see :mod:`newsweave.limits`)
    is refused before parsing, and extraction is bounded by ``html_timeout``.
    """
    limits = limits or Limits()
    html = printable(html)
    check_html(html, limits=limits)
    doc = within(limits.html_timeout, "extracting the page's text", lambda: _extract(html, url))
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article body found in the HTML page", code="no_body")
    meta = _html_meta(doc)
    cleaned = clean_text(text, detect_title=False)
    body, dropped = _strip_repeated_title(cleaned, meta.get("title"))
    if not body.strip():
        raise InputError("the HTML page's body is all boilerplate (read-more lines, captions, credits)", code="no_body")
    return Cleaned(body, meta.get("title"), dropped, cleaned.marker, meta)


def _extract(html: str, url: str | None) -> object:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"HTML could not be parsed: {exc}", code="html") from exc


def _strip_repeated_title(cleaned: Cleaned, title: str | None) -> tuple[str, tuple[DroppedLine, ...]]:
    """Drop the headline when the extractor left it as the body's first paragraph."""
    first, _, rest = cleaned.text.partition("\n\n")
    if title is None or not rest or _norm(first) != _norm(title):
        return cleaned.text, cleaned.dropped
    return rest, (DroppedLine(0, first, "title"), *cleaned.dropped)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _html_meta(doc: object) -> dict[str, str]:
    pairs = {"title": "title", "outlet": "sitename", "url": "url", "author": "author"}
    meta = {}
    for key, attr in pairs.items():
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return meta


def _split_lines(text: str) -> list[str]:
    return printable(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split("\n")


def _drop_boilerplate(lines: list[_Line], dropped: list[DroppedLine]) -> list[_Line]:
    for tail_rule, find in (("comments", _comments_start), ("footer", _footer_start)):
        tail = find(lines)
        if tail is not None:
            dropped.extend(DroppedLine(ln.number, ln.text, tail_rule) for ln in lines[tail:])
            lines = lines[:tail]
    kept: list[_Line] = []
    for index, line in enumerate(lines):
        rule = _line_rule(line.text, index)
        if rule is None and index + 1 < len(lines) and _is_credit(lines[index + 1].text):
            rule = "caption"
        if rule is None:
            kept.append(line)
        else:
            dropped.append(DroppedLine(line.number, line.text, rule))
    return kept


def is_timestamp(text: str) -> bool:
    """A line that only says when: a date and/or a clock time, with words such as "Published" or "Updated"."""
    if len(text.split()) > 14:
        return False
    rest = _STAMP_WORDS.sub(" ", _AGO.sub(" ", _CLOCK.sub(" ", DATE.sub(" ", re.sub(r"(?<=\d)T(?=\d)", " ", text)))))
    return rest != text and not re.search(r"[^\W\d_]", rest) and not re.search(r"\d{3,}|\d+\s+\d+", rest.strip())


def _line_rule(text: str, index: int) -> str | None:
    if _PREFIX_LINK.match(text):
        return "read-more"
    if _WIDGET.match(text):
        return "widget"
    if _CREDIT_TAIL.search(text):
        return "credits"
    if _is_credit(text):
        return "photo-credit"
    if index < 3 and _byline(text):
        return "byline"
    if (index < 3 or _STAMPED.match(text)) and is_timestamp(text):
        return "timestamp"  # when the article was written or updated, at its head or marked so
    if not re.search(r"\w", text):
        return "punctuation"
    return None


def _byline(text: str) -> bool:
    """ "By Hadiza Garba, Niamey", "By Hadiza Garba | 9 August 2023, 4:36 pm"."""
    if _BYLINE.match(text) and len(text.split()) <= 8:
        return True
    stamped = _BYLINE_STAMP.match(text)
    return stamped is not None and is_timestamp(stamped.group("stamp"))


def _is_credit(text: str) -> bool:
    return len(text.split()) <= 8 and not text.endswith(".") and bool(_PHOTO_CREDIT.match(text))


def _comments_start(lines: list[_Line]) -> int | None:
    """Where reader comments begin after the body: a comments heading followed by signed or timestamped entries
    (or a reply form), else at least two entries, each signed and timestamped, from the first to the end."""
    for index, line in enumerate(lines):
        if index == 0 or not _COMMENTS_HEADING.match(line.text):
            continue
        entries = [ln.text for ln in lines[index + 1 : index + 9]]
        if _FORM_HEADING.match(line.text) or any(_SIGNATURE.match(t) or is_timestamp(t) for t in entries):
            return index
    starts = [i for i in range(3, len(lines) - 1) if _entry(lines[i].text, lines[i + 1].text)]
    return starts[0] if len(starts) >= 2 else None


def _entry(first: str, second: str) -> bool:
    """A comment's head: a signature ("Amadou says:", or a short name) and its timestamp, or both on one line."""
    if is_timestamp(second) and (_SIGNATURE.match(first) or _NAME.fullmatch(first)):
        return True
    name, _, stamp = first.partition(" · ")
    return bool(stamp) and bool(_NAME.fullmatch(name)) and is_timestamp(stamp)


def _footer_start(lines: list[_Line]) -> int | None:
    for index, line in enumerate(lines):
        if index == 0 or not _FOOTERS.match(line.text):
            continue
        tail = lines[index + 1 :]
        short = sum(1 for ln in tail if len(ln.text.split()) < 16)
        if index >= len(lines) // 2 or not tail or short >= 0.7 * len(tail):
            return index
    return None


def _is_headline(text: str) -> bool:
    words = len(text.split())
    return 2 <= words <= 30 and not text.rstrip(_QUOTES).endswith(_TERMINAL)
