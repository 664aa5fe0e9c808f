"""Conflicting figures: the sample corpus's planted conflicts (README §5), its rising series (§6) and its traps."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave.fuse.conflicts import find_conflicts, label


@pytest.fixture(scope="module")
def claims(corpus_db: Path) -> list[dict[str, Any]]:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        return store.claims()


@pytest.fixture(scope="module")
def records(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return find_conflicts(claims, source_of={})


def _conflicts(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["kind"] == "conflict"]


def _values(record: dict[str, Any]) -> set[float]:
    return {v["value_low"] for v in record["values"]}


def _by_value(record: dict[str, Any]) -> dict[float, dict[str, Any]]:
    return {v["value_low"]: v for v in record["values"]}


# -- the sample corpus ------------------------------------------------------


def test_claims_carry_what_whose_and_running_totals(claims: list[dict[str, Any]]) -> None:
    scope = {(c["text"], c["outlet"]): (c["quantity"], c["counted"], c["owner"], c["cumulative"]) for c in claims}
    assert scope[("1,079", "Meridian Desk")] == ("evacuated", "people", None, True)
    assert scope[("577", "Sahel Wire")] == ("evacuated", "people", None, True)
    assert scope[("a dozen", "Kano Courier")][1] == "infants"
    assert scope[("about 1,100", "Kano Courier")] == ("troops", "soldiers", "USA", False)
    assert scope[("roughly 1,100", "Sahel Wire")] == ("troops", "troops", "USA", False)
    assert scope[("Roughly 1,100", "Meridian Desk")] == ("troops", "troops", "USA", False)
    assert scope[("1,500", "Kano Courier")] == ("troops", "troops", "FRA", False)
    assert scope[("At least 3,000", None)][2] == "NER"
    kano = [c for c in claims if c["outlet"] == "Kano Courier" and c["value_low"] == 262.0]
    assert sorted(c["cumulative"] for c in kano) == [False, True]  # the flight, then "stood at 262"
    assert all(c["quantity"] == "evacuated" for c in kano)


def test_c1_evacuation_flight_passengers_conflict(records: list[dict[str, Any]]) -> None:
    found = [r for r in _conflicts(records) if r["quantity"] == "evacuated" and {262.0, 350.0} <= _values(r)]
    assert len(found) == 1
    c1 = found[0]
    assert c1["subject"] == "evacuated people" and c1["counted"] == "people" and c1["owner"] is None
    values = _by_value(c1)
    assert values[262.0]["as_of"] == values[350.0]["as_of"] == "2023-08-02"
    assert "Kano Courier" in values[262.0]["outlets"] and values[350.0]["outlets"] == ["Lagos Ledger"]
    assert any(s["text"] == "262" for s in values[262.0]["spans"])
    assert [s["text"] for s in values[350.0]["spans"]] == ["350"]
    assert c1["conservative"]["value"] == 262.0 and c1["conservative"]["reason"]


def test_c2_rally_size_conflict(records: list[dict[str, Any]]) -> None:
    found = [r for r in _conflicts(records) if r["quantity"] == "protesters" and {30000.0, 100000.0} <= _values(r)]
    assert len(found) == 1
    values = _by_value(found[0])
    assert values[30000.0]["outlets"] == ["Niamey Morning Post"]
    assert values[100000.0]["outlets"] == ["Baobab Report"]
    assert [s["text"] for s in values[30000.0]["spans"]] == ["about 30,000"]
    assert [s["text"] for s in values[100000.0]["spans"]] == ["up to 100,000"]
    assert found[0]["conservative"]["value"] == 30000.0


def test_rising_evacuation_total_is_a_series_not_a_conflict(records: list[dict[str, Any]]) -> None:
    series = [r for r in records if r["kind"] == "series" and r["quantity"] == "evacuated" and r["cumulative"]]
    assert len(series) == 1
    points = [(v["as_of"], v["value_low"]) for v in series[0]["values"]]
    assert points == [("2023-08-02", 262.0), ("2023-08-03", 577.0), ("2023-08-04", 1079.0)]
    assert series[0]["latest"] == {"value": 1079.0, "value_high": 1079.0, "as_of": "2023-08-04"}
    assert not any(r["cumulative"] for r in _conflicts(records))
    assert not any({577.0, 1079.0} & _values(r) for r in _conflicts(records))


def test_traps_are_not_conflicts(records: list[dict[str, Any]]) -> None:
    conflicting = {v["value_low"] for r in _conflicts(records) for v in r["values"]}
    assert not conflicting & {35000.0, 1100.0, 1500.0, 850.0, 11000.0, 13500.0}
    assert {r["quantity"] for r in _conflicts(records)} == {"evacuated", "protesters"}
    troops = {r["subject"]: r for r in records if r["quantity"] == "troops"}
    assert _values(troops["USA troops"]) == {1100.0} and troops["USA troops"]["kind"] == "series"
    assert _values(troops["FRA troops"]) == {1500.0} and troops["FRA troops"]["kind"] == "series"


def test_copies_count_once(claims: list[dict[str, Any]]) -> None:
    """Two values from one independent source (a copy and its original) are not a conflict."""
    kano = next(c["article_id"] for c in claims if c["outlet"] == "Kano Courier" and c["value_low"] == 262.0)
    lagos = next(c["article_id"] for c in claims if c["outlet"] == "Lagos Ledger" and c["value_low"] == 350.0)
    seed = [c["article_id"] for c in claims if c["outlet"] is None and c["value_low"] == 262.0]
    source_of = {kano: "wire", lagos: "wire", **{a: "wire" for a in seed}}
    assert not any({262.0, 350.0} <= _values(r) for r in _conflicts(find_conflicts(claims, source_of=source_of)))


def test_output_is_deterministic(claims: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    assert find_conflicts(list(reversed(claims)), source_of={}) == records


# -- plain data ------------------------------------------------------------


def _claim(article: str, outlet: str | None, low: float, day: int, **extra: Any) -> dict[str, Any]:
    row = {"article_id": article, "start": 0, "end": len(str(low)), "text": str(int(low)), "quantity": "deaths",
           "subject": "people killed", "value_low": low, "value_high": extra.pop("high", low), "unit": "people",
           "approx": "exact", "as_of": date(2024, 1, day), "outlet": outlet, "source_actor": [],
           "counted": "people", "owner": None, "cumulative": False}  # fmt: skip
    return {**row, **extra}


def test_same_day_disagreement_between_sources_is_a_conflict() -> None:
    records = find_conflicts([_claim("a", "A", 40, 1), _claim("b", "B", 60, 1), _claim("c", "C", 40, 1)], source_of={})
    assert [r["kind"] for r in records] == ["conflict"]
    assert [(v["value_low"], v["article_ids"]) for v in records[0]["values"]] == [(40, ["a", "c"]), (60, ["b"])]
    assert records[0]["conservative"]["value"] == 40
    assert "2 independent sources" in records[0]["conservative"]["reason"]


def test_rounding_and_overlapping_ranges_agree() -> None:
    assert find_conflicts([_claim("a", "A", 1000, 1), _claim("b", "B", 1040, 1)], source_of={}) == []
    ranged = [_claim("a", "A", 850, 1, high=1100), _claim("b", "B", 1100, 1)]
    assert find_conflicts(ranged, source_of={}) == []


def test_one_source_changing_its_figure_is_not_a_conflict() -> None:
    same = [_claim("a", "A", 11000, 1), _claim("a", "A", 13500, 1)]
    assert find_conflicts(same, source_of={}) == []
    copies = [_claim("a", "A", 40, 1), _claim("b", "B", 60, 1)]
    assert find_conflicts(copies, source_of={"a": "wire", "b": "wire"}) == []


def test_a_rising_toll_is_a_series() -> None:
    rising = [_claim("a", "A", 10, 1), _claim("b", "B", 25, 2), _claim("c", "C", 40, 3)]
    records = find_conflicts(rising, source_of={})
    assert [r["kind"] for r in records] == ["series"]
    assert records[0]["latest"]["value"] == 40 and records[0]["latest"]["as_of"] == "2024-01-03"


def test_different_things_are_not_compared() -> None:
    mixed = [_claim("a", "A", 40, 1), _claim("b", "B", 60, 1, counted="infants"), _claim("c", "C", 90, 1, owner="USA"),
             _claim("d", "D", 70, 1, cumulative=True), _claim("e", "E", 100, 1, approx="vague"),
             _claim("f", "F", 80, 1, quantity="other", counted=None)]  # fmt: skip
    assert find_conflicts(mixed, source_of={}) == []


def test_unknown_outlets_are_their_own_source() -> None:
    records = find_conflicts([_claim("a", None, 40, 1), _claim("b", None, 60, 1)], source_of={})
    assert [r["kind"] for r in records] == ["conflict"] and all(v["outlets"] == [] for v in records[0]["values"])


def test_labels() -> None:
    assert label(("", "evacuated", "people", "", "people", True, "")) == "evacuated people, running total"
    assert label(("", "troops", "troops", "USA", "troops", False, "")) == "USA troops"
    assert label(("", "protesters", "people", "", "people", False, "")) == "protesters"
    assert label(("", "age", "", "", "years", False, "rait")) == "age of Rait"
    assert label(("", "distance", "metres", "", "metres", False, "")) == "metres (distance)"


def test_undated_reports_of_a_fact_conflict_across_days_but_a_quake_years_before_does_not() -> None:
    magnitude = {"quantity": "magnitude", "counted": None, "unit": "richter"}
    facts = [_claim("a", None, 5.9, 1, as_of=None, **magnitude), _claim("b", None, 6.1, 2, **magnitude),
             _claim("c", None, 6.7, 1, as_of=date(2021, 12, 26), **magnitude)]  # fmt: skip
    records = find_conflicts(facts, source_of={})
    assert [sorted(_values(r)) for r in records] == [[5.9, 6.1]]
    assert find_conflicts(facts, source_of={}, story_of={"a": "s1", "b": "s2", "c": "s2"}) == []


def test_an_undated_count_is_compared_with_undated_counts_only() -> None:
    boats = {"quantity": "other", "counted": "boats", "unit": "other"}
    counts = [_claim("a", None, 2, 1, as_of=None, **boats), _claim("b", None, 3, 1, as_of=None, **boats),
              _claim("c", "C", 5, 1, **boats)]  # fmt: skip
    assert [sorted(_values(r)) for r in find_conflicts(counts, source_of={})] == [[2, 3]]


def test_exact_figures_differ_by_one_rounded_ones_by_more_than_rounding() -> None:
    points = {"quantity": "other", "counted": "points", "unit": "other"}
    exact = [_claim("a", None, 2301, 1, **points), _claim("b", None, 2302, 1, **points)]
    assert len(find_conflicts(exact, source_of={})) == 1
    rounded = [_claim("a", None, 2300, 1, approx="about", **points), _claim("b", None, 2302, 1, **points)]
    assert find_conflicts(rounded, source_of={}) == []


REPORTS = (
    "Floodwaters swept through the river town of Kelmora overnight after the Varn river burst its banks, regional "
    "officials said. Governor Ilse Marant said 12 people were killed and the water stood 2 metres deep by dawn in "
    "the lower districts. Emergency crews used boats to reach families stranded on rooftops.",
    "At least 17 people died in Kelmora when the Varn broke through its embankment before midnight, according to "
    "a hospital doctor who counted the bodies brought in. Residents described water rising to their first floors "
    "within an hour, and the mayor ordered the western streets emptied.",
    "Rescue teams in Kelmora were still searching the flooded market on Wednesday. The Varn had risen 3 metres in "
    "a few hours, said Ilse Marant, the regional governor, who put the number of people killed at 12 and asked "
    "the army for more boats.",
)


def test_conflicts_are_found_between_undated_articles_of_one_story(tmp_path: Path) -> None:
    lines = [{"id": f"report-{i}", "text": text} for i, text in enumerate(REPORTS)]
    source = tmp_path / "undated.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = tmp_path / "undated.duckdb"
    newsweave.ingest([str(source)], db=db)
    with newsweave.open_store(db, read_only=True) as store:
        assert {a["published"] for a in store.articles()} == {None}
        assert {a["outlet"] for a in store.articles()} == {None}
    found = {r["quantity"]: r for r in newsweave.conflicts(db)}
    assert _values(found["deaths"]) == {12.0, 17.0} and _values(found["distance"]) == {2.0, 3.0}
    by_value = _by_value(found["deaths"])
    assert len(by_value[12.0]["article_ids"]) == 2 and len(by_value[17.0]["article_ids"]) == 1
    assert found["deaths"]["conservative"]["value"] == 12.0 and found["deaths"]["story"]


def test_a_toll_counted_under_two_nouns_is_one_figure_but_a_narrower_noun_stays_apart() -> None:
    tolls = [_claim("a", None, 12, 1), _claim("b", None, 17, 1, counted="deaths"),
             _claim("c", None, 9, 1, counted="civilians")]  # fmt: skip
    records = find_conflicts(tolls, source_of={})
    assert [sorted(_values(r)) for r in records] == [[12, 17]]


def test_figures_of_linked_stories_are_compared_as_one_group() -> None:
    age = {"quantity": "age", "counted": None, "unit": "years", "subject": "Kells", "as_of": None}
    facts = [_claim("a", None, 41, 1, **age), _claim("b", None, 42, 1, **age)]
    assert find_conflicts(facts, source_of={}, story_of={"a": "s1", "b": "s2"}) == []
    assert len(find_conflicts(facts, source_of={}, story_of={"a": "s1", "b": "s1"})) == 1


def test_a_population_or_a_mothers_children_conflict_across_the_whole_story() -> None:
    population = {"quantity": "population", "counted": "populations", "unit": "people", "approx": "about"}
    residents = {**population, "counted": "residents"}
    claims = [_claim("a", None, 45_000, 1, **population), _claim("b", None, 60_000, 1, as_of=None, **population),
              _claim("c", None, 45_000, 1, as_of=date(2021, 6, 1), **residents)]  # fmt: skip
    assert [sorted(_values(r)) for r in find_conflicts(claims, source_of={})] == [[45_000, 60_000]]
    children = {"quantity": "people", "counted": "children", "unit": "people"}
    kids = [_claim("a", None, 9, 1, **children), _claim("b", None, 10, 1, as_of=date(2022, 5, 1), **children)]
    assert [r["kind"] for r in find_conflicts(kids, source_of={})] == ["conflict"]


def test_members_or_suspects_detained_are_the_people_detained() -> None:
    detained = {"quantity": "detained", "unit": "people"}
    claims = [_claim("a", None, 89, 1, counted="people", **detained), _claim("b", None, 99, 1, counted="members",
              **detained), _claim("c", None, 89, 1, counted="suspects", **detained)]  # fmt: skip
    records = find_conflicts(claims, source_of={})
    assert [(r["kind"], sorted(_values(r))) for r in records] == [("conflict", [89, 99])]


def test_a_measure_is_compared_by_its_unit_whatever_its_spelling() -> None:
    distance = {"quantity": "distance", "unit": "km"}
    claims = [_claim("a", None, 40, 1, counted="kilometers", **distance), _claim("b", None, 55, 1, counted="km",
              **distance), _claim("c", None, 30, 1, counted="miles", quantity="distance", unit="miles")]  # fmt: skip
    assert [(r["subject"], sorted(_values(r))) for r in find_conflicts(claims, source_of={})] == [
        ("distance (km)", [40, 55])
    ]
