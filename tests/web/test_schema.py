"""schemathesis against the app's own OpenAPI document: every endpoint, generated and edge-case requests.

No request may get a 5xx, and every response must match what the document
declares (status code, content type, headers, body schema). A modest number of
examples per endpoint keeps this in CI time; ``NEWSWEAVE_SCHEMA_EXAMPLES`` raises it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from newsweave.web import create_app

EXAMPLES = int(os.environ.get("NEWSWEAVE_SCHEMA_EXAMPLES", "25"))
ENDPOINTS = ("/articles", "/articles/{ref}", "/actors", "/actors/{ref}", "/events", "/events/{ref}", "/timeline",
             "/stories", "/stories/{ref}", "/conflicts", "/duplicates")  # fmt: skip
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(corpus_db: Path) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(corpus_db))


def _operations(api_schema: Any) -> dict[str, Any]:
    return {op.label: op for op in (result.ok() for result in api_schema.get_all_operations())}


def test_every_endpoint_is_in_the_schema(api_schema: Any) -> None:
    assert set(_operations(api_schema)) == {f"GET {path}" for path in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_api_conforms_to_its_schema(api_schema: Any, endpoint: str) -> None:
    operation = _operations(api_schema)[f"GET {endpoint}"]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    check()
