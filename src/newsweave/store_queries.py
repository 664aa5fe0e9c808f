"""Filtered, paged reads of real events for the API and the dashboard.

:meth:`Store.events` merges every event of the store in Python on each call,
which is right for the CLI and exports but too slow for a web page on a big
store. Here SQL finds the page first: each filter narrows the real events
(clusters of article events) it can, the date, type and support of each
remaining real event are computed exactly as :func:`store_views.merge_events`
computes them, and only the events of the requested page are then built with
the same Python code, so a page holds exactly the records ``Store.events()``
and ``Store.timeline()`` return, in the same order.

Functions here take a :class:`~newsweave.store.Store` and only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsweave import store_views as views
from newsweave.errors import NotFoundError

if TYPE_CHECKING:
    from newsweave.store import Store

_KEY = "coalesce(c.cluster, 'evt_' || h.article_id || '_' || h.event)"
_RANK = (  # store_views.PRECISION_RANK
    "CASE e.date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2 WHEN 'year' THEN 3 "
    "WHEN 'publication' THEN 4 ELSE 5 END"
)

# Article events matching one filter (a real event matches when one of its article events does).
_HITS = {
    "actor": """SELECT DISTINCT e.article_id, e.event FROM actor_members am
                JOIN event_args g ON g.article_id = am.article_id AND g.local_id = am.local_id
                JOIN events e ON e.article_id = g.article_id AND e.mention = g.mention WHERE am.actor_id = ?""",
    "story": """SELECT DISTINCT e.article_id, e.event FROM story_members sm
                JOIN events e ON e.article_id = sm.article_id WHERE sm.story_id = ?""",
    "type": "SELECT DISTINCT article_id, event FROM events WHERE type = ?",
    "date_from": "SELECT DISTINCT article_id, event FROM events WHERE date >= ?",
    "date_to": "SELECT DISTINCT article_id, event FROM events WHERE date <= ?",
    "dated": "SELECT DISTINCT article_id, event FROM events WHERE date IS NOT NULL AND ? IS NOT NULL",
}

# Every article event of the chosen real events → its lead mention's type and its dated mention
# (store_views._event: a stated date first, then the most precise, then the earliest).
_MEMBERS = f"""
members AS (
    SELECT c.article_id, c.event, c.cluster AS key, true AS clustered
    FROM event_clusters c SEMI JOIN keys k ON k.key = c.cluster
    UNION ALL
    SELECT regexp_extract(k.key, '^evt_(.*)_([0-9]+)$', 1),
           CAST(regexp_extract(k.key, '^evt_(.*)_([0-9]+)$', 2) AS INTEGER), k.key, false
    FROM keys k ANTI JOIN event_clusters c ON c.cluster = k.key
),
ae AS (
    SELECT m.key, m.clustered, m.article_id, m.event, arg_min(e.type, e.mention) AS type,
           min({{'tn': e.date_text IS NULL, 'pr': {_RANK}, 'ds': coalesce(CAST(e.date AS VARCHAR), 'None'),
                'mention': e.mention, 'date': e.date, 'prec': e.date_precision}}) AS d
    FROM members m JOIN events e ON e.article_id = m.article_id AND e.event = m.event
    GROUP BY ALL
),
voted AS (
    SELECT *, count(*) FILTER (WHERE NOT d.tn) OVER (PARTITION BY key, d.date) AS votes,
           'evt_' || article_id || '_' || event <> key AS not_lead
    FROM ae
),
real AS (
    SELECT key,
           min({{'nl': not_lead, 'a': article_id, 'e': event, 'date': d.date, 'prec': d.prec, 'type': type}}) AS lead,
           min({{'nv': -votes, 'pr': d.pr, 'ds': d.ds, 'a': article_id, 'e': event, 'date': d.date,
                'prec': d.prec}}) FILTER (WHERE NOT d.tn) AS stated,
           min({{'a': article_id, 'e': event, 'c': clustered}}) AS first
    FROM voted GROUP BY key
),
page AS (
    SELECT r.key, r.lead.type AS type, r.first.a AS first_article, r.first.e AS first_event,
           CASE WHEN r.stated IS NULL THEN r.lead.date ELSE r.stated.date END AS date,
           CASE WHEN r.stated IS NULL THEN r.lead.prec ELSE r.stated.prec END AS precision,
           CASE WHEN r.first.c THEN s.num_independent_sources ELSE 1 END AS sources
    FROM real r LEFT JOIN event_support s ON s.cluster = r.key
)
"""

_ORDER = {
    # Store.events(): real events in the order of their first article event.
    "events": "first_article, first_event",
    # store_views.timeline(): by date, the most precise first, then id.
    "timeline": f"date, {_RANK.replace('e.date_precision', 'precision')}, key",
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a page of real events is narrowed to; ``None`` leaves a field open."""

    event_type: str | None = None
    actor: str | None = None  # an actor id (resolve names with :func:`actor_id`)
    date_from: date | None = None
    date_to: date | None = None
    story: str | None = None
    min_sources: int | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of records and how many records the whole listing holds."""

    items: list[dict[str, Any]]
    total: int | None


def event_page(store: Store, wanted: EventFilter, *, limit: int = 100, offset: int = 0) -> Page:
    """Real events matching ``wanted`` (the records of ``Store.events()``, in its order), one page of them."""
    keys, total = _page_keys(store, wanted, order="events", limit=limit, offset=offset)
    return Page(build_events(store, keys), total)


def timeline_page(store: Store, wanted: EventFilter, *, limit: int = 100, offset: int = 0) -> Page:
    """Dated real events matching ``wanted`` as timeline rows (``Store.timeline()``'s records and order).

    ``total`` is ``None`` when the page was found without counting the whole listing.
    """
    indexed = _has_index(store) and _index_fresh(store)
    early = None if indexed else _early_page(store, wanted, limit=limit, offset=offset)
    if early is not None:
        return Page(views.timeline(build_events(store, early)), None)
    keys, total = _page_keys(store, wanted, order="timeline", limit=limit, offset=offset)
    return Page(views.timeline(build_events(store, keys)), total)


def _early_page(store: Store, wanted: EventFilter, *, limit: int, offset: int) -> list[str] | None:
    """The page from the earliest real events alone, when they suffice (``None`` when they do not).

    A real event's date is the date of one of its mentions, so every real event dated on or before
    a bound ``T`` has a mention dated on or before ``T``: the real events of those mentions, merged
    exactly, hold all the real events up to ``T`` in timeline order. ``T`` is the date of the
    ``4 × (offset + limit)``-th earliest mention; when fewer real events than the page needs fall on
    or before it, the caller merges everything.
    """
    if wanted.actor is not None or wanted.story is not None:
        return None  # an actor or a story narrows the merge enough already
    need = offset + limit
    bound = store.con.execute(
        "SELECT date FROM events WHERE date IS NOT NULL AND (? IS NULL OR date >= ?) AND (? IS NULL OR type = ?) "
        "ORDER BY date LIMIT 1 OFFSET ?",
        [wanted.date_from, wanted.date_from, wanted.event_type, wanted.event_type, 4 * need],
    ).fetchall()
    if not bound or (wanted.date_to is not None and wanted.date_to <= bound[0][0]):
        return None
    capped = replace(wanted, date_to=bound[0][0])
    keys, total = _page_keys(store, capped, order="timeline", limit=limit, offset=offset)
    return keys if total is not None and total >= need else None


def _page_keys(store: Store, wanted: EventFilter, *, order: str, limit: int, offset: int) -> tuple[list[str], int]:
    indexed = _indexed_keys(store, wanted, order=order, limit=limit, offset=offset)
    if indexed is not None:
        return indexed
    hits, params = _hit_filters(wanted, dated=order == "timeline")
    exact, exact_params = _exact_filters(wanted, dated=order == "timeline")
    sql = f"WITH {_keys_sql(hits)}, {_MEMBERS} SELECT key, count(*) OVER () AS total FROM page"
    sql += f" WHERE {exact} ORDER BY {_ORDER[order]} LIMIT ? OFFSET ?"
    found = store.con.execute(sql, [*params, *exact_params, limit, offset]).fetchall()
    if found:
        return [row[0] for row in found], int(found[0][1])
    return [], _count(store, hits, params, exact, exact_params) if offset else 0


# The index the corpus stages leave behind: one row per real event with the fields pages filter and sort on.
INDEX_SQL = (
    "DELETE FROM event_index; DELETE FROM event_index_actors; DELETE FROM event_index_stories; "
    "DELETE FROM event_index_state;",
    f"""INSERT INTO event_index
        WITH keys AS (SELECT DISTINCT {_KEY} AS key FROM (SELECT DISTINCT article_id, event FROM events) h
                      LEFT JOIN event_clusters c USING (article_id, event)), {_MEMBERS}
        SELECT key, type, date, precision, {_RANK.replace("e.date_precision", "precision")}, sources,
               first_article, first_event FROM page""",
    f"""INSERT INTO event_index_actors
        SELECT DISTINCT {_KEY}, am.actor_id FROM event_args g
        JOIN actor_members am ON am.article_id = g.article_id AND am.local_id = g.local_id
        JOIN events h ON h.article_id = g.article_id AND h.mention = g.mention
        LEFT JOIN event_clusters c ON c.article_id = h.article_id AND c.event = h.event""",
    f"""INSERT INTO event_index_stories
        SELECT DISTINCT {_KEY}, sm.story_id FROM story_members sm JOIN events h ON h.article_id = sm.article_id
        LEFT JOIN event_clusters c ON c.article_id = h.article_id AND c.event = h.event""",
    "INSERT INTO event_index_state SELECT 1, count(*) FROM events",
)


def build_index(store: Store) -> None:
    """Rebuild the real-event index (after the corpus stages; one transaction)."""
    with store.transaction():
        for sql in INDEX_SQL:
            store.con.execute(sql)


def _index_fresh(store: Store) -> bool:
    """The index covers every stored event mention (no ingest since the last analysis)."""
    found = store.con.execute(
        "SELECT (SELECT max(mentions) FROM event_index_state) = (SELECT count(*) FROM events)"
    ).fetchall()
    return bool(found and found[0][0])


def _indexed_keys(
    store: Store, wanted: EventFilter, *, order: str, limit: int, offset: int
) -> tuple[list[str], int] | None:
    """The page's real events straight from the index, or ``None`` when there is no fresh index."""
    if not _has_index(store) or not _index_fresh(store):
        return None
    clauses, params = ["true"], []
    conditions = (("type = ?", wanted.event_type), ("date >= ?", wanted.date_from), ("date <= ?", wanted.date_to),
                  ("sources >= ?", wanted.min_sources),
                  ("key IN (SELECT key FROM event_index_actors WHERE actor_id = ?)", wanted.actor),
                  ("key IN (SELECT key FROM event_index_stories WHERE story_id = ?)", wanted.story))  # fmt: skip
    for clause, value in conditions:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if order == "timeline":
        clauses.append("date IS NOT NULL")
    sort = "first_article, first_event" if order == "events" else "date, rank, key"
    found = store.con.execute(
        f"SELECT key, count(*) OVER () FROM event_index WHERE {' AND '.join(clauses)} ORDER BY {sort} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    if found:
        return [row[0] for row in found], int(found[0][1])
    total = store.con.execute(f"SELECT count(*) FROM event_index WHERE {' AND '.join(clauses)}", params).fetchall()
    return [], int(total[0][0])


def _has_index(store: Store) -> bool:
    found = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_index_state'"
    ).fetchall()
    return bool(found[0][0])


def _count(store: Store, hits: list[str], params: list[Any], exact: str, exact_params: list[Any]) -> int:
    sql = f"WITH {_keys_sql(hits)}, {_MEMBERS} SELECT count(*) FROM page WHERE {exact}"
    return int(store.con.execute(sql, [*params, *exact_params]).fetchall()[0][0])


def _hit_filters(wanted: EventFilter, *, dated: bool) -> tuple[list[str], list[Any]]:
    values = {"actor": wanted.actor, "story": wanted.story, "type": wanted.event_type,
              "date_from": wanted.date_from, "date_to": wanted.date_to, "dated": True if dated else None}  # fmt: skip
    chosen = [(name, value) for name, value in values.items() if value is not None]
    narrow = [(name, value) for name, value in chosen if name in {"actor", "story"}]
    if narrow:  # an actor or a story holds few events: the broad filters are only checked on the merged records
        chosen = narrow
    return [_HITS[name] for name, _ in chosen], [value for _, value in chosen]


def _keys_sql(hits: list[str]) -> str:
    """``keys``: the real events every filter's article events belong to (all real events with no filter)."""
    if not hits:
        hits = ["SELECT DISTINCT article_id, event FROM events"]
    parts = [
        f"SELECT {_KEY} AS key FROM ({sql}) h LEFT JOIN event_clusters c USING (article_id, event)" for sql in hits
    ]
    return "keys AS (" + " INTERSECT ".join(parts) + ")"


def _exact_filters(wanted: EventFilter, *, dated: bool) -> tuple[str, list[Any]]:
    """Conditions on the merged record itself (its lead type, consensus date and independent sources)."""
    clauses, params = ["true"], []
    for clause, value in (("type = ?", wanted.event_type), ("date >= ?", wanted.date_from),
                          ("date <= ?", wanted.date_to), ("sources >= ?", wanted.min_sources)):  # fmt: skip
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if dated:
        clauses.append("date IS NOT NULL")
    return " AND ".join(clauses), params


def build_events(store: Store, keys: list[str]) -> list[dict[str, Any]]:
    """The merged records of these real events (as ``Store.events()`` builds them), in the order of ``keys``."""
    if not keys:
        return []
    pairs = _member_pairs(store, keys)
    articles = sorted({a for a, _ in pairs})
    rows = store.query(
        "SELECT e.*, a.outlet FROM events e JOIN articles a ON a.id = e.article_id "
        "SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS a, unnest(?::INTEGER[]) AS n) p "
        "ON p.a = e.article_id AND p.n = e.event ORDER BY e.article_id, e.event, e.mention",
        [[a for a, _ in pairs], [n for _, n in pairs]],
    )
    args = store.query(_ARGS, [articles, articles])
    clusters = store.query(views.CLUSTER_ROWS + " WHERE c.cluster IN (SELECT unnest(?::VARCHAR[]))", [keys])
    merged = {e["id"]: e for e in views.merge_events(views.group_events(rows, args), clusters)}
    return [merged[key] for key in keys if key in merged]


_ARGS = """
SELECT g.article_id, g.mention, g.role, am.actor_id, ac.name
FROM (SELECT *, rowid AS r FROM event_args WHERE article_id IN (SELECT unnest(?::VARCHAR[]))) g
JOIN (SELECT * FROM actor_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))) am
  ON am.article_id = g.article_id AND am.local_id = g.local_id
JOIN actors ac ON ac.id = am.actor_id
ORDER BY g.r
"""


def _member_pairs(store: Store, keys: list[str]) -> list[tuple[str, int]]:
    """(article id, event number) of every article event of these real events."""
    clustered = store.con.execute(
        "SELECT article_id, event, cluster FROM event_clusters WHERE cluster IN (SELECT unnest(?::VARCHAR[]))", [keys]
    ).fetchall()
    pairs = {(row[0], int(row[1])) for row in clustered}
    named = {row[2] for row in clustered}
    for key in keys:
        if key not in named and (own := views.split_event_id(key)) is not None:
            pairs.add(own)
    return sorted(pairs)


def event(store: Store, ref: str) -> dict[str, Any]:
    """One real event by its id, or by the id of any of its article events."""
    own = views.split_event_id(ref)
    if own is None:
        raise NotFoundError(f"no event {ref!r}")
    found = store.con.execute(
        "SELECT cluster FROM event_clusters WHERE (article_id = ? AND event = ?) OR cluster = ? LIMIT 1",
        [own[0], own[1], ref],
    ).fetchall()
    built = build_events(store, [found[0][0] if found else ref])
    if not built:
        raise NotFoundError(f"no event {ref!r}")
    return built[0]


def actor_id(store: Store, ref: str) -> str:
    """An actor's id from its id, name, any alias (case-insensitive) or a word of it, as ``Store.actor`` resolves it."""
    found = store.con.execute(
        "SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) "
        "OR list_contains(list_transform(aliases, lambda x: lower(x)), lower(?)) ORDER BY id <> ?, id LIMIT 1",
        [ref, ref, ref, ref],
    ).fetchall()
    if not found:
        from newsweave.store import actor_by_words

        return actor_by_words(store, ref)
    return str(found[0][0])


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store."""
    return [row[0] for row in store.con.execute("SELECT DISTINCT type FROM events ORDER BY 1").fetchall()]


def has_story(store: Store, story: str) -> bool:
    return bool(store.con.execute("SELECT count(*) FROM stories WHERE id = ?", [story]).fetchall()[0][0])


def article_page(store: Store, *, outlet: str | None, limit: int, offset: int) -> Page:
    """Stored articles (``Store.articles()``'s records and order), one page of them."""
    from newsweave.store import ARTICLE_FIELDS

    where = "WHERE outlet = ?" if outlet is not None else ""
    params: list[Any] = [outlet] if outlet is not None else []
    rows = store.query(
        f"SELECT {', '.join(ARTICLE_FIELDS)}, count(*) OVER () AS total FROM articles {where} "
        "ORDER BY published NULLS LAST, outlet, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    total = rows[0].pop("total") if rows else _scalar(store, f"SELECT count(*) FROM articles {where}", params)
    for row in rows:
        row.pop("total", None)
    return Page(rows, int(total))


def _scalar(store: Store, sql: str, params: list[Any]) -> Any:
    return store.con.execute(sql, params).fetchall()[0][0]
