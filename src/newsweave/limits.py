"""Resource bounds for hostile inputs: checked before a parser can be made slow, deep or huge.

Every check is a linear scan that raises :class:`InputError` with the reason
(the batch goes on without the input). The HTML parser (libxml2 via lxml) is
quadratic in the attributes of one tag and slow on huge tag counts; spaCy
refuses texts over its ``max_length`` and needs memory in proportion to the
text; Python's ``json`` module recurses once per nesting level.
"""

from __future__ import annotations

import re
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, TypeVar

from newsweave.errors import InputError
from newsweave.settings import Settings, get_settings

T = TypeVar("T")

# Elements that never have content, and elements whose end tag HTML lets a page leave out.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
AUTOCLOSE = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rp", "rt"}
)
_TAG = re.compile(r"(/?)([A-Za-z][\w:.-]*)(.*)", re.S)
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# C0 controls but tab, newline and carriage return; DEL; lone UTF-16 surrogates (unencodable as UTF-8).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one run (see :class:`~newsweave.settings.Settings` for their ``NEWSWEAVE_`` names)."""

    max_chars: int = 200_000
    max_html_depth: int = 256
    max_html_tags: int = 50_000
    max_html_attributes: int = 256
    html_timeout: float = 30.0
    max_json_depth: int = 32

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        """The limits of ``settings`` (default: read from the environment now)."""
        s = settings or get_settings()
        return cls(s.max_chars, s.max_html_depth, s.max_html_tags, s.max_html_attributes, s.html_timeout,
                   s.max_json_depth)  # fmt: skip


def printable(text: str) -> str:
    """``text`` without control characters (NUL, ...) and lone surrogates, which no stage or store can use."""
    return _UNPRINTABLE.sub("", text)


def check_text(text: str, *, limits: Limits) -> None:
    """Refuse a cleaned text longer than the parser may be given."""
    if len(text) > limits.max_chars:
        raise InputError(
            f"article text is {len(text):,} characters after cleaning, over the {limits.max_chars:,} limit "
            "(set NEWSWEAVE_MAX_CHARS to change it)",
            code="too_large",
        )


@dataclass(slots=True)
class _Shape:
    tags: int = 0
    depth: int = 0
    widest: int = 0


def html_shape(html: str) -> _Shape:
    """Tag count, deepest nesting and most attributes on one tag, as a forgiving parser would see them.

    One forward scan (linear whatever the page: no backtracking). End tags close
    the nearest open element of their name; an element whose end tag HTML makes
    optional (``<p>``, ``<li>``, ...) is closed by the next one of its kind; void
    elements and ``/>`` never open. Comments and the text of scripts and styles
    are skipped; an unclosed one ends the scan.
    """
    shape, stack, open_names = _Shape(), list[str](), Counter[str]()
    lowered, pos = html.lower(), 0
    while (lt := html.find("<", pos)) >= 0:
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            pos = end + 3 if end >= 0 else len(html)
            continue
        gt = html.find(">", lt)
        if gt < 0:
            break
        pos = gt + 1
        match = _TAG.fullmatch(html, lt + 1, gt)
        if match is None:
            continue
        name = match.group(2).lower()
        shape.tags += 1
        if match.group(1):
            _close(stack, open_names, name)
        else:
            _open(shape, stack, open_names, name, match.group(3))
            if name in RAW_TEXT:
                end = lowered.find("</" + name, pos)
                pos = end if end >= 0 else len(html)
    return shape


def _open(shape: _Shape, stack: list[str], open_names: Counter[str], name: str, rest: str) -> None:
    shape.widest = max(shape.widest, _count_attributes(rest))
    if name in AUTOCLOSE and open_names[name]:
        _close(stack, open_names, name)
    if name not in VOID and not rest.rstrip().endswith("/"):
        stack.append(name)
        open_names[name] += 1
        shape.depth = max(shape.depth, len(stack))


def _count_attributes(rest: str) -> int:
    return sum(1 for _ in _ATTRIBUTE.finditer(rest)) if "=" in rest or rest.strip() else 0


def _close(stack: list[str], open_names: Counter[str], name: str) -> None:
    if not open_names[name]:
        return
    while stack:
        top = stack.pop()
        open_names[top] -= 1
        if top == name:
            return


def check_html(html: str, *, limits: Limits) -> None:
    """Refuse a page whose shape would make the HTML parser slow or deep."""
    shape = html_shape(html)
    if shape.tags > limits.max_html_tags:
        raise _refuse(f"{shape.tags:,} tags, over the {limits.max_html_tags:,} limit", "MAX_HTML_TAGS")
    if shape.depth > limits.max_html_depth:
        raise _refuse(f"elements nested {shape.depth:,} deep, over the {limits.max_html_depth:,} limit",
                      "MAX_HTML_DEPTH")  # fmt: skip
    if shape.widest > limits.max_html_attributes:
        raise _refuse(f"a tag with {shape.widest:,} attributes, over the {limits.max_html_attributes:,} limit",
                      "MAX_HTML_ATTRIBUTES")  # fmt: skip


def _refuse(what: str, setting: str) -> InputError:
    return InputError(f"pathological HTML: {what} (set NEWSWEAVE_{setting} to change it)", code="pathological")


# A string (the unrolled form: one step per run of plain characters, not one per character), or a bracket.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]')


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(0, depth - 1)
    return deepest


class _Timeout(BaseException):
    """Raised in the main thread by the alarm; a BaseException so that no ``except Exception`` swallows it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> Any:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def within(seconds: float, what: str, work: Callable[[], T]) -> T:
    """Run ``work``; past ``seconds`` raise :class:`InputError` instead of waiting for it.

    The alarm is a POSIX interval timer, so it only guards work in the main
    thread of a process (elsewhere ``work`` runs unbounded, guarded by the
    shape checks alone) and interrupts Python code, not one long C call.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        return work()
    try:
        with _alarm(seconds):
            return work()
    except _Timeout:
        raise InputError(
            f"{what} took over {seconds:g} s (set NEWSWEAVE_HTML_TIMEOUT to change it)", code="timeout"
        ) from None
