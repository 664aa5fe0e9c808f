"""The JSON API over the sample corpus: every endpoint, each filter, pagination, error codes, the OpenAPI document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import newsweave
from newsweave.web import create_app

ENDPOINTS = ("/articles", "/actors", "/events", "/stories", "/conflicts", "/timeline", "/duplicates")


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def all_events(corpus_db: Path) -> list[dict[str, Any]]:
    with newsweave.open_store(corpus_db, read_only=True) as store:
        return _plain(store.events())


def _plain(value: Any) -> Any:
    """As JSON carries it (dates as ISO strings), with actor lists in a fixed order."""
    data = json.loads(json.dumps(value, default=str))
    return _sorted_actors(data)


def _sorted_actors(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: sorted(v, key=str) if k in ("source", "target") else _sorted_actors(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_sorted_actors(v) for v in value]
    return value


def _get(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text)
    return response.json()


def _get_all(client: TestClient, url: str) -> list[Any]:
    """Every record of a listing, page after page of 1000 (the largest page the API serves)."""
    joiner = "&" if "?" in url else "?"
    records: list[Any] = []
    while page := _get(client, f"{url}{joiner}limit=1000&offset={len(records)}"):
        records += page
    return records


def _cli_records(db: Path, endpoint: str) -> Any:
    """What the matching command prints with --json (through the same public API and Store calls)."""
    with newsweave.open_store(db, read_only=True) as store:
        by_endpoint = {
            "/articles": store.articles, "/actors": store.actors, "/timeline": store.timeline, "/events": store.events,
            "/stories": lambda: newsweave.stories(db), "/conflicts": lambda: newsweave.conflicts(db),
            "/conflicts?series=true": lambda: newsweave.conflicts(db, include_series=True),
            "/duplicates": lambda: newsweave.duplicates(db),
        }  # fmt: skip
        return _plain(by_endpoint[endpoint]())


@pytest.mark.parametrize("endpoint", [*ENDPOINTS, "/conflicts?series=true"])
def test_listings_match_the_cli_records(client: TestClient, corpus_db: Path, endpoint: str) -> None:
    served = _sorted_actors(_get_all(client, endpoint))
    expected = _cli_records(corpus_db, endpoint)
    assert len(served) == len(expected), endpoint
    for got, want in zip(served, expected, strict=True):
        assert got == want, (endpoint, json.dumps(got)[:400], json.dumps(want)[:400])


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_listing_pages(client: TestClient, endpoint: str) -> None:
    everything = _get_all(client, endpoint)
    assert everything, endpoint
    assert len(_get(client, f"{endpoint}?limit=1")) == 1
    assert _get(client, f"{endpoint}?limit=2&offset=1") == everything[1:3]
    assert _get(client, f"{endpoint}?offset={len(everything)}") == []
    total = client.get(f"{endpoint}?limit=1").headers.get("x-total-count")
    assert total is None or int(total) == len(everything)
    assert len(_get(client, endpoint)) == min(100, len(everything))  # default limit 100


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=x"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_bad_pages_are_422(client: TestClient, endpoint: str, query: str) -> None:
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 422
    assert "detail" in response.json()


def test_one_record_endpoints(client: TestClient, all_events: list[dict[str, Any]]) -> None:
    first = _get(client, "/articles?limit=1")[0]
    article = _get(client, f"/articles/{first['id']}")
    assert article["id"] == first["id"] and article["text"]
    assert _get(client, f"/articles/{first['id'][:6]}")["id"] == first["id"]
    assert _get(client, f"/articles/{first['url']}")["id"] == first["id"]
    actor = _get(client, "/actors/Tiani")
    assert actor["name"] == "Abdourahamane Tchiani" and actor["mention_spans"]
    assert _get(client, f"/actors/{actor['id']}")["id"] == actor["id"]
    event = all_events[0]
    assert _sorted_actors(_get(client, f"/events/{event['id']}")) == event
    member = event["members"][-1]["id"]
    assert _get(client, f"/events/{member}")["id"] == event["id"]
    story = _get(client, "/stories")[0]
    assert _get(client, f"/stories/{story['id']}") == story


@pytest.mark.parametrize(
    "url", ["/articles/ffffffffffffffff", "/actors/Nobody%20Atall", "/events/evt_nope_1", "/events/x", "/stories/sto_x"]
)
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no ")


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in rows]


def _dates(event: dict[str, Any]) -> date | None:
    return date.fromisoformat(event["date"]) if event["date"] else None


def test_event_filters(client: TestClient, all_events: list[dict[str, Any]]) -> None:
    rejects = [e for e in all_events if e["type"] == "REJECT"]
    assert rejects and _ids(_get(client, "/events?type=REJECT&limit=1000")) == _ids(rejects)
    assert _ids(_get(client, "/events?type=reject&limit=1000")) == _ids(rejects)
    start, end = date(2023, 8, 5), date(2023, 8, 10)
    within = [e for e in all_events if _dates(e) and start <= _dates(e) <= end]  # type: ignore[operator]
    assert within and _ids(_get(client, "/events?from=2023-08-05&to=2023-08-10&limit=1000")) == _ids(within)
    later = [e for e in all_events if _dates(e) and _dates(e) >= start]  # type: ignore[operator]
    assert _ids(_get(client, "/events?from=2023-08-05&limit=1000")) == _ids(later)
    corroborated = [e for e in all_events if (e["num_independent_sources"] or 0) >= 2]
    assert corroborated and _ids(_get(client, "/events?min_sources=2&limit=1000")) == _ids(corroborated)


def test_actor_filter_takes_an_id_a_name_or_an_alias(client: TestClient, all_events: list[dict[str, Any]]) -> None:
    actor = _get(client, "/actors/Tiani")
    involved = [e for e in all_events if actor["id"] in {a["id"] for a in e["source"] + e["target"]}]
    assert involved
    for ref in (actor["id"], actor["name"], "Tiani"):
        assert _ids(_get_all(client, f"/events?actor={ref}")) == _ids(involved)
    since = [e for e in involved if _dates(e) and _dates(e) >= date(2023, 8, 1)]  # type: ignore[operator]
    assert _ids(_get(client, f"/events?actor={actor['id']}&from=2023-08-01")) == _ids(since)
    timeline = _get_all(client, f"/timeline?actor={actor['id']}&from=2023-08-01")
    assert {t["event_id"] for t in timeline} == set(_ids(since))


def test_story_filter(client: TestClient, all_events: list[dict[str, Any]]) -> None:
    story = _get(client, "/stories")[0]
    members = set(story["article_ids"])
    wanted = [e for e in all_events if members & set(e["article_ids"])]
    assert _ids(_get_all(client, f"/events?story={story['id']}")) == _ids(wanted)


@pytest.mark.parametrize(
    "query",
    ["type=EXPLODE", "from=2023-13-01", "from=yesterday", "to=2023-02-30", "from=2023-08-10&to=2023-08-01",
     "actor=Nobody%20Atall", "story=sto_nope", "min_sources=0", "min_sources=many"],
)  # fmt: skip
@pytest.mark.parametrize("endpoint", ["/events", "/timeline"])
def test_bad_filters_are_422(client: TestClient, endpoint: str, query: str) -> None:
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 422, (query, response.text)
    assert response.json()["detail"]


def test_timeline_is_in_date_order(client: TestClient) -> None:
    rows = _get(client, "/timeline?limit=1000")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {"date", "precision", "event_id", "type", "modality", "summary", "article_ids"} <= set(rows[0])


def test_security_headers_and_read_only(client: TestClient) -> None:
    for url in ("/events?limit=1", "/"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert client.post("/events").status_code == 405
    assert client.delete("/articles/x").status_code == 405


def test_openapi_document_validates(client: TestClient) -> None:
    spec = _get(client, "/openapi.json")
    assert spec["openapi"].startswith("3.")
    for path in ENDPOINTS:
        operation = spec["paths"][path]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert {"limit", "offset"} <= names, path
        assert "200" in operation["responses"] and "422" in operation["responses"]
    events = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"type", "actor", "from", "to", "story", "min_sources"} <= events
    for path in ("/articles/{ref}", "/actors/{ref}", "/events/{ref}", "/stories/{ref}"):
        assert "404" in spec["paths"][path]["get"]["responses"], path
    assert not any(p.startswith(("/story/", "/event/", "/actor/", "/article/")) for p in spec["paths"])
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)
    assert client.get("/docs").status_code == 200


def test_story_page_groups_copies_under_their_original(client: TestClient) -> None:
    copies = _get(client, "/duplicates")
    verbatim = next(c for c in copies if c["kind"] == "verbatim")
    story = next(s for s in _get(client, "/stories") if verbatim["article_id"] in s["article_ids"])
    page = client.get(f"/story/{story['id']}").text
    section = page.split("<h2>Copies</h2>", 1)[1].split("</section>", 1)[0]
    original = section.index(f'href="/article/{verbatim["copy_of"]}"')
    assert original < section.index(f'href="/article/{verbatim["article_id"]}"')
    assert "verbatim copy" in section
