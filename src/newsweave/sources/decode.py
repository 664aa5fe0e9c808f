"""Bytes to text: size limit, empty and binary checks, encoding fallbacks."""

from __future__ import annotations

import codecs
import hashlib

from newsweave.errors import InputError

_FALLBACKS = ("utf-8", "cp1252", "latin-1")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


def raw_hash(data: bytes) -> str:
    """A short, stable hash of an input's raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def check_size(size: int, *, limit: int) -> None:
    """Refuse inputs over the configured size limit."""
    if size > limit:
        raise InputError(
            f"file is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:.1f} MB limit "
            "(set NEWSWEAVE_MAX_BYTES to change it)",
            code="too_large",
        )


def looks_binary(data: bytes) -> bool:
    """True for content with NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b in _CONTROL)
    return control > max(8, len(head) // 20)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding_used)``.

    UTF-8 first (BOMs honoured), then cp1252 and latin-1. Empty and binary
    content raise :class:`InputError`.
    """
    if not data.strip():
        raise InputError("empty file (no text at all)", code="empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable {name} text: {exc.reason}", code="encoding") from exc
    if looks_binary(data):
        raise InputError("binary content, not text (NUL or control bytes)", code="binary")
    for name in _FALLBACKS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise InputError("text in an unknown encoding (not UTF-8, cp1252 or latin-1)", code="encoding")
