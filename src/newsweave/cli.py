"""The ``newsweave`` command line: each command is a thin call into the public API.

Listing commands take ``--json`` and then print one JSON document on stdout
and nothing else there; progress and messages go to stderr.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

import newsweave
from newsweave import sources
from newsweave.corpus import Corpus
from newsweave.errors import AmbiguousError, NewsweaveError, NotFoundError, UsageError
from newsweave.model import json_default
from newsweave.pubdate import parse_date
from newsweave.terminal import print_ingest, print_summary, print_table

app = typer.Typer(
    name="newsweave",
    help="Turn overlapping news articles into structured, verifiable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store file [default: ./newsweave.duckdb or $NEWSWEAVE_DB]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout and nothing else there.")]


def _json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, default=json_default, ensure_ascii=False, indent=2) + "\n")


def _json_records(records: Iterable[str]) -> None:
    """A JSON array of records stored as JSON text, one record a line, written as they come."""
    sys.stdout.write("[")
    for n, record in enumerate(records):
        sys.stdout.write(("\n" if n == 0 else ",\n") + record)
    sys.stdout.write("\n]\n")


def _listing(rows: list[dict[str, Any]], columns: tuple[str, ...], *, as_json: bool) -> None:
    if as_json:
        _json(rows)
    else:
        print_table(out, rows, columns)


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories (recursive), WARC files, - for JSONL on stdin, or http(s) URLs."),
    ] = None,
    urls: Annotated[
        Path | None,
        typer.Option(
            "--urls",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="Also ingest the URLs (pages or RSS/Atom feeds) listed in FILE, one per line; # comments.",
        ),
    ] = None,
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that do not name one.")] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for inputs whose metadata has none."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="spaCy processes (Ray actors with --engine ray).")] = 1,
    engine: Annotated[str, typer.Option(help="local, or ray (needs pip install 'newsweave[ray]').")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster: ray://HOST:PORT or auto [default: start a local Ray].")
    ] = None,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help="Skip the corpus stages (run `newsweave analyze` later).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Read, clean, parse and store articles, then run the corpus stages. Bad inputs are recorded with a reason."""
    given = _published(published)
    paths = [*(paths or []), *(sources.read_url_list(str(urls)) if urls else [])]
    if not paths:
        raise typer.BadParameter("give at least one path or URL, or --urls FILE", param_hint="PATHS")
    total = sources.count_files(paths)
    with _progress(disable=as_json) as bar:
        task = bar.add_task("ingest", total=total)
        seen: set[str] = set()

        def advance(origin: str) -> None:
            name = re.sub(r":\d+$", "", origin)
            if name not in seen:
                seen.add(name)
                bar.update(task, advance=1, description=Path(name).name[:40])

        report = newsweave.ingest(
            paths,
            db=db,
            outlet=outlet,
            published=given,
            workers=workers,
            progress=advance,
            analyze=not no_analyze,
            engine=engine,
            address=address,
        )
    if as_json:
        _json(report.as_dict())
    else:
        print_ingest(err, report)
    if report.ingested + report.duplicates == 0:
        raise typer.Exit(1)


class _RateColumn(ProgressColumn):
    """Inputs per second so far."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:.1f} inputs/s" if speed else "", style="progress.data.speed")


def _progress(*, disable: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable or not err.is_terminal,
    )


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles."""
    with Corpus(db) as corpus:
        rows = corpus.articles(outlet=outlet).items
    _listing(rows, ("id", "outlet", "published", "published_source", "chars", "title"), as_json=as_json)


