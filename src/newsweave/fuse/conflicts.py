"""Conflicting figures: the same quantity given different values by independent sources on the same day.

Claims are grouped by what they count (quantity, counted noun, whose, unit, running total or not).
Within a group, values for one day from two or more independent sources that disagree beyond
rounding make a ``conflict`` record; values over several days of a figure followed over time (a
running total, a country's troops, a toll) make a ``series`` record (a toll that rises day by day
is a series, never a contradiction). Every record carries each value with
its day, outlets, article ids and spans, the ACLED-style conservative figure (the value backed by
the most independent sources, the lowest of those) with the reason, and the latest figure.

Pure: claim dicts in (as ``Store.claims()`` returns them), records out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Not comparable across outlets: ages, durations, uncounted numbers, and sums (a claim does not say what they buy).
SKIPPED = frozenset({"other", "age", "duration", "money"})
TOLERANCE = 0.05  # values closer than this share of the larger one agree (rounding)
# Counted nouns that name the same thing.
SAME_THING = {"soldiers": "troops", "personnel": "troops", "persons": "people", "individuals": "people"}
# Tolls: figures revised as they grow, so their values over days are one series even unmarked by "so far".
TOLLS = frozenset({"deaths", "injured", "displaced", "missing", "detained"})
# Quantities read as a participle before the counted noun: "evacuated people", "injured civilians".
PARTICIPLES = frozenset({"evacuated", "injured", "displaced", "detained", "missing"})

Key = tuple[str, str, str, str, bool]  # quantity, counted, owner, unit, cumulative


@dataclass(slots=True)
class Value:
    """One figure as reported on one day, with everyone who reported it."""

    low: float
    high: float
    as_of: str
    sources: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    spans: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        spans = sorted(self.spans, key=lambda s: (s["article_id"], s["start"]))
        return {
            "value_low": self.low,
            "value_high": self.high,
            "as_of": self.as_of,
            "outlets": sorted(self.outlets),
            "article_ids": sorted({s["article_id"] for s in spans}),
            "spans": spans,
        }


def find_conflicts(claims: Sequence[Mapping[str, Any]], *, source_of: Mapping[str, str]) -> list[dict[str, Any]]:
    """Conflict and series records over ``claims``; ``source_of`` maps article id → independent-source key."""
    records: list[dict[str, Any]] = []
    for key, values in sorted(_groups(claims, source_of).items()):
        records += _records(key, sorted(values, key=lambda v: (v.as_of, v.low, v.high)))
    return records


def comparable(claim: Mapping[str, Any]) -> bool:
    """Whether a claim can contradict another: a dated, non-vague count of something."""
    return (
        claim.get("quantity") not in SKIPPED
        and claim.get("approx") != "vague"
        and claim.get("as_of") is not None
        and claim.get("value_low") is not None
    )


def group_key(claim: Mapping[str, Any]) -> Key:
    counted = claim.get("counted") or ""
    return (str(claim["quantity"]), SAME_THING.get(counted, counted), claim.get("owner") or "",
            str(claim.get("unit") or ""), bool(claim.get("cumulative")))  # fmt: skip


def source_key(claim: Mapping[str, Any], source_of: Mapping[str, str]) -> str:
    """The independent source behind a claim: its original's key, else its outlet, else its article."""
    article = str(claim["article_id"])
    return source_of.get(article) or claim.get("outlet") or article


def _groups(claims: Iterable[Mapping[str, Any]], source_of: Mapping[str, str]) -> dict[Key, list[Value]]:
    values: dict[Key, dict[tuple[str, float, float], Value]] = defaultdict(dict)
    for claim in filter(comparable, claims):
        low, high = float(claim["value_low"]), float(claim["value_high"] or claim["value_low"])
        as_of = str(claim["as_of"])
        value = values[group_key(claim)].setdefault((as_of, low, high), Value(low, high, as_of))
        value.sources.add(source_key(claim, source_of))
        if claim.get("outlet"):
            value.outlets.add(str(claim["outlet"]))
        value.spans.append({k: claim[k] for k in ("article_id", "start", "end", "text")})
    return {key: list(by_value.values()) for key, by_value in values.items()}


def _records(key: Key, values: list[Value]) -> list[dict[str, Any]]:
    days = sorted({v.as_of for v in values})
    records = []
    for day in days:
        same_day = [v for v in values if v.as_of == day]
        if _disputed(same_day):
            records.append(_record("conflict", key, same_day))
    if len(days) >= 2 and tracked(key):
        records.append(_record("series", key, values))
    return records


def tracked(key: Key) -> bool:
    """Whether a group is one figure followed over time: a running total, someone's stock ("USA troops"), a toll.

    Other counts belong to one event each (passengers of a flight, the crowd of a rally): on
    different days they are different events, not a figure revised.
    """
    quantity, _counted, owner, _unit, cumulative = key
    return cumulative or bool(owner) or quantity in TOLLS


def disagree(a: Value, b: Value) -> bool:
    """Ranges that do not overlap and lie further apart than rounding."""
    gap = max(a.low, b.low) - min(a.high, b.high)
    return gap > TOLERANCE * max(abs(a.high), abs(b.high))


def _disputed(values: Sequence[Value]) -> bool:
    """Two values that disagree, each backed by a different independent source."""
    return any(
        disagree(a, b) and any(s != t for s in a.sources for t in b.sources)
        for i, a in enumerate(values)
        for b in values[i + 1 :]
    )


def _record(kind: str, key: Key, values: list[Value]) -> dict[str, Any]:
    quantity, counted, owner, _unit, _cumulative = key
    last_day = [v for v in values if v.as_of == values[-1].as_of] if kind == "series" else values
    latest = _conservative(last_day)
    return {
        "kind": kind,
        "subject": label(key),
        "quantity": quantity,
        "counted": counted or None,
        "owner": owner or None,
        "cumulative": key[4],
        "values": [v.as_dict() for v in values],
        "conservative": _conservative_figure(kind, last_day),
        "latest": {"value": latest.low, "value_high": latest.high, "as_of": latest.as_of},
    }


def _conservative(values: Sequence[Value]) -> Value:
    """The value backed by the most independent sources; among those, the lowest."""
    return min(values, key=lambda v: (-len(v.sources), v.low, v.high))


def _conservative_figure(kind: str, values: Sequence[Value]) -> dict[str, Any]:
    chosen = _conservative(values)
    n = len(chosen.sources)
    backed = f"{n} independent source{'s' if n != 1 else ''}"
    others = [v for v in values if v is not chosen]
    ties = [v for v in others if len(v.sources) == n]
    if not others:
        reason = f"the only value reported on {chosen.as_of} ({backed})"
    elif ties:
        reason = f"lowest of the {len(ties) + 1} values backed by {backed} each on {chosen.as_of}"
    else:
        most = max(len(v.sources) for v in others)
        reason = f"backed by {backed} on {chosen.as_of}; every other value by fewer (at most {most})"
    if kind == "series":
        reason = "latest day of the series: " + reason
    return {"value": chosen.low, "value_high": chosen.high, "reason": reason}


def label(key: Key) -> str:
    """A readable name for what a group counts: "evacuated people", "USA troops", "protesters"."""
    quantity, counted, owner, _unit, cumulative = key
    noun = counted or quantity
    if quantity in PARTICIPLES:
        base = f"{quantity} {noun}"
    elif noun in {"people", quantity}:
        base = quantity
    else:
        base = f"{noun} ({quantity})"
    base = f"{owner} {base}" if owner else base
    return f"{base}, running total" if cumulative else base
