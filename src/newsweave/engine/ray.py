"""The Ray engine: the same per-article stages as the local engine, run by Ray Data actors.

The driver reads the inputs (files, WARC, feeds — the same sources as the local
engine) and ships them to a Ray Dataset in chunks; ``map_batches`` runs build
(clean, language, dates) → spaCy → extractors in a pool of actors that each
load the model once; the driver writes the results to the store in order, so
article ranks, ids and everything extracted are the same as with the local
engine. Without an address a local Ray instance is started (and stopped).

Ray is an optional extra: ``pip install 'newsweave[ray]'``.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, TextIO

from newsweave import nlp, repeated, sources
from newsweave.engine.analyze import analyze
from newsweave.engine.heap import bound_heap
from newsweave.engine.lines import LineMemory
from newsweave.engine.local import (
    IngestOptions,
    Progress,
    admit,
    build_article,
    extract_parsed,
    full,
    raw_inputs,
    reclean,
    record_rejection,
    refuse_repeated,
    write_batch,
)
from newsweave.errors import UsageError
from newsweave.model import Article, IngestReport, Parsed, RawInput, Rejection
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.store import lines as memory_rows

CHUNK = 2000  # inputs shipped to the cluster at a time: the driver never holds more


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    settings: Settings,
    options: IngestOptions,
    address: str | None = None,
    progress: Progress | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Ingest every input under ``paths`` through Ray into ``store``."""
    ray = _ray()
    started = time.perf_counter()
    report = IngestReport()
    local = address is None
    if local:
        # one logical CPU more than the workers, for the tasks that feed them
        ray.init(num_cpus=options.workers + 1, include_dashboard=False, log_to_driver=False,
                 _node_ip_address="127.0.0.1")  # fmt: skip
    else:
        ray.init(address=address, log_to_driver=False)
    try:
        fetch = sources.FetchOptions.from_settings(settings)
        items = sources.iter_inputs(paths, max_bytes=settings.max_bytes, stdin=stdin, fetch=fetch)
        memory = LineMemory(store)
        for chunk in _chunks(raw_inputs(items, store, report, progress), CHUNK):
            _run_chunk(ray, chunk, store=store, settings=settings, options=options, report=report, memory=memory)
    finally:
        if local:
            ray.shutdown()
    report.recleaned = reclean(store, batch_size=settings.batch_size)  # lines that became repeated during the run
    report.seconds = time.perf_counter() - started
    if options.analyze and (report.ingested or store.analysis_pending()):
        report.analysis = analyze(store)
    return report


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise UsageError("the Ray engine needs Ray: pip install 'newsweave[ray]'") from exc
    return ray


def _chunks(items: Iterator[RawInput], size: int) -> Iterator[list[RawInput]]:
    chunk: list[RawInput] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_chunk(
    ray: Any,
    chunk: list[RawInput],
    *,
    store: Store,
    settings: Settings,
    options: IngestOptions,
    report: IngestReport,
    memory: LineMemory,
) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = ray.data.from_items([{"raw": pickle.dumps(raw)} for raw in chunk])
    known = memory_rows.boilerplate(store)  # the workers drop these before parsing
    results = dataset.map_batches(
        _Worker, fn_constructor_kwargs={"settings": settings, "options": options, "known": known},
        compute=ray.data.ActorPoolStrategy(size=options.workers), num_cpus=1, batch_size=settings.batch_size,
        batch_format="numpy",
    )  # fmt: skip
    batch: list[Parsed] = []
    in_flight: set[str] = set()
    for row in results.iter_rows():
        outcome = pickle.loads(row["result"])
        if isinstance(outcome, Rejection):
            record_rejection(outcome, store, report)
            continue
        if not admit(outcome.article.id, store, report, in_flight):
            continue
        lines = memory.screen_parsed(outcome.article)
        if outcome.article.words < settings.min_words:
            refuse_repeated(outcome.article, store, report, (in_flight, memory))
            continue
        report.parsed += 1
        report.words += outcome.article.words
        batch.append(replace(outcome, lines=lines))
        if full(batch, settings.batch_size):
            write_batch(batch, store, report, in_flight, memory=memory)
    write_batch(batch, store, report, in_flight, memory=memory)


class _Worker:
    """A Ray actor: loads spaCy once, then builds, parses and extracts batches of raw inputs."""

    def __init__(self, settings: Settings, options: IngestOptions, known: dict[str, frozenset[int]]) -> None:
        self.settings, self.options, self.known = settings, options, known
        bound_heap()
        nlp.load()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        built = [self._build(pickle.loads(blob)) for blob in batch["raw"]]
        articles = [a for a in built if not isinstance(a, Rejection)]
        docs = nlp.parse(((a.text, a) for a in articles), batch_size=len(articles) or 1)
        parsed = (extract_parsed(doc, article) for doc, article in docs)
        outcomes = [b if isinstance(b, Rejection) else next(parsed) for b in built]
        return {"result": [pickle.dumps(outcome) for outcome in outcomes]}

    def _build(self, raw: RawInput) -> Article | Rejection:
        """The article without the lines its outlet was known to repeat when the chunk was sent."""
        built = build_article(raw, self.settings, self.options)
        if isinstance(built, Rejection) or not built.outlet:
            return built
        return repeated.drop(built, self.known.get(built.outlet, frozenset()))
