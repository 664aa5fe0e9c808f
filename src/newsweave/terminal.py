"""Render store data for a terminal with rich (article text is shown as text, never markup)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsweave.model import IngestReport


def print_table(
    console: Console,
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
) -> None:
    """A table of ``rows`` limited to ``columns``; values are escaped."""
    table = Table(title=title, show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
    console.print(table)


def print_ingest(console: Console, report: IngestReport) -> None:
    """One line of totals, then what was rejected or skipped and why."""
    console.print(
        f"Ingested {report.ingested} new article(s); {report.duplicates} already in the store; "
        f"{len(report.rejected)} rejected; {len(report.skipped)} skipped.",
        highlight=False,
    )
    if report.parsed:
        stats = report.stats()
        console.print(f"Parsed {stats['articles']} article(s), {stats['words']:,} words in {stats['seconds']:.1f} s "
                      f"({stats['articles_per_s']:.1f} articles/s).", highlight=False)  # fmt: skip
    if report.analysis:
        counts = ", ".join(f"{n} {what}" for what, n in report.analysis.items())
        console.print(f"Corpus: {counts}.", highlight=False)
    for item in report.rejected:
        console.print(Text(f"  rejected {item.origin}: {item.reason}"))
    for skip in report.skipped:
        console.print(Text(f"  skipped {skip.origin}: {skip.reason}"))


def print_summary(console: Console, data: dict[str, Any]) -> None:
    """The demo's overview of a store."""
    s = data["status"]
    console.print(
        f"[bold]newsweave store[/] {s['db']}: {s['articles']} articles, {s['words']} words, "
        f"{s['mentions']} entity mentions, {s['actors']} actors, {s['events']} event mentions, "
        f"{s['quotes']} quotes, {s['claims']} figures, {s['outlets']} outlets, {s['rejected']} rejected inputs",
        highlight=False,
    )
    print_table(console, data["outlets"], ("outlet", "articles"), title="Articles per outlet")
    _print_dates(console, data["dates"])
    print_table(
        console,
        data["top_actors"],
        ("name", "kind", "country", "mentions", "articles", "aliases"),
        title="Most mentioned actors (aliases: distinct spellings merged into one actor)",
    )
    print_table(console, data["timeline"], ("date", "type", "modality", "summary"),
                title="Latest dated events (newsweave timeline shows all)")  # fmt: skip
    if data["rejected"]:
        print_table(console, data["rejected"], ("path", "reason"), title="Rejected inputs")
    else:
        console.print("No rejected inputs.")


def _print_dates(console: Console, rows: list[dict[str, Any]]) -> None:
    console.print("[bold]Publication dates and how each was obtained[/]")
    for row in rows:
        when = str(row["published"] or "????-??-??")
        head = f"  {when}  {row['published_source']:<9} {row['outlet']}: {row['title'] or row['id']}"
        console.print(Text(head, overflow="ellipsis", no_wrap=True))
        console.print(Text(f"              {row['published_evidence']}", style="dim"))
        if row["published_flag"]:
            console.print(Text(f"              ⚠ {row['published_flag']}", style="yellow"))
