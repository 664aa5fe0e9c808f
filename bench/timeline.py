"""Timeline date selection on T17 (news-tls protocol): newsweave's date salience against two counting baselines.

    python -m bench.timeline /path/to/Timeline17 [--topics bpoil MJ] [--workers 1]

For each gold timeline of a topic: the articles published between its first and
last date; k = its number of dates; each method picks k days within that span;
Date-F1 is the F1 of the picked days against the gold days. A topic's figure is
the mean over its timelines. Methods, all on the same stored date expressions
(spaCy ``DATE`` entities resolved against the publication date, as newsweave
stores them):

- newsweave: days ranked by independent sources that state them (``fuse.salience``);
- publication count: days on which the most articles were published;
- mention count: days the most date expressions resolve to.

Each topic's articles are ingested once into a cached store (see ``bench/t17.py``); the time it took is printed.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from bench import t17
from newsweave.corpus import Corpus
from newsweave.fuse.salience import DateMention, Stated, rank_days, stated_days

Method = Callable[["Window"], list[date]]


class Window:
    """One timeline's span of a topic's stored articles."""

    def __init__(self, corpus: TopicDays, timeline: t17.Timeline) -> None:
        self.timeline, self.k = timeline, len(timeline.dates)
        inside = {a for a, day in corpus.published.items() if day is not None and timeline.start <= day <= timeline.end}
        self.published = [(a, day) for a in sorted(inside) if (day := corpus.published[a]) is not None]
        self.stated = [s for s in corpus.stated if s.article_id in inside]
        self.inside, self.corpus = inside, corpus

    def within(self, day: date) -> bool:
        return self.timeline.start <= day <= self.timeline.end


class TopicDays:
    """What the bench reads from one topic's store."""

    def __init__(self, corpus: Corpus) -> None:
        self.published: dict[str, date | None] = corpus.published()
        self.stated: list[Stated] = stated_days(DateMention(*row) for row in corpus.date_mentions())
        self.source_of = corpus.source_keys()
        self.event_days = [(e.article_ids, e.date.value) for e in corpus.events().items
                           if e.date.value is not None and e.date.precision == "day" and e.date.text]  # fmt: skip


def newsweave(window: Window) -> list[date]:
    days = [day for ids, day in window.corpus.event_days if window.inside.intersection(ids)]
    ranked = rank_days(window.stated, source_of=window.corpus.source_of, event_days=days,
                       published=window.published, start=window.timeline.start, end=window.timeline.end)  # fmt: skip
    return [d.day for d in ranked[: window.k]]


def publication_count(window: Window) -> list[date]:
    return _top(Counter(day for _, day in window.published), window)


def mention_count(window: Window) -> list[date]:
    return _top(Counter(s.day for s in window.stated), window)


def _top(counts: Counter[date], window: Window) -> list[date]:
    ranked = sorted((d for d in counts if window.within(d)), key=lambda d: (-counts[d], d))
    return ranked[: window.k]


def date_f1(picked: Iterable[date], gold: Iterable[date]) -> float:
    chosen, truth = set(picked), set(gold)
    hits = len(chosen & truth)
    if not hits:
        return 0.0
    precision, recall = hits / len(chosen), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


METHODS: dict[str, Method] = {"newsweave": newsweave, "publication count": publication_count,
                              "mention count": mention_count}  # fmt: skip


def score_topic(base: Path, topic: str, *, workers: int = 1) -> dict[str, list[float]]:
    """Date-F1 of every method on every timeline of a topic."""
    db, seconds = t17.store_for(base, topic, workers=workers)
    with Corpus(db) as opened:
        corpus = TopicDays(opened)
    scores: dict[str, list[float]] = {name: [] for name in METHODS}
    for timeline in t17.timelines(base, topic):
        window = Window(corpus, timeline)
        for name, method in METHODS.items():
            scores[name].append(date_f1(method(window), timeline.dates))
    built = f"ingested in {seconds:.0f} s" if seconds else "cached store"
    print(f"{topic:<8} {len(corpus.published):>5} articles ({built}): " + ", ".join(
        f"{name} {sum(v) / len(v):.3f}" for name, v in scores.items()), flush=True)  # fmt: skip
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="the Timeline17 folder (else NEWSWEAVE_T17)")
    parser.add_argument("--topics", nargs="+", default=list(t17.TOPICS))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    base = t17.root(args.path)
    started = time.perf_counter()
    every: dict[str, list[float]] = {name: [] for name in METHODS}
    per_topic: dict[str, list[float]] = {name: [] for name in METHODS}
    for topic in args.topics:
        for name, values in score_topic(base, topic, workers=args.workers).items():
            every[name] += values
            per_topic[name].append(sum(values) / len(values))
    timelines = len(every["newsweave"])
    print(f"mean Date-F1 over {timelines} timelines: {_means(every)} (over topics: {_means(per_topic)}); "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


def _means(scores: dict[str, list[float]]) -> str:
    return ", ".join(f"{name} {sum(v) / len(v):.3f}" for name, v in scores.items())


if __name__ == "__main__":
    main()
