"""When: resolve an event's time expression against the article's publication date.

Only calendar expressions date an event: durations ("a 20-minute speech", "for
three weeks"), ages ("a 33-year-old") and clock times ("at 6:23 pm") do not.
Weekdays go back to the latest such day on or before publication, forward for an
act still to come (a future tense, "to" under a verb of intent, or a planned or
threatened act whose tense does not say); "last week", "in July", "since July 26"
and the rest go through ``dateparser`` with ``RELATIVE_BASE`` set to the
publication date. A relative expression keeps the precision it states: "three
years ago" is a year, "six months ago" a month, "three weeks ago" a week. No
expression: the publication date, with precision ``publication``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsweave.extract.explicit_dates import explicit
from newsweave.extract.modality import CONDITIONAL_AUX, FUTURE_AUX, PLANNING, SPEECH, THREATS
from newsweave.model import EventDate, Span
from newsweave.nlp import entities_in, per_sentence
from newsweave.pubdate import WEEKDAYS

_NOISE = re.compile(r"^(on|in|since|from|by|at|during|of|late|early|the|this past)\s+", re.I)
_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|past|coming) )?(?P<day>monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday)\b", re.I)  # fmt: skip
_UNIT_ONLY = re.compile(r"^(night|morning|evening|afternoon|weekend|days?|weeks?|months?|years?|hours?)$", re.I)
_DURATION = re.compile(
    r"\b(for|within|of)\b|\b(days|weeks|months|years|hours|minutes|seconds)\b(?! ago)"
    r"|-(second|minute|hour|day|week|month|year)s?\b",
    re.I,
)
# A calendar word: what makes an expression a date rather than a clock time ("6:23 pm") or an amount of time.
_CALENDAR = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|"
    r"june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|today|tonight|yesterday|tomorrow|"
    r"day|days|weekend|week|weeks|month|months|year|years|decade|decades|century|spring|summer|autumn|fall|winter|"
    r"(19|20)\d{2}s?)\b|\d{1,2}/\d{1,2}|\b(hours?|minutes?) ago\b",
    re.I,
)
_AGE = re.compile(r"-years?-old\b|\byears? old\b|\baged\b", re.I)
# A decade ("the 1980s", "the late 1990s", "the mid-1970s"): a span of years, never the day before publication.
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)'?s$", re.I)
# One unit with no direction ("one day", "just a day", "in a single week"): an amount of time or "some day", not
# a point ("a day ago", "the next day" and "a day after" have their direction).
_ONE_UNIT = re.compile(r"^(?:(?:just|only|in|within|for|about|nearly|almost|over|barely)\s+)*(?:one|a|an|a single)"
                       r"\s+(?:day|night|week|month|year)$", re.I)  # fmt: skip
_AGO = re.compile(r"\bago\b", re.I)
_AGO_UNIT = re.compile(r"\b(year|decade|century|month|week)s?\b.*\bago\b", re.I)
PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}
AGO_PRECISION = {"year": "year", "decade": "year", "century": "year", "month": "month", "week": "week"}


def shift(day: date, days: int) -> date | None:
    """``day`` moved by ``days``, or None past the calendar's ends (a hostile "published: 9999-12-31")."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def is_calendar(text: str) -> bool:
    """Whether an expression names a point on the calendar: not a clock time, a duration or an age."""
    if _AGE.search(text) or not (_CALENDAR.search(text) or _ANCHORED.match(text.strip())):
        return False
    return not (_DURATION.search(text) and not re.search(r"\b(last|this|next|ago)\b", text, re.I))


@lru_cache(maxsize=8192)
def resolve(text: str, published: date | None, *, future: bool = False) -> tuple[date | None, str | None]:
    """A time expression to ``(date, precision)`` relative to ``published``; (None, None) if unknown."""
    if not is_calendar(text) or _ONE_UNIT.match(text.strip()):
        return None, None
    decade = _DECADE.match(text.strip())
    if decade:
        return date(int(decade.group("decade")), 1, 1), "year"
    expression = _NOISE.sub("", text.strip().lower())
    expression = re.sub(r"\b(night|morning|evening|afternoon|dawn|at|late|early)\b", "", expression)
    expression = re.sub(r"\b\d{1,2}(:\d{2})?\s*(a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d{2}\b", "", expression)
    expression = re.sub(r"\s+", " ", expression).strip()
    weekday = _WEEKDAY.search(expression)
    if weekday and published is not None:
        return _weekday(published, weekday, last_week=bool(re.search(r"\blast week\b", expression)), future=future)
    if published is None and not re.search(r"\b(19|20)\d{2}\b", expression):
        return None, None
    value, period = _parse(expression, published, future)
    if value is None:
        return None, None
    return _to_precision(expression, value, period)


