"""Timeline17 (T17, the news-tls layout): topics, their articles and gold timelines; an ingested store per topic.

The data is public but not shipped: pass its folder (``.../Timeline17``, holding
``<topic>_<outlet>/InputDocs/<date>/<file>`` and ``timelines.jsonl``) on the command
line or in ``NEWSWEAVE_T17``. A topic is every folder whose name starts with it
(news-tls groups them so: ``bpoil`` has five timelines over one article pool);
identical article texts are read once. Only the topics in ``TOPICS`` are used: the
Libya, Syria and Egypt topics are kept for an evaluation nobody tunes on.

Ingesting thousands of articles through the full pipeline takes a while on a
small machine, so each topic's store is kept in a cache folder (default: the
system temp folder) and reused while its input file is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import newsweave

TOPICS = ("bpoil", "Finan", "H1N1", "haiti", "IraqWar", "MJ")
HELD_OUT = ("LibyaWar", "SyrianCrisis", "EgyptianProtest")


@dataclass(frozen=True, slots=True)
class Timeline:
    """One gold timeline: its dates (each with its summary sentences)."""

    name: str
    dates: dict[date, list[str]]

    @property
    def start(self) -> date:
        return min(self.dates)

    @property
    def end(self) -> date:
        return max(self.dates)


@dataclass(frozen=True, slots=True)
class T17Article:
    key: str
    published: date
    text: str


def root(path: str | None) -> Path:
    found = path or os.environ.get("NEWSWEAVE_T17")
    if not found:
        raise SystemExit("give the Timeline17 folder as an argument or in NEWSWEAVE_T17")
    return Path(found)


def folders(base: Path, topic: str) -> list[Path]:
    if topic in HELD_OUT:
        raise SystemExit(f"{topic} is kept for an evaluation nobody tunes on")
    return sorted(p for p in base.iterdir() if p.is_dir() and p.name.split("_")[0] == topic)


def timelines(base: Path, topic: str) -> list[Timeline]:
    found = []
    for folder in folders(base, topic):
        lines = (folder / "timelines.jsonl").read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(filter(None, lines)):
            dates = {date.fromisoformat(day[:10]): summaries for day, summaries in json.loads(line)}
            found.append(Timeline(f"{folder.name}#{number}", dates))
    return found


def articles(base: Path, topic: str) -> list[T17Article]:
    """Every article of a topic once, with the publication date its folder gives."""
    seen: dict[str, T17Article] = {}
    for folder in folders(base, topic):
        for path in sorted((folder / "InputDocs").glob("*/*")):
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            key = hashlib.sha256(text.encode()).hexdigest()[:16]
            if text and key not in seen:
                seen[key] = T17Article(key, date.fromisoformat(path.parent.name[:10]), text)
    return sorted(seen.values(), key=lambda a: (a.published, a.key))


def cache_dir() -> Path:
    folder = Path(os.environ.get("NEWSWEAVE_T17_CACHE", Path(tempfile.gettempdir()) / "newsweave-t17"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_for(base: Path, topic: str, *, workers: int = 1) -> tuple[Path, float]:
    """The topic's ingested and analysed store (built once, reused while the input is unchanged); seconds spent."""
    feed = "".join(json.dumps({"id": a.key, "text": a.text, "published": a.published.isoformat()}) + "\n"
                   for a in articles(base, topic))  # fmt: skip
    digest = hashlib.sha256(feed.encode()).hexdigest()[:12]
    db = cache_dir() / f"{topic}-{digest}.duckdb"
    done = db.with_suffix(".done")
    if done.exists():
        return db, 0.0
    started = time.perf_counter()
    source = cache_dir() / f"{topic}-{digest}.jsonl"
    source.write_text(feed, encoding="utf-8")
    newsweave.ingest([str(source)], db=db, workers=workers)
    done.write_text("ok\n")
    return db, time.perf_counter() - started


if __name__ == "__main__":
    import sys

    base = root(sys.argv[1] if len(sys.argv) > 1 else None)
    for name in sys.argv[2:] or TOPICS:
        db, seconds = store_for(base, name)
        print(f"{name}: {db} ({seconds:.0f} s)", flush=True)
