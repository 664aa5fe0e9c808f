"""What date salience reads from the store: a story's (or the corpus') events, date expressions, sources and
publication dates; the key dates and the report's timeline are built from it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave import store_fusion
from newsweave.fuse.salience import DaySalience
from newsweave.report.timeline import key_dates, salient_days
from newsweave.store import Store


def story_days(store: Store, events: Sequence[dict[str, Any]], *, k: int, story: str | None = None
               ) -> list[DaySalience]:  # fmt: skip
    """The ``k`` most salient days of a story (of the whole corpus when ``story`` is None)."""
    rows = store.query("SELECT a.id, CASE WHEN a.published_flag IS NULL THEN a.published END AS published "
                       "FROM articles a WHERE ? IS NULL OR a.id IN (SELECT article_id FROM story_members "
                       "WHERE story_id = ?)", [story, story])  # fmt: skip
    published = {r["id"]: r["published"] for r in rows}
    mentions = store_fusion.date_mentions(store, story=story)
    source_of = store_fusion.source_keys(store)
    return salient_days(events, mentions, source_of=source_of, published=published, k=k)


def key_date_rows(store: Store, *, k: int, story: str | None = None) -> list[dict[str, Any]]:
    """The ``k`` most salient days in date order, each with its extractive, cited summary line."""
    events = store.events()
    if story is not None:
        members = {r["article_id"] for r in store.query("SELECT article_id FROM story_members WHERE story_id = ?",
                                                         [story])}  # fmt: skip
        events = [e for e in events if members & set(e["article_ids"])]
    days = story_days(store, events, k=k, story=story)
    texts = {s.article_id: store.article(s.article_id)["text"] for d in days for s in d.stated[:3]}
    return key_dates(events, days, texts)
