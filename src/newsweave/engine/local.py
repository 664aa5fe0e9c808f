"""The local engine: stream inputs → build articles → spaCy in batches → store.

Memory stays flat: inputs are read lazily, parsed in batches bounded in documents and characters
(``nlp.parse``) and written per batch by the single writer (this process), a write batch bounded in articles
and characters too (``WRITE_CHARS``); the C heap is kept from fragmenting (``heap.bound_heap``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TextIO

from spacy.tokens import Doc

from newsweave import nlp, repeated, sources
from newsweave.article import EVIDENCE_RULES, build
from newsweave.engine.analyze import analyze
from newsweave.engine.heap import bound_heap
from newsweave.engine.lines import LineMemory
from newsweave.errors import InputError
from newsweave.extract.actors import extract_actors
from newsweave.extract.events import extract_events
from newsweave.extract.quantities import extract_claims
from newsweave.extract.quotes import extract_quotes
from newsweave.fuse import real_events
from newsweave.limits import Limits
from newsweave.model import Article, IngestReport, OutletLines, Parsed, RawInput, Rejection, Skipped
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.store import lines as memory_rows

Progress = Callable[[str], None]
# What is extracted grows with the text (a 10 KB article gives about 290 events, each stored with its evidence), and
# a write batch is held in memory until its transaction commits: so a batch is written once it holds this many
# characters of text, as well as at ``Settings.batch_size`` articles (64 articles of 2.3 KB, the mean of real news).
WRITE_CHARS = 150_000


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What the caller asked for: defaults for missing metadata and parallelism."""

    outlet: str | None = None
    published: date | None = None
    workers: int = 1
    analyze: bool = True


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    settings: Settings,
    options: IngestOptions,
    progress: Progress | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Ingest every input under ``paths`` into ``store`` and report what happened."""
    started = time.perf_counter()
    bound_heap()
    report = IngestReport()
    in_flight: set[str] = set()
    fetch = sources.FetchOptions.from_settings(settings)
    items = sources.iter_inputs(paths, max_bytes=settings.max_bytes, stdin=stdin, fetch=fetch)
    memory = LineMemory(store)
    fresh = _fresh_articles(items, store, settings, options, report, (in_flight, memory), progress)
    parsed = nlp.parse(fresh, workers=options.workers, batch_size=settings.batch_size)
    batch: list[Parsed] = []
    for doc, (article, lines) in parsed:
        report.parsed += 1
        report.words += article.words
        batch.append(replace(extract_parsed(doc, article), lines=lines))
        if full(batch, settings.batch_size):
            write_batch(batch, store, report, in_flight, memory=memory)
    write_batch(batch, store, report, in_flight, memory=memory)
    report.recleaned = reclean(store, batch_size=settings.batch_size)
    report.seconds = time.perf_counter() - started
    if options.analyze and (report.ingested or store.analysis_pending()):
        report.analysis = analyze(store)  # also after a run killed before its corpus stages ended
    return report


def extract_parsed(doc: Doc, article: Article) -> Parsed:
    """Every per-article extractor over one parsed article."""
    captions = [line.text for line in article.dropped if line.rule in EVIDENCE_RULES]
    local, linked = extract_actors(doc, article.id, captions=captions)
    events = extract_events(doc, article, local, linked)
    quotes = extract_quotes(doc, article.id, local, linked)
    claims = extract_claims(doc, article.id, article.published, quotes)
    return Parsed(article, nlp.mentions(doc, article.id), local, linked, events, quotes, claims)


def _fresh_articles(
    items: Iterator[RawInput | Rejection | Skipped],
    store: Store,
    settings: Settings,
    options: IngestOptions,
    report: IngestReport,
    seen: tuple[set[str], LineMemory],
    progress: Progress | None,
) -> Iterator[tuple[str, tuple[Article, OutletLines | None]]]:
    """Articles not yet in the store, without the lines their outlet repeats, as ``(text, (article, lines))`` pairs
    for spaCy."""
    in_flight, memory = seen
    for raw in raw_inputs(items, store, report, progress):
        outcome = build_article(raw, settings, options)
        if isinstance(outcome, Rejection):
            record_rejection(outcome, store, report)
        elif admit(outcome.id, store, report, in_flight):
            article, lines = memory.screen(outcome)
            if article.words >= settings.min_words:
                yield article.text, (article, lines)
                continue
            refuse_repeated(article, store, report, (in_flight, memory))


def refuse_repeated(article: Article, store: Store, report: IngestReport, seen: tuple[set[str], LineMemory]) -> None:
    """An article too short once the lines its outlet repeats are gone is refused, and forgotten by this run."""
    seen[0].discard(article.id)
    seen[1].forget(article.id)
    reason = f"too short to be an article once the lines its outlet repeats are dropped ({article.words} words left)"
    record_rejection(Rejection(article.origin, reason, "too_short"), store, report)


def raw_inputs(
    items: Iterator[RawInput | Rejection | Skipped], store: Store, report: IngestReport, progress: Progress | None
) -> Iterator[RawInput]:
    """The readable inputs; skipped files and refused inputs go to the report (and the store) on the way."""
    for item in items:
        if progress is not None:
            progress(item.origin)
        if isinstance(item, Skipped):
            report.skipped.append(item)
        elif isinstance(item, Rejection):
            record_rejection(item, store, report)
        else:
            yield item


def record_rejection(rejection: Rejection, store: Store, report: IngestReport) -> None:
    report.rejected.append(rejection)
    store.add_rejected(rejection)


def admit(article_id: str, store: Store, report: IngestReport, in_flight: set[str]) -> bool:
    """Whether an article is new to the store and to this run; a known one is counted as a duplicate."""
    if article_id in in_flight or store.has_article(article_id):
        report.duplicates += 1
        return False
    in_flight.add(article_id)
    return True


def build_article(raw: RawInput, settings: Settings, options: IngestOptions) -> Article | Rejection:
    try:
        return build(
            raw,
            outlet=options.outlet,
            published=options.published,
            min_words=settings.min_words,
            languages=settings.languages,
            limits=Limits.from_settings(settings),
        )
    except InputError as exc:
        return Rejection(raw.origin, str(exc), exc.code)
    except Exception as exc:  # a bad article never stops a batch
        return Rejection(raw.origin, f"internal error while cleaning: {type(exc).__name__}: {exc}", "internal")


def full(batch: list[Parsed], size: int, *, chars: int = WRITE_CHARS) -> bool:
    """Whether a batch of parsed articles is due to be written: ``size`` articles or ``chars`` characters of text."""
    return len(batch) >= size or sum(len(item.article.text) for item in batch) >= chars


def write_batch(
    batch: list[Parsed], store: Store, report: IngestReport, in_flight: set[str], *, memory: LineMemory | None = None
) -> None:
    if not batch:
        return
    report.ingested += store.add_articles(batch, singletons=real_events.singletons)
    for item in batch:
        in_flight.discard(item.article.id)
        if memory is not None:
            memory.forget(item.article.id)
    batch.clear()


def reclean(store: Store, *, batch_size: int = 64) -> int:
    """Clean and extract again the stored articles that still print lines that have since become their outlet's
    boilerplate (same ids, same ranks); returns how many. The corpus stages then run again."""
    stale = memory_rows.stale(store)
    ids = list(stale)
    for start in range(0, len(ids), batch_size):
        articles = [repeated.drop(a, stale[a.id]) for a in memory_rows.articles(store, ids[start : start + batch_size])]
        parsed = nlp.parse(((a.text, a) for a in articles), batch_size=batch_size)
        store.replace_extraction([
            replace(extract_parsed(doc, a), lines=OutletLines(a.outlet or "", frozenset(), True, dropped=stale[a.id]))
            for doc, a in parsed
        ], singletons=real_events.singletons)  # fmt: skip
    return len(ids)
