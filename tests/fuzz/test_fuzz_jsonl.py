"""Fuzz the JSONL reader: any line becomes one input or one rejection with a reason, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.model import RawInput, Rejection
from newsweave.sources.files import read_file
from newsweave.sources.jsonl import parse_record
from tests.fuzz.strategies import examples, json_line, json_record


@settings(max_examples=examples(200))
@given(st.text())
def test_any_line_is_an_input_or_a_rejection(line: str) -> None:
    result = parse_record("fuzz:1", line)
    assert isinstance(result, RawInput | Rejection)
    if isinstance(result, Rejection):
        assert result.reason and result.code == "json"


@settings(max_examples=examples(200))
@given(json_record())
def test_only_an_object_with_a_text_string_is_an_input(value: Any) -> None:
    result = parse_record("fuzz:1", json_line(value))
    body = (value.get("text") if isinstance(value.get("text"), str) else value.get("html")) if isinstance(
        value, dict) else None  # fmt: skip
    if isinstance(body, str):
        assert isinstance(result, RawInput) and result.kind in {"text", "html"}
        assert all(isinstance(v, str) for v in result.meta.values())
    else:
        assert isinstance(result, Rejection) and result.reason


@settings(max_examples=examples(50))
@given(st.integers(33, 200_000), st.sampled_from(["[", '{"a":', '{"text": "x", "n": [']))
def test_deep_nesting_is_rejected(depth: int, opener: str) -> None:
    result = parse_record("fuzz:1", opener * depth)
    assert isinstance(result, Rejection) and "nested" in result.reason


@settings(max_examples=examples(40))
@given(st.lists(st.one_of(st.binary(max_size=200), json_record().map(lambda v: json_line(v).encode("utf-8",
                                                                                                    "surrogatepass"))),
                max_size=8))  # fmt: skip
def test_a_file_of_random_lines_streams_one_item_per_line(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(b"\n".join(lines))
        items = list(read_file(path, max_bytes=1 << 20))
    assert all(isinstance(i, RawInput | Rejection) for i in items)
    assert len(items) <= max(1, b"\n".join(lines).count(b"\n") + 1)
