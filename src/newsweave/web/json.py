"""JSON responses that article text can never turn into markup."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi.responses import JSONResponse, Response

from newsweave.model import json_default


def safe(text: str) -> bytes:
    """JSON text with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes (the parsed JSON is unchanged)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` escaped: article text in an API response can never be read as markup,
    whatever sniffs it."""

    def render(self, content: Any) -> bytes:
        return safe(json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                               default=json_default))  # fmt: skip


class StoredJSONResponse(Response):
    """A JSON array of records stored as JSON text, sent without parsing them (escaped like SafeJSONResponse)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        records: Sequence[str] = content
        return safe("[" + ",".join(records) + "]")
