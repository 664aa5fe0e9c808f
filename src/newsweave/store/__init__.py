"""The DuckDB store: the single source of truth, and its single writer.

- ``connection.py``: opening a store file (one writer, a lock wait, the read snapshot), transactions,
  inserts by column name.
- ``migrations.py``: named migrations, each owned by a table family.
- One module per table family, each with its DDL (migrations), one column list per table (from which the
  Arrow batch is built), its writers and its readers: ``articles`` (articles, entity mentions, refused
  inputs), ``actors``, ``events`` (event mentions and their arguments), ``claims`` (quotes and figures),
  ``fusion`` (copies, stories, real events, conflicts, framing, analysis state), ``lines`` (the lines cleaning
  dropped and each outlet's memory of its lines).

Imports only ``newsweave.model`` (and ``errors``). Outputs read through :class:`newsweave.corpus.Corpus`;
:class:`Store` keeps the writes the engine makes and a few dict-shaped reads for scripts and tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from newsweave.model import Event, Parsed, Rejection, split_event_id
from newsweave.store import actors as _actors
from newsweave.store import articles as _articles
from newsweave.store import claims as _claims
from newsweave.store import events as _events
from newsweave.store import fusion as _fusion
from newsweave.store import lines as _lines
from newsweave.store.connection import LOCK_WAIT, SNAPSHOT_EVERY, Connection, _Transaction, now, snapshot_path
from newsweave.store.migrations import MIGRATIONS

__all__ = ["LOCK_WAIT", "MIGRATIONS", "SNAPSHOT_EVERY", "Store", "_Transaction", "snapshot_path"]

# Every table's rows for a batch of parsed articles, in insertion order.
_PARSED: tuple[tuple[str, Any, Callable[[Parsed], list[list[Any]]]], ...] = (
    ("mentions", _articles.MENTION_COLUMNS, lambda p: [_articles.mention_row(m) for m in p.mentions]),
    ("doc_actors", _actors.DOC_ACTOR_COLUMNS, lambda p: [_actors.doc_actor_row(a) for a in p.actors]),
    ("actor_mentions", _actors.ACTOR_MENTION_COLUMNS,
     lambda p: [_actors.actor_mention_row(m) for m in p.actor_mentions]),
    ("events", _events.EVENT_COLUMNS, lambda p: [_events.event_row(e) for e in p.events]),
    ("event_args", _events.EVENT_ARG_COLUMNS, lambda p: [r for e in p.events for r in _events.event_arg_rows(e)]),
    ("quotes", _claims.QUOTE_COLUMNS, lambda p: [_claims.quote_row(q) for q in p.quotes]),
    ("claims", _claims.CLAIM_COLUMNS, lambda p: [_claims.claim_row(c) for c in p.claims]),
)  # fmt: skip
Singletons = Callable[[Sequence[Parsed]], Sequence[Event]]


def per_article(items: Sequence[Parsed]) -> list[tuple[str, Any, list[list[Any]]]]:
    """Every table's rows extracted from these parsed articles (the articles' own rows aside)."""
    return [(table, columns, [row for p in items for row in rows(p)]) for table, columns, rows in _PARSED]


class Store(Connection):
    """A newsweave store: the connection, the writes of ingest, and dict-shaped reads for scripts and tests."""

    # -- ingest --------------------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return bool(_articles.stored(self, [article_id]))

    def add_articles(self, batch: Iterable[Parsed], *, singletons: Singletons | None = None) -> int:
        """Insert parsed articles with everything extracted from them in one transaction; returns how many.

        Articles already stored (same id) are skipped, so re-ingesting adds nothing. ``singletons`` builds
        a real event for each new article event, so the real events are never behind the article events
        (the corpus stages then merge them).
        """
        pending = {item.article.id: item for item in batch}
        if not pending:
            return 0
        with self.transaction():
            for article_id in _articles.stored(self, list(pending)):
                pending.pop(article_id)
            if not pending:
                return 0
            seq, when, items = _articles.last_seq(self), now(), list(pending.values())
            self.insert("articles", _articles.ARTICLE_COLUMNS,
                        [_articles.article_row(p.article, seq + 1 + i, when) for i, p in enumerate(items)])  # fmt: skip
            for table, columns, data in [*per_article(items), *_lines.line_rows(items)]:
                self.insert(table, columns, data)
            if singletons is not None:
                _fusion.add_real_events(self, singletons(items))
        return len(pending)

    def replace_extraction(self, items: Sequence[Parsed], *, singletons: Singletons) -> None:
        """Replace what was extracted from articles cleaned again (same ids), in one transaction."""
        _lines.replace_extraction(self, items, per_article=per_article, singletons=singletons)

    def add_rejected(self, rejection: Rejection) -> None:
        """Record a refused input; the same input and reason is recorded once."""
        _articles.add_rejected(self, rejection, now())

    # -- corpus-stage bookkeeping --------------------------------------------------------------------------------
    def analysis_pending(self) -> bool:
        """Whether articles were stored since the corpus stages last ran to the end."""
        return _fusion.analysed(self) != _fusion.article_mark(self)

    def mark_analyzed(self) -> None:
        """Record that the corpus stages ran to the end over every stored article."""
        _fusion.mark_analysed(self, now())

    # -- dict-shaped reads (outputs use newsweave.corpus.Corpus) -------------------------------------------------
    def articles(self, *, outlet: str | None = None) -> list[dict[str, Any]]:
        return _articles.articles(self, outlet=outlet)

    def article(self, ref: str) -> dict[str, Any]:
        """One article with its text, by id, unique id prefix or URL."""
        return _articles.article(self, ref)

    def mentions(self, article_id: str | None = None, *, label: str | None = None) -> list[dict[str, Any]]:
        return _articles.mentions(self, article_id, label=label)

    def rejected(self) -> list[dict[str, Any]]:
        return _articles.rejected(self)

    def actors(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        return _actors.actors(self, kind=kind)

    def actor(self, actor_id: str) -> dict[str, Any]:
        """One actor by id, with its mentions (a lookup by name or alias is ``Corpus.actor``)."""
        return _actors.actor(self, actor_id)

    def events(self, *, event_type: str | None = None, article: str | None = None) -> list[dict[str, Any]]:
        """Real events (JSON shape), in the order of their first article event."""
        article_id = self.article(article)["id"] if article else None
        found, _ = _fusion.real_events(self, _fusion.EventQuery(type=event_type, article=article_id))
        return [Event.from_dict(json.loads(record)).as_dict() for record in found]

    def article_events(self) -> list[dict[str, Any]]:
        """Every article's events before coreference (the members of the real events), by article and number."""
        members = [m for e in self.events() for m in e["members"]]
        return sorted(members, key=lambda m: split_event_id(m["id"]) or (m["article_id"], 0))

    def quotes(self, *, article: str | None = None) -> list[dict[str, Any]]:
        return _claims.quotes(self, article=article)

    def claims(self, *, quantity: str | None = None) -> list[dict[str, Any]]:
        return _claims.claims(self, quantity=quantity)

    def status(self) -> dict[str, Any]:
        """Counts of everything in the store."""
        totals, actor_counts, claim_counts = _articles.totals(self), _actors.count(self), _claims.count(self)
        return {
            "db": str(self.path), "articles": totals["articles"],
            "mentions": totals["mentions"], "rejected": totals["rejected"], **actor_counts,
            "events": _events.count(self), **claim_counts, "outlets": totals["outlets"], "words": totals["words"],
            "migrations": self.migrations(),
        }  # fmt: skip
