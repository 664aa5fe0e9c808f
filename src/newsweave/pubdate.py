"""Publication dates: from metadata, a date written in the text, or inferred from content.

Every result says how it was obtained and why (``Published.evidence``); an
inferred date is never presented as a given one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.errors import UsageError
from newsweave.model import DateMarker, Published

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?P<m{n}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<y{n}>(?:19|20)\d{{2}})"
_DATE_INNER = (
    _MONTH.format(n=1) + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR.format(n=1) + r")?"
    + r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(n=2)
    + r"(?:,?\s+" + _YEAR.format(n=2) + r")?"
    + r"|(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})"
)  # fmt: skip
# An absolute calendar date as written ("July 26", "26 July 2023", "Aug. 6, 2023", "2023-08-06").
DATE = re.compile(r"\b(?:" + _DATE_INNER + r")\b")
_MARKER = re.compile(
    r"^\s*(?:(?P<kw>date|published|posted|updated|first published|last updated)\b\s*(?:on\s*)?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<date>" + _DATE_INNER + r")"
    r"(?:[ T,]+\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?"
    r"\s*(?:[-–—|:]\s*)?",
    re.I,
)
_WEEKDAY_CUE = re.compile(
    r"\b(?i:on|last|this|since|late on|early on)\s+(?P<w1>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<w2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:night|morning|evening|afternoon)\b"
)
MARKER_GAP_DAYS = 30


@dataclass(frozen=True, slots=True)
class DateMention:
    """An absolute date written in a text; ``year_given`` is False for "July 26"."""

    text: str
    month: int
    day: int
    year: int | None

    def on(self, year: int) -> date | None:
        try:
            return date(self.year or year, self.month, self.day)
        except ValueError:
            return None


def parse_date(value: str) -> date:
    """Parse an ISO date or datetime given by a user or a metadata field."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise UsageError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def date_mentions(text: str) -> list[DateMention]:
    """Every absolute calendar date in ``text`` (with or without a year)."""
    found = []
    for match in DATE.finditer(text):
        mention = _to_mention(match)
        if mention is not None:
            found.append(mention)
    return found


def _to_mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year: int | None
    if groups["y3"]:
        month, day, year = int(groups["m3"]), int(groups["d3"]), int(groups["y3"])
    else:
        name = groups["m1"] or groups["m2"]
        if name is None or not name[0].isupper():
            return None
        month = MONTHS[name[:3].lower()]
        day = int(groups["d1"] or groups["d2"])
        year_text = groups["y1"] or groups["y2"]
        year = int(year_text) if year_text else None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(match.group(0), month, day, year)


def find_marker(line: str) -> tuple[DateMarker | None, str]:
    """A date written at the start of an article's first line, and the rest of the line."""
    match = _MARKER.match(line)
    if not match:
        return None, line
    mentions = date_mentions(match.group("date"))
    rest = line[match.end() :].strip()
    if not mentions or mentions[0].year is None:
        return None, line
    is_iso = "-" in match.group("date")
    if not (match.group("kw") or is_iso or not rest):
        return None, line
    value = mentions[0].on(mentions[0].year)
    if value is None:
        return None, line
    return DateMarker(value, match.group(0).strip()), rest


def resolve(
    *,
    metadata: str | None,
    metadata_from: str = "metadata field",
    given: date | None,
    marker: DateMarker | None,
    text: str,
    extra: Iterable[str] = (),
) -> Published:
    """Choose the publication date: metadata, then ``given``, then a marker, then content."""
    evidence_text = "\n".join([text, *extra])
    if metadata:
        try:
            return Published(parse_date(metadata), "metadata", f"{metadata_from}: {metadata}")
        except UsageError:
            pass
    if given is not None:
        return Published(given, "given", "given by the user (--published)")
    if marker is not None:
        return Published(
            marker.value,
            "byline",
            f"date marker {marker.text!r}",
            _marker_flag(marker, evidence_text),
        )
    return infer(evidence_text)


def _marker_flag(marker: DateMarker, text: str) -> str | None:
    dates = _resolved(date_mentions(text), marker.value)
    if not dates:
        return None
    latest_text, latest = max(dates, key=lambda pair: pair[1])
    gap = (marker.value - latest).days
    if gap <= MARKER_GAP_DAYS:
        return None
    return (
        f"marker date {marker.value.isoformat()} is {gap} days after the latest date in the text "
        f"({latest_text!r} = {latest.isoformat()}): it may be a crawl or update date"
    )


def _resolved(mentions: list[DateMention], anchor: date) -> list[tuple[str, date]]:
    """Dates on or before ``anchor``; year-less ones take the anchor's year (or the one before)."""
    out = []
    for mention in mentions:
        value = mention.on(anchor.year)
        if value is not None and mention.year is None and value > anchor:
            value = mention.on(anchor.year - 1)
        if value is not None and value <= anchor:
            out.append((mention.text, value))
    return out


def infer(text: str) -> Published:
    """Infer a date from the content: the latest full date, moved on by weekday cues."""
    mentions = date_mentions(text)
    full = [(m.text, m.on(m.year)) for m in mentions if m.year is not None]
    dated = [(t, d) for t, d in full if d is not None]
    if not dated:
        partial = [m.text for m in mentions]
        why = (
            f"dates in the text lack a year: {', '.join(repr(p) for p in partial[:3])}"
            if partial
            else ("no absolute date in the text")
        )
        return Published(None, "unknown", why)
    anchor_text, anchor = max(dated, key=lambda pair: pair[1])
    floor = max(_resolved(mentions, anchor + timedelta(days=60)), key=lambda pair: pair[1])
    value, evidence = floor[1], f"latest date in the text {floor[0]!r}"
    if floor[1] != anchor:
        evidence += f" (year from {anchor_text!r})"
    cue = _weekday_cue(text, value)
    if cue is not None:
        value, evidence = cue[1], f"{evidence}; {cue[0]!r} falls on or after it"
    return Published(value, "inferred", f"{evidence} → {value.isoformat()} (earliest consistent date)")


def _weekday_cue(text: str, anchor: date) -> tuple[str, date] | None:
    best: tuple[str, date] | None = None
    for match in _WEEKDAY_CUE.finditer(text):
        name = (match.group("w1") or match.group("w2")).lower()
        ahead = (WEEKDAYS.index(name) - anchor.weekday()) % 7
        candidate = anchor + timedelta(days=ahead)
        if best is None or candidate > best[1]:
            best = (match.group(0), candidate)
    return best


def html_date(html: str, url: str | None = None) -> str | None:
    """The publication date an HTML page declares in its metadata or URL (htmldate).

    Only metadata is read (no search of the visible text), so the result is
    fit to be labelled ``metadata``.
    """
    from htmldate import find_date

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on some malformed pages; no date is the honest answer
        return None
    return str(found) if found else None
