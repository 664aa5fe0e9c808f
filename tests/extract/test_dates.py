"""Event dates on sentences written for these tests: what is a date, how precise, and which side of publication."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newsweave import nlp
from newsweave.article import build
from newsweave.extract.actors import extract_actors
from newsweave.extract.dates import resolve
from newsweave.extract.events import extract_events
from newsweave.model import EventMention, RawInput

WEDNESDAY = date(2023, 8, 9)
FILLER = (
    "The regional bloc has been pressing the military government for weeks, and diplomats in the capital say the "
    "standoff could last for some time yet."
)


def events_of(text: str, published: date | None = WEDNESDAY, *, filler: bool = True) -> list[EventMention]:
    """The events newsweave codes in ``text`` (cleaned, parsed and extracted as at ingest)."""
    article = build(RawInput("test", "text", f"{text}\n\n{FILLER}" if filler else text, "hash"), published=published)
    doc, _ = next(nlp.parse([(article.text, article)]))
    local, linked = extract_actors(doc, article.id)
    return extract_events(doc, article, local, linked)


def event(text: str, trigger: str, published: date | None = WEDNESDAY) -> EventMention:
    found = [e for e in events_of(text, published) if e.trigger.text == trigger]
    assert found, [e.trigger.text for e in events_of(text, published)]
    return found[0]


@pytest.mark.parametrize("expression", ["20-minute", "a 50-minute speech", "6:23 pm", "4:36", "a 33-year-old",
                                        "33 years old", "for three weeks", "two hours", "one day", "just a day",
                                        "in a single week"])  # fmt: skip
def test_durations_ages_and_clock_times_are_no_dates(expression: str) -> None:
    assert resolve(expression, WEDNESDAY) == (None, None)


@pytest.mark.parametrize(("expression", "year"), [("the 1980s", 1980), ("the late 1990s", 1990),
                                                  ("the mid-1970s", 1970), ("2010s", 2010)])  # fmt: skip
def test_a_decade_is_a_span_of_years_not_a_day(expression: str, year: int) -> None:
    assert resolve(expression, WEDNESDAY) == (date(year, 1, 1), "year")


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The president delivered a 50-minute speech in which he attacked the opposition leaders.", "attacked"),
        ("Protesters clashed with police in the capital during a 20-minute standoff.", "clashed"),
        ("A 33-year-old teacher was arrested by police in the capital.", "arrested"),
        ("Soldiers opened fire and arrested two students at 6:23 pm, witnesses said.", "arrested"),
    ],
)
def test_an_event_dated_only_by_a_duration_age_or_clock_keeps_its_publication_date(sentence: str,
                                                                                   trigger: str) -> None:  # fmt: skip
    when = event(sentence, trigger).date
    assert (when.value, when.precision, when.text) == (WEDNESDAY, "publication", None)


@pytest.mark.parametrize(
    ("sentence", "trigger", "value", "precision"),
    [
        ("The army seized power three years ago, the minister recalled.", "seized", date(2020, 1, 1), "year"),
        ("The government imposed sanctions on the junta six months ago.", "sanctions", date(2023, 2, 1), "month"),
        ("Rebels attacked the northern town three weeks ago.", "attacked", date(2023, 7, 17), "week"),
        ("Rebels attacked the northern town three days ago.", "attacked", date(2023, 8, 6), "day"),
        ("The junta arrested the former minister last month.", "arrested", date(2023, 7, 1), "month"),
        ("The two countries signed a defence agreement in 2021.", "signed", date(2021, 1, 1), "year"),
    ],
)
def test_relative_expressions_keep_the_precision_they_state(sentence: str, trigger: str, value: date,
                                                            precision: str) -> None:  # fmt: skip
    when = event(sentence, trigger).date
    assert (when.value, when.precision) == (value, precision)


@pytest.mark.parametrize("offset", range(7))
def test_a_past_act_on_monday_is_never_after_publication(offset: int) -> None:
    published = date(2023, 8, 7) + timedelta(days=offset)  # Monday 7 August to Sunday 13 August
    for sentence, trigger in [("The junta rejected the proposal on Monday.", "rejected"),
                              ("Police arrested the opposition leader on Monday.", "arrested"),
                              ("The ministers had met in Abuja on Monday.", "met")]:  # fmt: skip
        when = event(sentence, trigger, published).date
        assert when.value is not None and when.value.weekday() == 0 and when.precision == "day", sentence
        assert published - timedelta(days=6) <= when.value <= published, (sentence, published, when)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The foreign ministers will meet in Abuja on Monday.", "meet"),
        ("The bloc said it would impose new sanctions on Monday.", "sanctions"),
        ("The rebels threatened to attack the capital on Monday unless the army withdrew.", "attack"),
    ],
)
def test_planned_or_threatened_acts_on_monday_may_come_after_publication(sentence: str, trigger: str) -> None:
    when = event(sentence, trigger).date
    assert when.value == date(2023, 8, 14), (sentence, when)


def test_undated_events_carry_publication_precision_and_nothing_without_a_publication_date() -> None:
    sentence = "Police arrested the opposition leader in the capital."
    assert event(sentence, "arrested").date.precision == "publication"
    assert event(sentence, "arrested", published=None).date.value is None


def test_byline_and_comment_timestamps_date_no_event() -> None:
    text = "\n".join([
        "Police detain opposition leader in Niamey",
        "By Hadiza Garba | 10 August 2023, 4:36 pm",
        "Police arrested the opposition leader in the capital, his party said.",
        "Officers also searched the party's offices and seized computers.",
        FILLER,
        "2 Comments",
        "Moussa K. says:",
        "August 11, 2023 at 9:12 am",
        "The army attacked protesters in Zinder last night as well.",
        "Reply",
    ])  # fmt: skip
    found = events_of(text, published=None, filler=False)
    assert {e.trigger.text for e in found} >= {"arrested"} and "attacked" not in {e.trigger.text for e in found}
    assert all(e.date.text is None and e.date.precision == "publication" for e in found), found
    assert {e.date.value for e in found} == {date(2023, 8, 10)}  # the byline dates the article, not its events
