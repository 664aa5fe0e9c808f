"""Plots for the report, drawn with matplotlib's object API (no pyplot, no GUI) and returned as inline SVG.

Text is drawn as glyph paths, so nothing from an article reaches the SVG as
markup; the XML prologue and metadata are stripped so the SVG can sit inside
an HTML page, and each plot gets its own id salt so ids never collide.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.figure import Figure

MAX_FILLED_DAYS = 45
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
QUAD_COLOURS = {1: "#8fc98f", 2: "#2e7d32", 3: "#f0a04b", 4: "#c62828"}
KIND_COLOURS = {"person": "#5c6bc0", "state": "#26a69a", "government": "#26a69a", "military": "#8d6e63",
                "armed_group": "#c62828", "igo": "#ffa726", "ngo": "#ab47bc", "party": "#78909c"}  # fmt: skip


def to_svg(figure: Figure, *, salt: str) -> str:
    """The figure as an ``<svg>`` element: text as paths, no prologue or metadata, ids salted."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", bbox_inches="tight",
                       metadata={"Creator": None, "Date": None, "Format": None, "Type": None})  # fmt: skip
    text = buffer.getvalue()
    return text[text.index("<svg") :].strip()


def events_per_day(events: Sequence[Mapping[str, Any]], *, window: tuple[date, date] | None = None) -> str:
    """Stacked bars: dated events per day within ``window`` (first, last day), coloured by QuadClass."""
    counts: Counter[tuple[date, int]] = Counter(
        (e["date"], e["quad_class"])
        for e in events
        if e["date"] is not None and e["quad_class"] and (window is None or window[0] <= e["date"] <= window[1])
    )
    figure = Figure(figsize=(8, 3.2))
    ax = figure.add_subplot()
    days = _days(sorted({d for d, _ in counts}))
    bottom = [0] * len(days)
    for quad, name in QUAD_NAMES.items():
        heights = [counts[(d, quad)] for d in days]
        ax.bar(range(len(days)), heights, bottom=bottom, color=QUAD_COLOURS[quad], label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events")
    ax.set_title("Events per day by QuadClass", loc="left")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    _date_ticks(ax, days)
    figure.tight_layout()
    return to_svg(figure, salt="events-per-day")


def articles_per_outlet(articles: Sequence[Mapping[str, Any]]) -> str:
    """A heat map of articles per outlet and publication day, with the counts written in."""
    dated = [(a["outlet"] or "unknown outlet", a["published"]) for a in articles if a["published"] is not None]
    counts = Counter(dated)
    outlets = sorted({o for o, _ in dated}, reverse=True)
    days = _days(sorted({d for _, d in dated}))
    grid = [[counts[(o, d)] for d in days] for o in outlets]
    figure = Figure(figsize=(8, 0.45 * max(len(outlets), 3) + 1.4))
    ax = figure.add_subplot()
    if grid and days:
        ax.imshow(grid, aspect="auto", cmap="Blues", vmin=0, interpolation="nearest")
        for y, line in enumerate(grid):
            for x, n in enumerate(line):
                if n:
                    ax.text(x, y, str(n), ha="center", va="center", fontsize=8, color="black" if n < 2 else "white")
    ax.set_yticks(range(len(outlets)), outlets, fontsize=8)
    _date_ticks(ax, days)
    ax.set_title("Articles per outlet per day", loc="left")
    figure.tight_layout()
    return to_svg(figure, salt="articles-per-outlet")


def actor_graph(graph: nx.Graph, *, keep: Sequence[str]) -> str:
    """The co-occurrence graph of the ``keep`` actors: node size by mentions, edge width by shared sentences."""
    sub = graph.subgraph([n for n in keep if n in graph])
    figure = Figure(figsize=(8, 6))
    ax = figure.add_subplot()
    ax.set_axis_off()
    if sub.number_of_nodes():
        positions = nx.spring_layout(sub, seed=7, weight="weight")
        _edges(ax, sub, positions)
        _nodes(ax, sub, positions)
    ax.set_title("Actors named in the same sentence", loc="left")
    ax.margins(0.15)
    return to_svg(figure, salt="actor-graph")


def _edges(ax: Any, graph: nx.Graph, positions: Mapping[str, Any]) -> None:
    heaviest = max((d.get("weight", 1) for _, _, d in graph.edges(data=True)), default=1)
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        ax.plot([x1, x2], [y1, y2], color="#9e9e9e", linewidth=0.5 + 4 * data.get("weight", 1) / heaviest, zorder=1)


def _nodes(ax: Any, graph: nx.Graph, positions: Mapping[str, Any]) -> None:
    most = max((d.get("mentions", 1) for _, d in graph.nodes(data=True)), default=1)
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        size = 80 + 900 * data.get("mentions", 1) / most
        ax.scatter([x], [y], s=size, color=KIND_COLOURS.get(data.get("kind", ""), "#bdbdbd"), zorder=2)
        ax.annotate(data.get("name", node), (x, y), textcoords="offset points", xytext=(0, 9), ha="center",
                    fontsize=8, zorder=3)  # fmt: skip


def _days(found: Sequence[date]) -> list[date]:
    """Every day from the first to the last (so gaps show), or only the days found when they span too long."""
    if not found or (found[-1] - found[0]).days > MAX_FILLED_DAYS:
        return list(found)
    return [found[0] + timedelta(days=i) for i in range((found[-1] - found[0]).days + 1)]


def _date_ticks(ax: Any, days: Sequence[date]) -> None:
    """Day labels under bars placed at 0, 1, 2 ...: at most a dozen, slanted."""
    step = max(1, len(days) // 12)
    ax.set_xticks(range(0, len(days), step), [d.strftime("%b %d") for d in days[::step]], fontsize=8)
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
