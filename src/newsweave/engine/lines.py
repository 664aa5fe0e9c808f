"""The outlets' memory of their lines during an ingest: each new article is screened against it in input order.

One window per outlet (:class:`newsweave.repeated.OutletWindow`) is loaded from
the store the first time the run meets the outlet and then kept up to date in
memory, so an article is screened against every earlier one, stored or not,
however the run is batched. At most ``OUTLETS`` windows are held; one whose
articles are all stored may be let go and loaded again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from newsweave import repeated
from newsweave import store_lines as memory_rows
from newsweave.model import Article, OutletLines
from newsweave.store import Store

OUTLETS = 256  # outlet windows held in memory at once


class LineMemory:
    """Screens new articles for the lines their outlet repeats."""

    def __init__(self, store: Store, *, threshold: int = repeated.MIN_ARTICLES, size: int = repeated.WINDOW) -> None:
        self.store, self.threshold, self.size = store, threshold, size
        self.windows: OrderedDict[str, repeated.OutletWindow] = OrderedDict()
        self.pending: dict[str, str] = {}  # article id → outlet, for articles screened and not yet stored

    def screen(self, article: Article) -> tuple[Article, OutletLines | None]:
        """A new article without the lines its outlet repeats, and its rows for the outlet's memory."""
        found = self._remember(article)
        return (article, None) if found is None else (repeated.drop(article, found.dropped), found)

    def screen_parsed(self, article: Article) -> OutletLines | None:
        """The memory rows of an article already parsed (the Ray engine): lines it still prints stay printed, even
        when they are now boilerplate; the run's re-cleaning drops them."""
        found = self._remember(article)
        gone = frozenset(repeated.line_key(d.text) for d in article.dropped if d.rule == repeated.RULE)
        return None if found is None else replace(found, dropped=found.dropped & gone)

    def forget(self, article_id: str) -> None:
        """The article is stored (or refused): its outlet's window may be let go."""
        self.pending.pop(article_id, None)

    def _remember(self, article: Article) -> OutletLines | None:
        if not article.outlet:
            return None
        self.pending[article.id] = article.outlet
        return self._window(article.outlet).screen(repeated.keys_of(article))

    def _window(self, outlet: str) -> repeated.OutletWindow:
        if outlet in self.windows:
            self.windows.move_to_end(outlet)
            return self.windows[outlet]
        recent, known = memory_rows.window(self.store, outlet, self.size)
        window = repeated.OutletWindow(outlet, set(known), self.threshold, self.size)
        for keys, counted in recent:
            window.push(keys, counted)
        self.windows[outlet] = window
        busy = set(self.pending.values())
        for old in [o for o in self.windows if o not in busy][: max(0, len(self.windows) - OUTLETS)]:
            del self.windows[old]
        return window
