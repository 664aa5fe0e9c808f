"""What date salience reads from one snapshot: a story's (or the corpus') events, date expressions, sources and
publication dates; the key dates and the report's timeline are built from it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.corpus import Corpus
from newsweave.fuse.salience import DateMention, DaySalience
from newsweave.reports.timeline import key_dates, salient_days


def story_days(corpus: Corpus, events: Sequence[Mapping[str, Any]], *, k: int, story: str | None = None
               ) -> list[DaySalience]:  # fmt: skip
    """The ``k`` most salient days of a story (of the whole corpus when ``story`` is None)."""
    ids = list(corpus.story(story).article_ids) if story is not None else None
    mentions = [DateMention(*row) for row in corpus.date_mentions(ids)]
    return salient_days(events, mentions, source_of=corpus.source_keys(), published=corpus.published(ids), k=k)


def key_date_rows(corpus: Corpus, *, k: int, story: str | None = None) -> list[dict[str, Any]]:
    """The ``k`` most salient days in date order, each with its extractive, cited summary line."""
    wanted = corpus.event_filter(story=story) if story is not None else None
    events = [e.as_dict() for e in corpus.events(wanted).items]
    days = story_days(corpus, events, k=k, story=story)
    cited = sorted({s.article_id for d in days for s in d.stated[:3]})
    texts = {article_id: row["text"] for article_id, row in corpus.texts(cited).items()}
    return key_dates(events, days, texts)
