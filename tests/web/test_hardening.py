"""Request limits and the defaults that keep the API safe: URI length, page bounds, headers, the bound address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsweave
from newsweave.cli import app as cli_app
from newsweave.web import create_app
from newsweave.web.app import MAX_PATH, MAX_QUERY
from newsweave.web.deps import MAX_LIMIT, MAX_OFFSET


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "url",
    [f"/articles?outlet={'x' * MAX_QUERY}", f"/articles/{'a' * MAX_PATH}", f"/story/{'s' * MAX_PATH}",
     f"/events?actor={'%41' * MAX_QUERY}"],
)  # fmt: skip
def test_overlong_uris_are_414(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 414
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "too long" in response.text


def test_uris_within_the_limits_are_served(client: TestClient) -> None:
    assert client.get(f"/articles?outlet={'x' * (MAX_QUERY - 7)}").status_code == 200
    assert client.get(f"/articles/{'a' * (MAX_PATH - 10)}").status_code == 404


@pytest.mark.parametrize("query", [f"limit={MAX_LIMIT + 1}", "limit=0", f"offset={MAX_OFFSET + 1}", "offset=-1",
                                   "offset=99999999999999999999", "limit=99999999999999999999"])  # fmt: skip
def test_page_bounds_are_422(client: TestClient, query: str) -> None:
    assert client.get(f"/articles?{query}").status_code == 422


def test_dashboard_forbids_inline_scripts_and_sniffing(client: TestClient) -> None:
    for path in ("/", "/docs", "/articles", "/openapi.json", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "object-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def _serve_args(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[dict[str, Any], str]:
    called: dict[str, Any] = {}
    monkeypatch.setattr(newsweave, "serve", lambda db, **kwargs: called.update(kwargs))
    result = CliRunner().invoke(cli_app, ["serve", "--db", "unused.duckdb", *args])
    assert result.exit_code == 0, result.output
    return called, result.stderr


def test_serve_binds_to_localhost_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    called, stderr = _serve_args(monkeypatch)
    assert called["host"] == "127.0.0.1"
    assert "WARNING" not in stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_serve_warns_loudly_off_localhost(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    called, stderr = _serve_args(monkeypatch, "--host", host)
    assert called["host"] == host
    assert stderr.startswith(f"WARNING: serving on {host}") and "no authentication" in stderr
