"""Page stamps: a date a page prints beside a clock time, when it was written, not when something happened.

A byline ("Tuesday 4 January 2005 08.43 GMT"), an update line ("Page last updated
at 09:14 GMT, Tuesday, 13 September 2011"), a wire dateline ("LONDON | Fri May 1,
2009 9:46 am EDT") and a reader's comment ("Posted by: reader | June 16, 2010
3:44 PM", "At 2:11 pm on 28 May 2010, reader wrote:") all print a whole date (with
its year) next to a clock time that has a zone or am/pm (or a 24-hour "20:51"), or
right after an update or posting word. Such a date says when the page, or a comment on it, was written:
it is a timestamp, not a statement that something happened that day. News prose
dates an event with a clock time too ("at 7:02 a.m. EDT on Friday") but does not
print the year of a day this recent, so a stamp must carry its year.
"""

from __future__ import annotations

import re

_ZONE = r"(?:GMT|BST|UTC|UK|CET|CEST|IST|[ECMP][SD]T|ET)\b"
# "08.43 GMT", "4:32 PM", "9:46 am", "20:51" (a bare clock needs its colon: "2.85" is a number)
_CLOCK = rf"\b\d{{1,2}}(?:\s?[:.]\s?\d{{2}}\s*(?:(?i:[ap]\.?\s?m)\b\.?|{_ZONE})|:\d{{2}}\b(?!:?\d))"
_GAP = r"[\s,|;:()\-\u2013\u2014]*"  # punctuation only: the stamp's own separators, no words of a sentence
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?[\s,]+"
# The rest of the date an expression stops short of: "[19 June] 2010", "[2nd] Jun 2010", "[Tuesday], 8 June 2010"
_DATE_NEXT = re.compile(rf"^[\s,]*(?:(?:{_DAY})?{_MONTH}[\s,]+(?:{_DAY})?)?(?:1[89]|20)\d{{2}}\b", re.I)
_CLOCK_INSIDE = re.compile(_CLOCK)
_CLOCK_AFTER = re.compile(rf"^{_GAP}(?:(?i:at)\s+)?{_CLOCK}")
_WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_CLOCK_BEFORE = re.compile(rf"{_CLOCK}(?:\s+{_ZONE})?(?:\s+(?i:time))?{_GAP}(?:(?i:on)\s+)?(?:{_WEEKDAY}{_GAP})?$")
_STAMP_WORD = re.compile(rf"\b(?:updated|posted|published|added){_GAP}(?:(?:at|on|by)\b{_GAP})?$", re.I)


def is_page_stamp(before: str, text: str, after: str) -> bool:
    """Whether a date expression ``text`` (with the text just ``before`` and ``after`` it) is a page stamp: a date
    with its year printed beside a clock time with a zone or am/pm, or right after "updated", "posted"... ."""
    rest = _DATE_NEXT.match(after)  # the expression may stop short of the date its stamp prints
    if rest:
        text, after = text + rest.group(0), after[rest.end() :]
    if not _YEAR.search(text):
        return False
    return bool(_CLOCK_INSIDE.search(text) or _CLOCK_AFTER.search(after) or _CLOCK_BEFORE.search(before)
                or _STAMP_WORD.search(before))  # fmt: skip