@app.command()
def article(
    ref: Annotated[str, typer.Argument(metavar="ID", help="Article id, unique id prefix, or URL.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article with its cleaned text."""
    with Corpus(db) as corpus:
        row = corpus.article(ref)
    if as_json:
        _json(row)
        return
    for key, value in row.items():
        if key != "text":
            out.print(f"[bold]{key}[/]: {value}", highlight=False, markup=True)
    out.print()
    out.print(row["text"], markup=False, highlight=False)


@app.command()
def mentions(
    db: DbOption = None,
    article_ref: Annotated[str | None, typer.Option("--article", metavar="ID", help="Only this article.")] = None,
    label: Annotated[str | None, typer.Option(help="Only this entity label (PERSON, GPE, ...).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List named-entity mentions with their character offsets."""
    with Corpus(db) as corpus:
        rows = corpus.mentions(article_ref, label=label)
    _listing(rows, ("article_id", "start", "end", "label", "text"), as_json=as_json)


@app.command()
def rejected(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List inputs that were refused, with the reason."""
    with Corpus(db) as corpus:
        rows = corpus.rejected()
    _listing(rows, ("path", "reason", "times"), as_json=as_json)


@app.command()
def status(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of everything in the store."""
    with Corpus(db) as corpus:
        counts = corpus.status()
    if as_json:
        _json(counts)
        return
    for key, value in counts.items():
        out.print(f"{key:>10}: {', '.join(value) if isinstance(value, list) else value}", highlight=False)


@app.command()
def summary(db: DbOption = None, as_json: JsonOption = False) -> None:
    """A readable overview: outlets, publication dates and their sources, top actors, rejects."""
    from newsweave.reports.summary import summarize

    with Corpus(db) as corpus:
        data = summarize(corpus)
    if as_json:
        _json(data)
    else:
        print_summary(out, data)


@app.command()
def actors(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind (person, state, military, igo, ...).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List actors resolved across articles, with aliases, roles and coverage."""
    with Corpus(db) as corpus:
        rows = corpus.actors(kind=kind)
    if as_json:
        _json(rows)
        return
    print_table(out, rows, ("id", "name", "kind", "country", "mentions", "articles"))


@app.command()
def actor(
    ref: Annotated[str, typer.Argument(metavar="ID_OR_NAME", help="Actor id, name, alias, or a word of a name.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one actor and every mention of it (article id and offsets in mention_spans).

    A surname or any word of a person's name finds the person; a word that fits several lists them (exit 1).
    """
    with Corpus(db) as corpus:
        try:
            row = corpus.actor(ref)
        except AmbiguousError as exc:
            if as_json:
                _json({"ambiguous": ref, "candidates": exc.candidates})
            raise
    if as_json:
        _json(row)
        return
    for key in ("id", "name", "kind", "country", "cameo_code", "aliases", "roles", "outlets"):
        out.print(Text(f"{key}: {row[key]}"))
    print_table(out, row["mention_spans"], ("article_id", "start", "end", "label", "text"))


@app.command()
def graph(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="graphml or json.")] = "json",
    output: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """The actor graph: actors as nodes, co-occurrence in a sentence as weighted edges."""
    from newsweave.reports.graph import to_graphml, to_json

    if fmt not in {"graphml", "json"}:
        raise typer.BadParameter("use graphml or json", param_hint="--format")
    text = (to_graphml if fmt == "graphml" else to_json)(newsweave.actor_graph(db))
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", highlight=False)


@app.command()
def analyze(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Run the corpus stages over everything stored: actors, copies, stories, merged events and their support."""
    counts = newsweave.analyze(db)
    if as_json:
        _json(counts)
    else:
        out.print(", ".join(f"{value} {key}" for key, value in counts.items()), highlight=False)


@app.command()
def events(
    db: DbOption = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type (e.g. REJECT).")] = None,
    article_ref: Annotated[str | None, typer.Option("--article", metavar="ID", help="Only this article.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Events: PLOVER type, modality, source and target actors, date, place, CAMEO codes, evidence."""
    with Corpus(db) as corpus:
        wanted = corpus.event_filter(event_type=event_type, article=article_ref)
        if as_json:
            _json_records(corpus.events_json(wanted).items)
            return
        rows = corpus.events(wanted).items
    view = [
        {
            "date": r.date.value, "type": r.type, "modality": r.modality, "source": _names(r.source),
            "target": _names(r.target), "place": r.location.name if r.location else None,
            "sources": r.num_independent_sources, "trigger": r.trigger,
        }
        for r in rows
    ]  # fmt: skip
    print_table(out, view, ("date", "type", "modality", "source", "target", "place", "sources", "trigger"))


def _names(actors: Iterable[Any]) -> str:
    return ", ".join(a["name"] if isinstance(a, dict) else a.name for a in actors)


@app.command()
def timeline(
    db: DbOption = None,
    as_json: JsonOption = False,
    dates: Annotated[
        int | None,
        typer.Option("--dates", min=1, metavar="K", help="Only the K most salient dates (most sources state them)."),
    ] = None,
) -> None:
    """Events in date order, each with a short extractive summary line (or, with --dates, the key dates)."""
    if dates is not None:
        _listing(newsweave.key_dates(db, k=dates), ("date", "stating_sources", "events", "summary"), as_json=as_json)
        return
    with Corpus(db) as corpus:
        if as_json:
            _json_records(corpus.timeline_json().items)
            return
        rows = corpus.timeline().items
    print_table(out, rows, ("date", "precision", "type", "modality", "summary"))


@app.command()
def quotes(
    db: DbOption = None,
    article_ref: Annotated[str | None, typer.Option("--article", metavar="ID", help="Only this article.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Direct and indirect quotes with their speakers."""
    with Corpus(db) as corpus:
        rows = corpus.quotes(article=article_ref)
    if as_json:
        _json(rows)
        return
    view = [{**r, "speaker": _names(r["speaker"])} for r in rows]
    print_table(out, view, ("speaker", "direct", "cue", "text"))


@app.command()
def claims(
    db: DbOption = None,
    quantity: Annotated[str | None, typer.Option(help="Only this quantity (troops, evacuated, money, ...).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Numeric claims: what is counted, how many, as of when, according to whom."""
    with Corpus(db) as corpus:
        rows = corpus.claims(quantity=quantity)
    _listing(rows, ("quantity", "value_low", "value_high", "approx", "as_of", "outlet", "subject"), as_json=as_json)


@app.command()
def duplicates(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Copies (syndicated, edited or reworded): each with its original, the kind of copy and the similarity."""
    rows = newsweave.copies(db)
    _listing(rows, ("article_id", "outlet", "copy_of", "original_outlet", "kind", "similarity"), as_json=as_json)


@app.command()
def stories(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option("--story", metavar="ID", help="Only this story.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Stories: articles about the same developing situation, with their outlets, dates and main actors."""
    rows = newsweave.stories(db, story=story)
    if as_json:
        _json(rows)
        return
    view = [{**r, "articles": len(r["article_ids"]), "top_actors": _names(r["top_actors"][:3])} for r in rows]
    print_table(out, view, ("id", "label", "first_date", "last_date", "articles", "top_actors"))


@app.command()
def conflicts(
    db: DbOption = None,
    series: Annotated[bool, typer.Option("--series", help="Also list figures revised over time.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Figures outlets disagree on (values, dates, outlets, spans), with the conservative and latest figure."""
    rows = newsweave.conflicts(db, include_series=series)
    if as_json:
        _json(rows)
        return
    view = [
        {**r, "values": "; ".join(f"{_figure(v)} ({', '.join(v['outlets'])}, {v['as_of']})" for v in r["values"]),
         "conservative": _figure(r["conservative"])}
        for r in rows
    ]  # fmt: skip
    print_table(out, view, ("kind", "subject", "values", "conservative"))


@app.command()
def framing(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option("--story", metavar="ID", help="Story id [default: the largest].")] = None,
    as_json: JsonOption = False,
) -> None:
    """How each outlet covers a story: events reported and missed, whom it quotes, what it calls the main actors."""
    result = newsweave.framing(db, story=story)
    if as_json:
        _json(result)
        return
    out.print(f"{result['story']}: {result['label']}", highlight=False)
    view = [
        {**r, "reported": len(r["events_reported"]), "missing": len(r["events_missing"]),
         "voices": ", ".join(f"{k} {v}" for k, v in r["quoted_voices"].items()),
         "labels": "; ".join(f"{a}: {', '.join(list(forms)[:3])}" for a, forms in list(r["actor_labels"].items())[:3])}
        for r in result["outlets"]
    ]  # fmt: skip
    print_table(out, view, ("outlet", "reported", "missing", "voices", "labels"))


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (anything but localhost exposes the store).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the read-only JSON API (docs at /docs) and the dashboard (at /) over the store."""
    if host not in {"127.0.0.1", "localhost", "::1"}:
        err.print(
            f"WARNING: serving on {host}: anyone who can reach this address can read every article in the store "
            "(there is no authentication). Use --host 127.0.0.1 unless that is what you want.",
            style="bold red",
            highlight=False,
            markup=False,
        )
    err.print(f"newsweave: serving http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", highlight=False)
    newsweave.serve(db, host=host, port=port)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--out", help="Report file: .html (self-contained page) or .md.")],
    db: DbOption = None,
    story: Annotated[str | None, typer.Option("--story", metavar="ID", help="Story id [default: the largest].")] = None,
) -> None:
    """A story's briefing: cited extractive summary, timeline, actors, conflicting figures, coverage, plots."""
    if output.suffix.lower() not in {".html", ".htm", ".md", ".markdown"}:
        raise typer.BadParameter("the report file must end in .html or .md", param_hint="--out")
    path = newsweave.report(db, story=story, out=output)
    err.print(f"wrote {path}", highlight=False)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--out", help="Directory to write the files into (created if missing).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet, jsonl, gdelt or acled.")] = "csv",
) -> None:
    """Export the tables (csv, parquet, jsonl) or the events as GDELT 2.0 / ACLED columns (see docs/export.md)."""
    from newsweave.exports import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    for path in newsweave.export(db, fmt=fmt, out=output):
        err.print(f"wrote {path}", highlight=False)


def _figure(value: dict[str, Any]) -> str:
    low, high = value.get("value_low", value.get("value")), value.get("value_high", value.get("value"))
    text = f"{low:,.0f}" if isinstance(low, int | float) else str(low)
    return text if high in (None, low) else f"{text}–{high:,.0f}"


def _version(value: bool) -> None:
    if value:
        out.print(f"newsweave {newsweave.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Turn overlapping news articles into structured, verifiable knowledge."""


def main() -> None:
    """Console entry point: errors become one line on stderr, never a traceback."""
    try:
        app()
    except NotFoundError as exc:
        err.print(f"newsweave: {exc}", highlight=False, markup=False)
        sys.exit(1)
    except NewsweaveError as exc:
        err.print(f"newsweave: error: {exc}", highlight=False, markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("newsweave: interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("NEWSWEAVE_DEBUG"):
            raise
        err.print(
            f"newsweave: internal error: {type(exc).__name__}: {exc} (set NEWSWEAVE_DEBUG=1 for details)",
            highlight=False,
            markup=False,
        )
        sys.exit(1)
