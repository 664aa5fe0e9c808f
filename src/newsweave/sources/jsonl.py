"""JSON Lines feeds: one article object per line; bad lines are rejected alone, with the reason.

A line must hold exactly one JSON object: an array (several articles on one
line), a bare value, two objects side by side, or nesting deeper than
``max_depth`` (which would make the JSON parser recurse without bound) is
rejected. Strings lose control characters and lone surrogates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.limits import Limits, json_depth, printable
from newsweave.model import InputKind, RawInput, Rejection
from newsweave.sources.decode import raw_hash

OPTIONAL = ("id", "url", "outlet", "title", "published")
MAX_DEPTH = Limits().max_json_depth


def parse_record(origin: str, line: str, *, max_depth: int = MAX_DEPTH) -> RawInput | Rejection:
    """One JSONL line to an input, or a rejection that says what is wrong."""
    depth = json_depth(line)
    if depth > max_depth:
        return Rejection(origin, f"JSON nested {depth} deep, over the {max_depth} limit "
                         "(set NEWSWEAVE_MAX_JSON_DEPTH to change it)", "json")  # fmt: skip
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(origin, _malformed(exc), "json")
    except (RecursionError, ValueError) as exc:  # ValueError: a number too long to convert
        return Rejection(origin, f"malformed JSON: {type(exc).__name__}: {str(exc)[:80]}", "json")
    if not isinstance(record, dict):
        return Rejection(origin, f"a record must be a JSON object, got {type(record).__name__}", "json")
    body_key = next((k for k in ("text", "html") if isinstance(record.get(k), str)), None)
    if body_key is None:
        return Rejection(origin, "record has no 'text' or 'html' string field", "json")
    meta = {k: printable(str(record[k])) for k in OPTIONAL if record.get(k) not in (None, "")}
    kind: InputKind = "text" if body_key == "text" else "html"
    digest = raw_hash(line.encode("utf-8", "surrogatepass"))
    return RawInput(origin, kind, printable(record[body_key]), digest, meta)


def _malformed(exc: json.JSONDecodeError) -> str:
    if exc.msg == "Extra data":
        return f"more than one JSON value on the line (column {exc.colno}): a line must hold one article object"
    return f"malformed JSON: {exc.msg} at column {exc.colno}"


def iter_records(name: str, lines: Iterable[str], *, max_depth: int = MAX_DEPTH) -> Iterator[RawInput | Rejection]:
    """Stream records from lines; blank lines are ignored."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_record(f"{name}:{number}", line, max_depth=max_depth)
