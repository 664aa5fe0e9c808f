"""Render the report as one Markdown file.

Every value from the store passes through :func:`escape` (Jinja's ``finalize``):
HTML is neutralised (``<script>`` becomes ``&lt;script&gt;``, so a Markdown
renderer shows it as text) and Markdown syntax characters are backslash-escaped,
so article text can neither inject markup nor break a table. Plots are embedded
as SVG data URIs, so the file stays self-contained.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from newsweave.reports import html
from newsweave.reports.briefing import safe_url
from newsweave.reports.timeline import MARKDOWN_STYLE

_SYNTAX = re.compile(r"([\\`*_\[\]|#~])")


def escape(value: Any) -> Any:
    """Text safe to place anywhere in Markdown (tables included); :class:`Markup` passes through."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SYNTAX.sub(r"\\\1", re.sub(r"\s+", " ", text))


def environment() -> Environment:
    env = html.environment(autoescape=False, finalize=escape, keep_trailing_newline=True)
    env.filters["link"] = lambda url: Markup(f" <{url}>") if safe_url(url) else ""
    env.filters["emphasis"] = lambda modality: Markup(MARKDOWN_STYLE.get(modality, ""))
    return env


def data_uri(svg: str) -> Markup:
    """An SVG as a ``data:`` URI (base64, so nothing in it can close the Markdown image syntax)."""
    return Markup("data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"))


def render_markdown(data: dict[str, Any]) -> str:
    images = {name: data_uri(svg) for name, svg in data["plots"].items()}
    return environment().get_template("report.md.j2").render(**{**data, "plots": images})
