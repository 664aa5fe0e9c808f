"""Cost of screening articles for their outlet's repeated boilerplate, beside spaCy's own time on the same texts.

Run: ``python -m bench.repeated``. The texts are the Article Extraction Benchmark
pages (181 distinct real pages) after newsweave's cleaning, each with its site as
its outlet; every page is screened in turn against its outlet's window
(``repeated.keys_of`` + ``OutletWindow.screen``, as at ingest) and parsed by
spaCy's ``nlp.pipe``, in the same run. Prints one line with the ratio.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from bench.aeb import pages
from newsweave import nlp, repeated
from newsweave.clean import clean_html
from newsweave.errors import InputError
from newsweave.model import Article


def articles() -> list[Article]:
    """The benchmark's pages as cleaned articles, each from the site its URL names."""
    found = []
    for page_id, html, _ in pages():
        try:
            cleaned = clean_html(html)
        except InputError:
            continue
        site = urlsplit(cleaned.meta.get("url", "")).hostname or cleaned.meta.get("outlet") or page_id
        found.append(Article(page_id, None, site, None, None, "unknown", "", None, cleaned.text, "", "en", page_id))
    return found


def screen_all(items: list[Article]) -> int:
    """Screen every article against its outlet's window, in order; returns the lines found to be boilerplate."""
    windows: dict[str, repeated.OutletWindow] = {}
    found = 0
    for article in items:
        window = windows.setdefault(article.outlet or "", repeated.OutletWindow(article.outlet or ""))
        found += len(window.screen(repeated.keys_of(article)).boilerplate)
    return found


def main() -> None:
    items = articles()
    start = time.perf_counter()
    found = screen_all(items)
    screening = time.perf_counter() - start
    model = nlp.load()
    start = time.perf_counter()
    for _ in model.pipe((a.text for a in items), batch_size=32):
        pass
    parsing = time.perf_counter() - start
    print(f"repeated-line screening {screening * 1000:.1f} ms vs spaCy {parsing:.1f} s on {len(items)} distinct "
          f"AEB pages ({found} boilerplate lines): ratio {screening / parsing:.5f}")  # fmt: skip


if __name__ == "__main__":
    main()