def _weekday(published: date, match: re.Match[str], *, last_week: bool, future: bool) -> tuple[date | None, str | None]:
    """ "on Monday": the latest Monday on or before publication, or the next one on or after it for an act to come;
    "last Monday" and "next Monday" say which."""
    target, relation = WEEKDAYS.index(match.group("day").lower()), (match.group("rel") or "").lower()
    if last_week:
        day = shift(published, target - published.weekday() - 7)
    elif relation == "next" or (future and relation not in {"last", "past"}):
        ahead = (target - published.weekday()) % 7
        day = shift(published, ahead or (7 if relation == "next" else 0))
    else:
        behind = (published.weekday() - target) % 7
        day = shift(published, -(behind or (7 if relation in {"last", "past"} else 0)))
    return (day, "day") if day is not None else (None, None)


def _parse(expression: str, published: date | None, future: bool) -> tuple[date | None, str | None]:
    day = published or date(2000, 1, 1)
    stated = explicit(expression, day)
    if stated is not None:  # a fully stated date: the same answer as dateparser's, without its cost
        return stated
    base = datetime.combine(day, datetime.min.time())
    try:
        data = _parser(base, future).get_date_data(expression)
    except (OverflowError, ValueError):  # dateparser near the calendar's ends
        return None, None
    return (data.date_obj.date(), data.period) if data.date_obj is not None else (None, None)


def _to_precision(expression: str, value: date, period: str | None) -> tuple[date | None, str | None]:
    precision = PRECISION.get(period or "day", "day")
    if _AGO.search(expression):
        unit = _AGO_UNIT.search(expression)
        precision = AGO_PRECISION[unit.group(1).lower()] if unit else "day"  # "three weeks ago" is a week
    elif "week" in expression:
        precision = "week"
    if precision == "week":
        value = value - timedelta(days=value.weekday())  # a Monday: never before 0001-01-01
    elif precision == "year":
        value = date(value.year, 1, 1)
    elif precision == "month":
        value = value.replace(day=1)
    return value, precision


@lru_cache(maxsize=256)
def _parser(base: datetime, future: bool) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future" if future else "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


_ANCHORED = re.compile(
    r"^(?:on |during )?(?:the |that )?(?P<what>same day|that day|that night|day before|day after|next day|"
    r"following day|(?P<n>a|one|two|three) days? (?P<dir>before|after|later|earlier))$",
    re.I,
)


def anchored(text: str, anchor: date | None) -> date | None:
    """ "the same day", "a day after", "two days before": relative to the last date the article gave."""
    match = _ANCHORED.match(text.strip())
    if match is None or anchor is None:
        return None
    what = match.group("what").lower()
    if match.group("n"):
        step = {"a": 1, "one": 1, "two": 2, "three": 3}[match.group("n").lower()]
        return shift(anchor, step if match.group("dir").lower() in {"after", "later"} else -step)
    offsets = {"same day": 0, "that day": 0, "that night": 0, "day before": -1, "day after": 1, "next day": 1,
               "following day": 1}  # fmt: skip
    return shift(anchor, offsets[what])


def event_date(
    trigger: Token,
    sentence: SpacySpan,
    article_id: str,
    published: date | None,
    *,
    state: str,
    uncertain: bool,
    claimed: frozenset[int] = frozenset(),
    anchor: date | None = None,
) -> EventDate:
    """The date of the event a trigger names, from the time expression attached to it (or nearest); with none,
    the publication date (precision ``publication``). ``state`` is the event's modality."""
    shifted = _offset_clause(trigger, sentence, published, anchor)
    if shifted is not None:
        day, offset = shifted
        return EventDate(day, "day", offset.text, Span(article_id, offset.start_char, offset.end_char, offset.text),
                         uncertain)  # fmt: skip
    expression = _expression_for(trigger, sentence, claimed)
    if expression is not None:
        relative = anchored(expression.text, anchor)
        future = to_come(expression, trigger, state)
        value, precision = (relative, "day") if relative else resolve(expression.text, published, future=future)
        if value is not None:
            span = Span(article_id, expression.start_char, expression.end_char, expression.text)
            return EventDate(value, precision, expression.text, span, uncertain)
    if published is None:
        return EventDate(None, None, None, None, uncertain)
    return EventDate(published, "publication", None, None, uncertain)


UNREALISED = frozenset({"planned", "threatened", "conditional"})
# Verbs whose "to" complement is still to come ("vowed to strike on Monday"), unlike "forced to flee on Monday".
INTENT = PLANNING | THREATS | frozenset({"vow", "promise", "pledge", "agree", "decide", "want", "hope", "threaten",
                                         "go", "offer", "ready", "prepared", "poised", "likely"})  # fmt: skip


