"""Date salience: which days of a story matter most, by how many independent sources state them.

A day is salient when many independent sources (articles after copies are
collapsed onto their original's source) write a date expression that resolves to
it ("on Tuesday", "April 20", "25 June 2009", resolved against the article's
publication date). A source counts once per day however often it repeats it.
News reports an event the day it happens or the day after, so each source that
published on the day, or on the next, adds half a source. A page stamp (a byline,
update line, dateline or comment time: ``extract.stamps``) says when a page was
written, which its publication already counts, so it states no day. Ties go to the day
more events are dated on, then to the day more sources refer back to from later
articles. Pure: mentions and events in, ranked days out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.extract.dates import resolve
from newsweave.extract.stamps import is_page_stamp

PUBLISHED_WEIGHT = 0.5  # a source that published on the day, or on the day after
STAMP_WEIGHT = 0.0  # a source that gives a day only in a page stamp: its publication already counts
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ORDINAL = r"\d{1,2}(st|nd|rd|th)?"
_DAY_OF_MONTH = re.compile(rf"\b{_MONTH}\s+{_ORDINAL}\b|\b{_ORDINAL}\s+(of\s+)?{_MONTH}", re.I)  # "Oct. 8", "8 October"
_YEAR = re.compile(r"\b\d{3,4}\b|'\d{2}\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression of an article (its text and offsets) with the article's publication date."""

    article_id: str
    text: str
    published: date | None
    start: int = 0
    end: int = 0
    before: str = ""  # the text just before and after the expression (to tell a page stamp)
    after: str = ""


@dataclass(frozen=True, slots=True)
class Stated:
    """A day one article states, and where."""

    article_id: str
    day: date
    start: int
    end: int
    later: bool
    stamp: bool = False  # a page stamp (byline, update line, comment time): when a page was written, not an event


@dataclass(frozen=True, slots=True)
class DaySalience:
    day: date
    score: float
    sources: int
    events: int
    published: int
    later: int
    stated: tuple[Stated, ...]


def stated_days(mentions: Iterable[DateMention]) -> list[Stated]:
    """The mentions that resolve to one day (not a week, month or year)."""
    found = []
    for m in mentions:
        if m.published is None:
            continue
        day = stated_day(m.text, m.published)
        if day is not None:
            stamp = is_page_stamp(m.before, m.text, m.after)
            found.append(Stated(m.article_id, day, m.start, m.end, day < m.published, stamp))
    return found


def stated_day(text: str, published: date) -> date | None:
    """The one day an expression states, else None; a day and month without a year is the occurrence nearest
    ``published`` ("8 October" written in July is the coming one, in November the last one)."""
    day, precision = resolve(text, published)
    if day is None or precision != "day":
        return None
    if not _DAY_OF_MONTH.search(text) or _YEAR.search(text):
        return day
    ahead, unit = resolve(text, published, future=True)
    if ahead is not None and unit == "day" and ahead - published < published - day:
        return ahead
    return day


def rank_days(
    stated: Iterable[Stated],
    *,
    source_of: Mapping[str, str],
    event_days: Iterable[date] = (),
    published: Iterable[tuple[str, date]] = (),
    start: date | None = None,
    end: date | None = None,
    stamp_weight: float = STAMP_WEIGHT,
) -> list[DaySalience]:
    """Every day within ``start``–``end`` that a source states, published on or dates an event on, most salient
    first. A source that gives a day only in page stamps counts ``stamp_weight`` of a source."""
    stating: dict[date, dict[str, float]] = defaultdict(dict)
    later: dict[date, set[str]] = defaultdict(set)
    where: dict[date, list[Stated]] = defaultdict(list)
    for s in stated:
        source = source_of.get(s.article_id, s.article_id)
        weight = stamp_weight if s.stamp else 1.0
        stating[s.day][source] = max(weight, stating[s.day].get(source, 0.0))
        if s.later and not s.stamp:
            later[s.day].add(source)
        where[s.day].append(s)
    issued: dict[date, set[str]] = defaultdict(set)
    for article_id, day in published:
        issued[day].add(source_of.get(article_id, article_id))
    events = Counter(event_days)
    every = (*stating, *issued, *events)
    days = {d for d in every if (start is None or d >= start) and (end is None or d <= end)}
    ranked = [DaySalience(day, _score(day, stating, issued), _sources(stating.get(day, {})), events[day],
                          len(issued[day]), len(later[day]), tuple(where[day])) for day in days]  # fmt: skip
    ranked.sort(key=lambda d: (-d.score, -d.events, -d.later, d.day))
    return ranked


def _sources(weights: Mapping[str, float]) -> int:
    """How many sources state a day other than in a page stamp."""
    return sum(1 for w in weights.values() if w == 1.0)


def _score(day: date, stating: Mapping[date, Mapping[str, float]], issued: Mapping[date, set[str]]) -> float:
    reported = len(issued.get(day, ())) + len(issued.get(day + timedelta(days=1), ()))
    return sum(stating.get(day, {}).values()) + PUBLISHED_WEIGHT * reported
