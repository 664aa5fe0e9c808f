"""Plain-text articles, with an optional ``---`` front-matter block of metadata."""

from __future__ import annotations

import re

from newsweave.model import RawInput

META_KEYS = ("id", "url", "outlet", "title", "published")
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return ``(metadata, body)``; metadata is empty when there is no block."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group("body").splitlines():
        kv = _LINE.match(line)
        if kv and kv.group("key").lower() in META_KEYS and kv.group("value"):
            meta[kv.group("key").lower()] = kv.group("value").strip("'\"")
    return meta, text[match.end() :]


def text_input(origin: str, text: str, digest: str) -> RawInput:
    """A plain-text input with its front matter (if any) lifted into ``meta``."""
    meta, body = split_front_matter(text)
    return RawInput(origin=origin, kind="text", content=body, raw_hash=digest, meta=meta)