def to_come(expression: SpacySpan, trigger: Token, state: str) -> bool:
    """Whether the dated act may lie after publication: its verb's tense says so ("will meet on Thursday"),
    else its modality does (planned, threatened, conditional); a past tense never ("met on Monday")."""
    host = next((a for a in expression.root.ancestors if a.pos_ in {"VERB", "AUX"}), trigger)
    tense = _tense(host)
    return tense == "future" or (tense is None and state in UNREALISED)


def _tense(verb: Token) -> str | None:
    """ "future", "past" or None (a present, or a noun) for the verb an expression hangs from."""
    for _ in range(4):
        aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if aux & (FUTURE_AUX | CONDITIONAL_AUX) or (verb.lower_ == "going" and "to" in aux):
            return "future"
        if aux & {"have", "has", "had", "'ve", "was", "were", "did"} or verb.tag_ == "VBD":
            return "past"
        if "to" not in aux or verb.dep_ not in {"xcomp", "ccomp", "advcl", "acomp"}:
            return None
        if verb.head.lemma_.lower() in INTENT:  # "vowed to strike on Monday": the strike is still to come
            return "future"
        verb = verb.head  # "was forced to flee on Monday": as the verb it completes
    return None


_OFFSET = re.compile(r"^(?P<n>a|one|two|three|four|five|\d) (?P<unit>day|week)s?$", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _offset_clause(
    trigger: Token, sentence: SpacySpan, published: date | None, anchor: date | None
) -> tuple[date, SpacySpan] | None:
    """ "raising the stakes a day after leaders threatened": the clause's event lies that far from the sentence's
    date (or the article's last one)."""
    mark = next((c for c in trigger.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}), None)
    if mark is None or mark.i == 0:
        return None
    before = sentence.doc[mark.i - 1]
    offset = next((e for e in entities_in(sentence) if e.start <= before.i < e.end and e.label_ == "DATE"), None)
    match = _OFFSET.match(offset.text) if offset is not None else None
    if offset is None or match is None:
        return None
    others = sorted((e for e in entities_in(sentence) if e.label_ in {"DATE", "TIME"} and e != offset),
                    key=lambda e: abs(e.start - offset.start))  # fmt: skip
    found = (resolve(e.text, published) for e in others)
    reference = next((d for d, precision in found if d is not None and precision == "day"), anchor)
    if reference is None:
        return None
    n = _NUMBERS.get(match.group("n").lower()) or int(match.group("n"))
    days = n * (7 if match.group("unit").lower() == "week" else 1)
    value = shift(reference, -days if mark.lower_ == "after" else days)
    full = sentence.doc[offset.start : mark.i + 1]
    return (value, full) if value is not None else None


def sentence_date(sentence: SpacySpan, published: date | None, anchor: date | None) -> date | None:
    """The day a sentence's main verb is dated by, if it is ("had come away empty-handed on Monday")."""
    root = sentence.root
    dates = [e for e in entities_in(sentence) if e.label_ in {"DATE", "TIME"} and _is_point(e) and _hangs_from(e, root)]
    if not dates or durative(dates[0]):
        return None
    relative = anchored(dates[0].text, anchor)
    if relative is not None:
        return relative
    value, precision = resolve(dates[0].text, published)
    return value if precision == "day" else None


DURATIVE = frozenset({"since", "until", "till"})


def durative(expression: SpacySpan) -> bool:
    """ "since July 26", "since the takeover of July 26": the start of a state, not an occasion later sentences
    speak of."""
    if expression.text.lower().startswith(tuple(DURATIVE)):
        return True
    for token in expression.root.ancestors:
        if token.pos_ in {"VERB", "AUX"}:
            return False
        if token.dep_ == "prep" and token.lower_ in DURATIVE:
            return True
    return False


YEAR = re.compile(r"(19|20)\d{2}")
YEAR_PREPS = frozenset({"in", "since", "by", "until", "during"})


def time_expressions(sentence: SpacySpan) -> list[SpacySpan]:
    """The sentence's dates and times, with a bare year the tagger took for a number ("partner with ... in 2021")."""
    return [e for e in entities_in(sentence) if e.label_ in {"DATE", "TIME"} or (
        e.label_ == "CARDINAL" and YEAR.fullmatch(e.text) and e.root.head.lower_ in YEAR_PREPS)]  # fmt: skip


@per_sentence
def _points(sentence: SpacySpan) -> list[SpacySpan]:
    """The sentence's time expressions that name points on the calendar."""
    return [e for e in time_expressions(sentence) if _is_point(e)]


