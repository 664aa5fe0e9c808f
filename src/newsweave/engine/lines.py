"""The outlet memory of repeated lines during an ingest: each new article is screened against it in input order.

Counts come from the store (articles already written) and from the articles of
this run not written yet, so the decision for an article never depends on how
the run is batched. The decisions are :mod:`newsweave.repeated`'s.
"""

from __future__ import annotations

from dataclasses import replace

from newsweave import repeated
from newsweave import store_lines as memory_rows
from newsweave.model import Article, OutletLines
from newsweave.store import Store


class LineMemory:
    """Screens new articles for the lines their outlet repeats; forgets them once they are stored."""

    def __init__(self, store: Store, *, threshold: int = repeated.MIN_ARTICLES) -> None:
        self.store, self.threshold = store, threshold
        self.pending: dict[str, OutletLines] = {}

    def screen(self, article: Article) -> tuple[Article, OutletLines | None]:
        """A new article without the lines its outlet repeats, and its rows for the outlet's memory."""
        found = self._remember(article)
        return (article, None) if found is None else (repeated.drop(article, found.dropped), found)

    def screen_parsed(self, article: Article) -> OutletLines | None:
        """The memory rows of an article already parsed (the Ray engine): lines it still prints, even when they
        are now repeated, stay marked as printed, and the run's re-cleaning drops them."""
        found = self._remember(article)
        if found is None:
            return None
        gone = frozenset(repeated.line_key(d.text) for d in article.dropped if d.rule == repeated.RULE)
        return self._keep(article.id, replace(found, dropped=found.dropped & gone))

    def forget(self, article_id: str) -> None:
        """The article is stored (or refused): the store counts it from now on (or nobody does)."""
        self.pending.pop(article_id, None)

    def _remember(self, article: Article) -> OutletLines | None:
        if not article.outlet:
            return None
        outlet, lines, pending = article.outlet, repeated.Lines.of(article), list(self.pending.values())
        seen = memory_rows.counts(self.store, outlet, lines.keys)
        for key, n in repeated.pending_counts(pending, outlet).items():
            seen[key] = seen.get(key, 0) + n
        own = frozenset(lines.keys) - repeated.repeated(frozenset(lines.keys), seen, threshold=self.threshold)
        overlaps = memory_rows.overlaps(self.store, outlet, own) + repeated.pending_overlaps(pending, outlet, own)
        return self._keep(article.id, repeated.screen(outlet, lines, seen, overlaps, threshold=self.threshold))

    def _keep(self, article_id: str, found: OutletLines) -> OutletLines:
        self.pending[article_id] = found
        return found
