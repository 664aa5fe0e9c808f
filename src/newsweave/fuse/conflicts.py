"""Conflicting figures: the same quantity of the same story given different values by independent reports.

Claims are grouped by story (a story with the stories linked to it: the same names at another time) and by
what they count (quantity, counted noun, whose, unit, running
total or not, and for ages whose age). Within a group:

- a figure followed over time (a toll, a running total, a country's troops) is compared day by day:
  values of one day from two or more independent sources that disagree beyond rounding make a
  ``conflict`` record, values over several days a ``series`` record (a toll that rises is never a
  contradiction); a figure from an undated article belongs to its story's window and is compared
  with every day's;
- a fact of the event (a quake's magnitude, the metres a climber fell, a victim's age) is compared
  across the days of its story, up to a week apart (a quake the text dates two years back stays
  apart); a fact of a person or a place (a victim's children, an island's population) across the
  whole story;
- any other count (boats, rifles, a flight's passengers, a rally's crowd) is compared among the
  values of one day, and undated ones among themselves (an undated count may be another day's).

An article without an outlet is its own source; copies count as their original's source. Values
disagree when their ranges do not overlap and they differ beyond rounding: by more than 5% when
either is approximate or a round number, by anything when both are exact (2,301 and 2,302 points),
by more than 0.05 for magnitudes. Every record carries each value with its day, outlets, article
ids and spans, the ACLED-style conservative figure (the value backed by the most independent
sources, the lowest of those) with the reason, and the latest figure.

Pure: claim dicts in (as ``Store.claims()`` returns them), records out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Not comparable across reports: sums (a claim does not say what they buy). Numbers of no category compare only
# when they count something named ("three boats"), never bare ("other" with no counted noun).
SKIPPED = frozenset({"money", "duration"})  # durations: prison terms, hours of talks, years ago: rarely one thing
TOLERANCE = 0.05  # values closer than this share of the larger one agree (rounding)
ABSOLUTE = {"magnitude": 0.05}  # quantities compared by difference, not share
# Counted nouns that name the same thing.
SAME_THING = {"soldiers": "troops", "personnel": "troops", "persons": "people", "individuals": "people"}
# People counted by a toll, under whatever noun: "12 people were killed", "12 deaths", "the dead numbered 12", "12
# victims" (a toll's quantity already says what happened to them). Narrower nouns ("civilians", "children") stay
# apart: they may count part of the toll.
TOLL_PEOPLE = frozenset({"people", "persons", "individuals", "victims", "deaths", "dead", "bodies", "fatalities",
                         "casualties", "injured", "wounded", "injuries", "missing", "displaced", "detainees",
                         "prisoners", "evacuees"})  # fmt: skip
# People counted by a detention, whoever they are: "89 people were arrested", "99 members seized", "100 suspects".
DETAINED_PEOPLE = frozenset({"members", "suspects"})
# Tolls: figures revised as they grow, so their values over days are one series even unmarked by "so far".
TOLLS = frozenset({"deaths", "injured", "displaced", "missing", "detained"})
# Quantities read as a participle before the counted noun: "evacuated people", "injured civilians".
PARTICIPLES = frozenset({"evacuated", "injured", "displaced", "detained", "missing"})
MEASURED = frozenset({"distance", "weight", "temperature"})  # measures whose unit names them
UNDATED = ""  # the day of a figure no date places: its story's window
# Facts of one event that do not change from one report to the next: compared across the story, whatever the day.
EVENT_FACTS = frozenset({"magnitude", "age", "distance", "weight", "temperature", "population"})
FACT_COUNTS = frozenset({"children"})  # counts that are facts about someone: "a mother of 12"
FACT_DAYS = 7
# Facts of a person or a place rather than of one event, the same whenever a story's report gives them: a
# victim's children, an island's population. Compared across the whole story, whatever the days.
LASTING = frozenset({"population"})

Key = tuple[str, str, str, str, str, bool, str]  # story, quantity, counted, owner, unit, cumulative, whose (ages)


@dataclass(slots=True)
class Value:
    """One figure as reported on one day (or undated), with everyone who reported it."""

    low: float
    high: float
    as_of: str
    sources: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    spans: list[dict[str, Any]] = field(default_factory=list)
    exact: bool = True

    def as_dict(self) -> dict[str, Any]:
        spans = sorted(self.spans, key=lambda s: (s["article_id"], s["start"]))
        return {
            "value_low": self.low,
            "value_high": self.high,
            "as_of": self.as_of or None,
            "outlets": sorted(self.outlets),
            "article_ids": sorted({s["article_id"] for s in spans}),
            "spans": spans,
        }


def find_conflicts(
    claims: Sequence[Mapping[str, Any]],
    *,
    source_of: Mapping[str, str],
    story_of: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Conflict and series records over ``claims``.

    ``source_of`` maps article id → independent-source key, ``story_of`` article id → story or group of linked
    stories, the set its figures are compared in (articles of no story, or all when it is not given, share one).
    """
    records: list[dict[str, Any]] = []
    groups = _groups(claims, source_of, story_of or {})
    for key, values in sorted(groups.items()):
        records += _records(key, sorted(values, key=lambda v: (v.as_of, v.low, v.high)))
    return records