def _expression_for(trigger: Token, sentence: SpacySpan, claimed: frozenset[int]) -> SpacySpan | None:
    """The time expression attached to the trigger (or to the verbs it is conjoined with or completes),
    else the date of the event noun it belongs to ("a summit on Thursday in which ... will discuss")."""
    dates = _points(sentence)
    if not dates:
        return None
    hosts = [trigger]
    while hosts[-1].dep_ in {"conj", "xcomp"} and hosts[-1].head.i != hosts[-1].i:
        hosts.append(hosts[-1].head)
    for host in hosts:
        attached = [e for e in dates if _hangs_from(e, host)]
        if attached:
            return min(attached, key=lambda e: abs(e.root.i - trigger.i))
    nearest = next((a for a in trigger.ancestors if a.i in claimed), None)
    noun = nearest if nearest is not None and nearest.pos_ == "NOUN" else None
    if noun is not None:
        held = [e for e in dates if _hangs_from(e, noun)]
        if held:
            return min(held, key=lambda e: abs(e.root.i - noun.i))
    # otherwise the sentence's time expression nearest the trigger, unless it belongs to another event
    free = [e for e in dates if not any(_hangs_from(e, sentence.doc[i]) for i in claimed) and _same_clause(e, trigger)
            and not _ends(e, trigger)]  # fmt: skip
    return min(free, key=lambda e: abs(e.root.i - trigger.i)) if free else None


ENDING = frozenset({"expire", "lapse", "elapse"})


def _ends(expression: SpacySpan, trigger: Token) -> bool:
    """ "the ultimatum ... expired at midnight": the time its subject ran out, not when it was issued."""
    host = next((a for a in expression.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return host is not None and host.lemma_.lower() in ENDING and trigger.head == host and trigger.dep_ == "nsubj"


def _same_clause(expression: SpacySpan, trigger: Token) -> bool:
    """The expression's verb governs the trigger within one clause ("stalled on Wednesday after X rejected"
    does not date "rejected")."""
    host = next((a for a in expression.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if host is None:
        return True
    token = trigger
    for _ in range(12):
        if token.i == host.i:
            return True
        if _reported(token, trigger) or _simultaneous(token, verb=trigger.pos_ != "NOUN"):
            token = token.head
            continue
        if token.dep_ in {"advcl", "relcl", "ccomp", "acl", "parataxis"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def _reported(clause: Token, trigger: Token) -> bool:
    """ "said on Wednesday the regime rejected": what a dated statement reports is dated by it (not "had spoken",
    nor an event noun it only names: "said on Monday that any intervention would be ...")."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH or trigger.pos_ == "NOUN":
        return False
    return not any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in trigger.children)


def _simultaneous(clause: Token, *, verb: bool = True) -> bool:
    """ "ran into a wall on Tuesday, when the coup leaders declined ...", "sent a letter calling on ...", "wrote to
    the Council on Tuesday asking it to ..." (a participle with no conjunction of its own: its own act, not an event
    noun it asks for)."""
    if clause.dep_ == "advcl":
        marks = [c for c in clause.children if c.dep_ in {"advmod", "mark"}]
        if verb and clause.tag_ == "VBG" and not any(c.dep_ == "mark" for c in marks):
            return True
        return any(c.lower_ in {"when", "as", "while"} for c in marks)
    return clause.dep_ == "acl" and clause.tag_ == "VBG"


ADVERBIAL = frozenset({"prep", "pobj", "npadvmod", "advmod", "tmod", "amod", "nummod", "compound", "appos", "conj",
                       "cc", "quantmod", "det", "nmod", "pcomp", "case"})  # fmt: skip


def _hangs_from(expression: SpacySpan, host: Token) -> bool:
    """The expression modifies ``host`` itself, not a noun phrase argument of it ("the leaders of a July coup")."""
    token = expression.root
    while token.head.i != token.i:
        if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:
            return False  # "evacuated ..., and on Sunday the embassy was attacked" does not date "evacuated"
        if token.head == host:
            return token.dep_ in ADVERBIAL
        if token.dep_ not in ADVERBIAL or (token.head.pos_ in {"NOUN", "PROPN"} and token.head.dep_ not in ADVERBIAL):
            return False
        token = token.head
    return False


def _is_point(ent: SpacySpan) -> bool:
    """A point on the calendar ("on Tuesday", "July 26"), not a duration ("seven days"), a clock time, an age or a
    vague one."""
    text = ent.text.lower()
    if _UNIT_ONLY.match(text) or not is_calendar(text):
        return False
    return not re.fullmatch(r"(recent|the past|past|coming|these|each|every) .*|now|currently|recently", text)
