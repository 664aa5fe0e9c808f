"""Render the report as one self-contained HTML file (Jinja2, autoescape on: article text is untrusted).

CSS is inline and the plots are inline SVG; the only links that leave the page
are the articles' own http(s) URLs.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from newsweave.reports.timeline import date_label


def environment(**options: Any) -> Environment:
    """The report templates' environment (HTML autoescape unless ``options`` say otherwise) and shared filters."""
    env = Environment(
        loader=PackageLoader("newsweave.reports", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **{"autoescape": select_autoescape(["html", "html.j2"]), **options},
    )
    env.filters["when"] = lambda value, precision=None: "undated" if value is None else date_label(value, precision)
    env.filters["figure"] = figure
    return env


def render_html(data: dict[str, Any]) -> str:
    """The report page; the matplotlib SVGs are the only markup not escaped (they carry text as paths)."""
    svgs = {name: Markup(svg) for name, svg in data["plots"].items()}  # matplotlib output: text drawn as paths
    return environment().get_template("report.html.j2").render(**{**data, "plots": svgs})


def figure(value: Any, high: Any = None) -> str:
    """``1,079`` or a range ``850–1,100``."""
    if not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    if high is None or high == value or not isinstance(high, int | float):
        return text
    return f"{text}–{high:,.0f}"