def comparable(claim: Mapping[str, Any]) -> bool:
    """Whether a claim can contradict another: a non-vague count or measure of something."""
    return (
        claim.get("quantity") not in SKIPPED
        and (claim.get("quantity") != "other" or bool(claim.get("counted")))
        and claim.get("approx") != "vague"
        and claim.get("value_low") is not None
    )


def group_key(claim: Mapping[str, Any], story: str = "") -> Key:
    counted = SAME_THING.get(claim.get("counted") or "", claim.get("counted") or "")
    if claim.get("quantity") in TOLLS | PARTICIPLES and counted in TOLL_PEOPLE:
        counted = "people"
    if (claim.get("quantity") == "detained" and counted in DETAINED_PEOPLE) or claim.get("quantity") == "population":
        counted = "people"
    if claim.get("quantity") in MEASURED:
        counted = ""  # its unit says what it measures: "km" whether written "kilometers", "km" or "kms"
    whose = _person(str(claim.get("subject") or "")) if claim.get("quantity") == "age" else ""
    return (story, str(claim["quantity"]), counted, claim.get("owner") or "",
            str(claim.get("unit") or ""), bool(claim.get("cumulative")), whose)  # fmt: skip


def _person(subject: str) -> str:
    """Whose age a claim gives: the last capitalised word of its subject ("Duncan Rait" → rait)."""
    names = re.findall(r"\b[A-Z][a-z'’-]+\b", subject)
    return names[-1].lower() if names else subject.strip().lower()


def source_key(claim: Mapping[str, Any], source_of: Mapping[str, str]) -> str:
    """The independent source behind a claim: its original's key, else its outlet, else its article."""
    article = str(claim["article_id"])
    return source_of.get(article) or claim.get("outlet") or article


def _groups(
    claims: Iterable[Mapping[str, Any]],
    source_of: Mapping[str, str],
    story_of: Mapping[str, str],
) -> dict[Key, list[Value]]:
    values: dict[Key, dict[tuple[str, float, float], Value]] = defaultdict(dict)
    for claim in filter(comparable, claims):
        article = str(claim["article_id"])
        low, high = float(claim["value_low"]), float(claim["value_high"] or claim["value_low"])
        as_of = claim.get("as_of")
        day = str(as_of) if as_of is not None else UNDATED
        key = group_key(claim, story_of.get(article, ""))
        value = values[key].setdefault((day, low, high), Value(low, high, day))
        value.sources.add(source_key(claim, source_of))
        value.exact = value.exact and claim.get("approx") == "exact" and not _round(low)
        if claim.get("outlet"):
            value.outlets.add(str(claim["outlet"]))
        value.spans.append({k: claim[k] for k in ("article_id", "start", "end", "text")})
    return {key: list(by_value.values()) for key, by_value in values.items()}


def _round(value: float) -> bool:
    """A round number (10, 250, 3,000): likely rounded by whoever gave it."""
    return value >= 10 and value == int(value) and int(value) % 10 == 0


def _records(key: Key, values: list[Value]) -> list[dict[str, Any]]:
    disputed = [group for group in _comparable_sets(key, values) if _disputed(key, _combined(group))]
    records = [_record("conflict", key, _combined(group)) for group in _merged(disputed)]
    days = sorted({v.as_of for v in values if v.as_of != UNDATED})
    if len(days) >= 2 and tracked(key):
        records.append(_record("series", key, values))
    return records


def _comparable_sets(key: Key, values: list[Value]) -> list[list[Value]]:
    """The sets of values reported for one moment. A fact of the event (a magnitude, a distance, an age, a
    victim's children) is compared across the days of its story (a week apart at most, so a quake of two years
    before stays apart); any other figure day by day (a count on another day is another count: the next flight's
    passengers, the next rally's crowd). Undated values belong to their story's window: they are compared with
    the latest values of a fact or of a figure followed over time (a toll), and among themselves for any figure."""
    undated = [v for v in values if v.as_of == UNDATED]
    dated = [v for v in values if v.as_of != UNDATED]
    window = _window(key, dated)
    joining = undated if _fact(key) or tracked(key) else []
    latest = max((_day(v) for v in dated), default=None)
    sets: list[list[Value]] = [undated] if undated and not joining else []
    for value in dated:
        near = [v for v in dated if abs((_day(v) - _day(value)).days) <= window]
        if latest is not None and abs((_day(value) - latest).days) <= window:
            near += joining  # an undated report is taken as the story's latest coverage
        if near not in sets:
            sets.append(near)
    return sets or [undated]


def _window(key: Key, dated: Sequence[Value]) -> int:
    """Days apart two values of a group may be and still give the same moment's figure."""
    if _fact(key) and (key[1] in LASTING or key[2] in FACT_COUNTS):
        days = [_day(v) for v in dated]
        return (max(days) - min(days)).days if days else 0
    return FACT_DAYS if _fact(key) else 0


