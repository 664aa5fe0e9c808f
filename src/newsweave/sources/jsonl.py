"""JSON Lines feeds: one article record per line; bad lines are rejected alone."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.model import InputKind, RawInput, Rejection
from newsweave.sources.decode import raw_hash

OPTIONAL = ("id", "url", "outlet", "title", "published")


def parse_record(origin: str, line: str) -> RawInput | Rejection:
    """One JSONL line to an input, or a rejection that says what is wrong."""
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(origin, f"malformed JSON: {exc.msg} at column {exc.colno}", "json")
    if not isinstance(record, dict):
        return Rejection(origin, f"a record must be a JSON object, got {type(record).__name__}", "json")
    body_key = next((k for k in ("text", "html") if isinstance(record.get(k), str)), None)
    if body_key is None:
        return Rejection(origin, "record has no 'text' or 'html' string field", "json")
    meta = {k: str(record[k]) for k in OPTIONAL if record.get(k) not in (None, "")}
    kind: InputKind = "text" if body_key == "text" else "html"
    return RawInput(origin, kind, record[body_key], raw_hash(line.encode("utf-8")), meta)


def iter_records(name: str, lines: Iterable[str]) -> Iterator[RawInput | Rejection]:
    """Stream records from lines; blank lines are ignored."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_record(f"{name}:{number}", line)
