"""Named migrations: each table family owns the ones that create and change its tables.

A migration is a name and its SQL. Names sort in the order they were written
(``0001_…``, ``0002_…``) and a store records every name it has applied, so a
store made by any earlier version moves forward by the migrations it lacks,
all in one transaction (see :meth:`Connection.migrate`).
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from newsweave.store import actors, articles, claims, events, fusion, lines

Migration = tuple[str, str]
FAMILIES = (articles, actors, events, claims, fusion, lines)
MIGRATIONS: tuple[Migration, ...] = tuple(sorted(m for family in FAMILIES for m in family.MIGRATIONS))


def apply(con: duckdb.DuckDBPyConnection, when: datetime) -> list[str]:
    """Apply the pending migrations in name order; returns the names applied. Call inside a transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = set(applied(con))
    pending = [(name, sql) for name, sql in MIGRATIONS if name not in done]
    for name, sql in pending:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [name, when])
    return [name for name, _ in pending]


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