def _merged(groups: list[list[Value]]) -> list[list[Value]]:
    """Disputed sets that share a value (an undated figure is in every day's set) as one record each."""
    merged: list[list[Value]] = []
    for group in groups:
        overlapping = [m for m in merged if any(v is w for v in group for w in m)]
        union = [*group]
        for m in overlapping:
            merged.remove(m)
            union += [v for v in m if not any(v is w for w in union)]
        merged.append(sorted(union, key=lambda v: (v.as_of, v.low, v.high)))
    return merged


def _fact(key: Key) -> bool:
    return not tracked(key) and (key[1] in EVENT_FACTS or key[2] in FACT_COUNTS)


def _day(value: Value) -> date:
    return date.fromisoformat(value.as_of[:10])


def tracked(key: Key) -> bool:
    """Whether a group is one figure followed over time: a running total, someone's stock ("USA troops"), a toll.

    Other counts belong to one event each (passengers of a flight, the crowd of a rally): on
    different days they are different events, not a figure revised.
    """
    _story, quantity, _counted, owner, _unit, cumulative, _whose = key
    return cumulative or bool(owner) or quantity in TOLLS


def disagree(a: Value, b: Value, *, quantity: str = "") -> bool:
    """Ranges that do not overlap and lie further apart than rounding (see the module note)."""
    gap = max(a.low, b.low) - min(a.high, b.high)
    if quantity in ABSOLUTE:
        return gap > ABSOLUTE[quantity]
    if a.exact and b.exact:
        return gap > 0
    return gap > TOLERANCE * max(abs(a.high), abs(b.high))


def _combined(values: Sequence[Value]) -> list[Value]:
    """One value per figure in a set: an undated report of a figure joins the dated ones of the same figure."""
    by_figure: dict[tuple[float, float], Value] = {}
    for value in sorted(values, key=lambda v: (v.as_of == UNDATED, v.as_of)):
        same = by_figure.get((value.low, value.high))
        if same is None:
            by_figure[(value.low, value.high)] = Value(value.low, value.high, value.as_of, set(value.sources),
                                                       set(value.outlets), list(value.spans), value.exact)  # fmt: skip
        else:
            same.sources |= value.sources
            same.outlets |= value.outlets
            same.spans += value.spans
            same.exact = same.exact and value.exact
    return sorted(by_figure.values(), key=lambda v: (v.as_of, v.low, v.high))


def _disputed(key: Key, values: Sequence[Value]) -> bool:
    """Two values that disagree, each backed by a different independent source."""
    return any(
        disagree(a, b, quantity=key[1]) and any(s != t for s in a.sources for t in b.sources)
        for i, a in enumerate(values)
        for b in values[i + 1 :]
    )


def _record(kind: str, key: Key, values: list[Value]) -> dict[str, Any]:
    story, quantity, counted, owner, _unit, cumulative, _whose = key
    last_day = [v for v in values if v.as_of == values[-1].as_of] if kind == "series" else values
    latest = _conservative(last_day)
    return {
        "kind": kind,
        "subject": label(key),
        "quantity": quantity,
        "counted": counted or None,
        "owner": owner or None,
        "cumulative": cumulative,
        "story": story or None,
        "values": [v.as_dict() for v in values],
        "conservative": _conservative_figure(kind, last_day),
        "latest": {"value": latest.low, "value_high": latest.high, "as_of": latest.as_of or None},
    }


def _conservative(values: Sequence[Value]) -> Value:
    """The value backed by the most independent sources; among those, the lowest."""
    return min(values, key=lambda v: (-len(v.sources), v.low, v.high))


def _conservative_figure(kind: str, values: Sequence[Value]) -> dict[str, Any]:
    chosen = _conservative(values)
    n = len(chosen.sources)
    backed = f"{n} independent source{'s' if n != 1 else ''}"
    when = f"on {chosen.as_of}" if chosen.as_of else "in the story"
    others = [v for v in values if v is not chosen]
    ties = [v for v in others if len(v.sources) == n]
    if not others:
        reason = f"the only value reported {when} ({backed})"
    elif ties:
        reason = f"lowest of the {len(ties) + 1} values backed by {backed} each {when}"
    else:
        most = max(len(v.sources) for v in others)
        reason = f"backed by {backed} {when}; every other value by fewer (at most {most})"
    if kind == "series":
        reason = "latest day of the series: " + reason
    return {"value": chosen.low, "value_high": chosen.high, "reason": reason}


def label(key: Key) -> str:
    """A readable name for what a group counts: "evacuated people", "USA troops", "protesters"."""
    _story, quantity, counted, owner, unit, cumulative, whose = key
    noun = counted or quantity
    if quantity in PARTICIPLES:
        base = f"{quantity} {noun}"
    elif quantity == "age" and whose:
        base = f"age of {whose.title()}"
    elif noun in {"people", quantity} and unit in {"", "people", quantity}:
        base = quantity
    elif noun == quantity:
        base = f"{quantity} ({unit})"
    else:
        base = f"{noun} ({quantity})"
    base = f"{owner} {base}" if owner else base
    return f"{base}, running total" if cumulative else base
