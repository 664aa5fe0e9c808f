"""The connection to a store file: one writer at a time, a lock wait, a read snapshot, transactions.

DuckDB lets one process hold a file for writing, and then no other process can
open it, not even read-only. So a writer publishes a read snapshot
(``<db>.snapshot``): a copy of the committed store, written to a temporary file
and renamed over the old one, when it opens the store (unless the snapshot is
already current), after a commit when the last snapshot is older than
``SNAPSHOT_EVERY`` seconds and than nine times what the last copy took (so a big
store's copies take at most a tenth of a writer's time), and when it closes. A reader that
finds the store locked reads the latest snapshot instead; a writer that finds it
held by readers waits for them (up to ``LOCK_WAIT`` seconds).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

import duckdb
import pyarrow as pa

from newsweave.errors import StoreError
from newsweave.store import migrations
from newsweave.store.schema import Columns

SNAPSHOT_EVERY = 1.0  # seconds: a writer publishes its committed state at most this often (and when it closes)
SNAPSHOT_SHARE = 0.1  # and spends at most about this share of its time copying snapshots
COPY_RATE = 200e6  # bytes a second a copy is reckoned to take until one has been timed
LOCK_WAIT = 30.0  # seconds a writer waits for readers (or a reader for a first snapshot) before giving up
_LOCKED = ("Could not set lock", "Conflicting lock")


def snapshot_current(path: Path) -> bool:
    """Whether the snapshot of the store at ``path`` holds it as it is: no commit since it was published (the store
    file not changed after it, nothing waiting in the store's write-ahead log)."""
    try:
        published, stored = snapshot_path(path).stat(), path.stat()
    except FileNotFoundError:
        return False
    wal = path.with_name(path.name + ".wal")
    pending = wal.exists() and wal.stat().st_size > 0
    return not pending and published.st_mtime_ns >= stored.st_mtime_ns and published.st_size == stored.st_size


def snapshot_path(path: str | Path) -> Path:
    """Where the writer of ``path`` publishes its read snapshot."""
    path = Path(path)
    return path.with_name(path.name + ".snapshot")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def arrow_table(columns: Columns, rows: Sequence[Sequence[Any]]) -> pa.Table:
    """Rows (values in ``columns`` order) as an Arrow table, so DuckDB inserts a batch in one statement."""
    data = {name: pa.array([row[i] for row in rows], type=kind) for i, (name, kind) in enumerate(columns.items())}
    return pa.table(data)


class Connection:
    """An open store file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_wait: float = LOCK_WAIT) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.source = self.path  # the file read: the store, or its snapshot while another process writes it
        self._published = time.monotonic()  # the migrations do not publish; the first snapshot follows them
        self._copying = 0.0  # seconds the last snapshot took to copy
        self._file: int | None = None
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path} (run `newsweave ingest` first)")
        self.con = self._open_reader(lock_wait) if read_only else self._open_writer(lock_wait)
        if not read_only:
            # The snapshot is copied through this descriptor, open as long as the store: closing any descriptor
            # of a file drops every POSIX lock the process holds on it, DuckDB's writer lock included.
            self._file = os.open(self.path, os.O_RDONLY) if self.path.exists() else None
            self._copying = self.path.stat().st_size / COPY_RATE if self.path.exists() else 0.0
            self.migrate()
            self.publish(unless_current=True)
        elif not self.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles'"):
            self.con.close()
            raise StoreError(f"{self.path} holds no newsweave tables yet (was the ingest that made it interrupted?)")

    @classmethod
    def over(cls, con: duckdb.DuckDBPyConnection, path: Path, source: Path) -> Self:
        """A read-only view of ``source`` (the store at ``path`` or its snapshot) through ``con``, a cursor of a
        connection held elsewhere (see :class:`SharedReader`); closing it closes only the cursor."""
        view = cls.__new__(cls)
        view.path, view.read_only, view.source, view.con = path, True, source, con
        view._published, view._file = 0.0, None
        return view

    def _open_writer(self, lock_wait: float) -> duckdb.DuckDBPyConnection:
        """Open for writing, waiting while readers of other processes hold the file."""
        deadline = time.monotonic() + lock_wait
        while True:
            try:
                return _connect(self.path, read_only=False)
            except _Locked as exc:
                if time.monotonic() >= deadline:
                    raise StoreError(f"store {self.path} is locked by another process: {exc}") from exc
                time.sleep(0.05)

    def _open_reader(self, lock_wait: float) -> duckdb.DuckDBPyConnection:
        """Open read-only; while another process writes the store, read its latest snapshot."""
        try:
            return _connect(self.path, read_only=True)
        except _Locked:
            pass
        snapshot = snapshot_path(self.path)
        deadline = time.monotonic() + lock_wait
        while not snapshot.exists():
            if time.monotonic() >= deadline:
                raise StoreError(f"store {self.path} is being written by another process and has no snapshot yet")
            time.sleep(0.05)
        self.source = snapshot
        return _connect(snapshot, read_only=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only:
            self._publish_quietly()
        self.con.close()
        if self._file is not None:
            os.close(self._file)  # after DuckDB has let the file go (see __init__)

    def publish(self, *, force: bool = True, unless_current: bool = False) -> None:
        """Publish the committed store as ``<db>.snapshot`` for readers. Unless ``force``: not when the last
        snapshot is younger than ``SNAPSHOT_EVERY`` or than the copying share allows; with ``unless_current``: not
        when the snapshot already holds the store as it is. Call between transactions."""
        if self.read_only or self._file is None:
            return
        wait = max(SNAPSHOT_EVERY, self._copying * (1 - SNAPSHOT_SHARE) / SNAPSHOT_SHARE)
        if not force and time.monotonic() - self._published < wait:
            return
        if unless_current and snapshot_current(self.path):
            return
        started = time.monotonic()
        self.con.execute("CHECKPOINT")  # everything committed is now in the file itself, none in the WAL
        target = snapshot_path(self.path)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        with open(self._file, "rb", closefd=False) as source, temp.open("wb") as copy:
            source.seek(0)
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        os.replace(temp, target)  # atomic: a reader opens the old snapshot or the new one, never a partial copy
        self._published = time.monotonic()
        self._copying = self._published - started

    def _publish_quietly(self) -> None:
        with contextlib.suppress(duckdb.Error, OSError):  # a snapshot serves readers: closing never fails for it
            self.publish(unless_current=True)

    # -- schema --------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending named migrations in order, all in one transaction; returns the names applied.

        A store is never seen half-migrated: a run killed while creating it leaves an empty file.
        """
        with self.transaction():
            return migrations.apply(self.con, now())

    def migrations(self) -> list[str]:
        """The names of the migrations applied to this store, in order."""
        return migrations.applied(self.con)

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` commits everything in the block or nothing (and may publish a snapshot)."""
        return _Transaction(self)

    def insert(self, table: str, columns: Columns, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows (values in ``columns`` order) by column name, in one statement; a row already stored
        under the same key is kept."""
        if not rows:
            return
        names = ", ".join(f'"{name}"' for name in columns)
        self.con.register("incoming", arrow_table(columns, rows))
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister("incoming")

    def delete(self, table: str, column: str, values: Sequence[Any] | None = None) -> None:
        """Delete the rows whose ``column`` is one of ``values`` (every row when ``values`` is None)."""
        if values is None:
            self.con.execute(f"DELETE FROM {table}")
        elif values:
            self.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [list(values)])

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.rows(sql, params)
        return found[0][0] if found else None

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query, rows as dicts: for scripts, tests and benches. Outputs read through ``Corpus``."""
        return self.dicts(sql, params or [])


C = TypeVar("C", bound=Connection)


class SharedReader(Generic[C]):
    """Read-only views of a store for a long-running reader (the web app), without opening the file each time.

    While the published snapshot is as new as the store (no writer has committed since it was published), every
    view is a cursor of one connection to that snapshot, opened once per snapshot: holding the snapshot never
    blocks a writer, which replaces it by renaming. Otherwise each view opens the store for itself as
    :class:`Connection` does (the store, or its snapshot while a writer holds it).
    """

    def __init__(self, path: str | Path, make: type[C]) -> None:
        self.path, self.make = Path(path), make
        self._key: tuple[int, int, int] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()

    def open(self) -> C:
        snapshot = snapshot_path(self.path)
        try:
            published = snapshot.stat()
        except FileNotFoundError:
            return self.make(self.path, read_only=True)
        if not snapshot_current(self.path):
            return self.make(self.path, read_only=True)
        key = (published.st_ino, published.st_mtime_ns, published.st_size)
        with self._lock:
            if key != self._key or self._con is None:
                # the previous connection is left to close when its last cursor goes (requests may be using it)
                self._con, self._key = _attach(snapshot), key
            cursor = self._con.cursor()
        cursor.execute("USE snapshot")
        return self.make.over(cursor, self.path, snapshot)


def _attach(snapshot: Path) -> duckdb.DuckDBPyConnection:
    """A connection of its own to this snapshot file. Attached to a fresh in-memory database rather than opened
    by path: DuckDB shares one open database per path within a process, which would keep serving the snapshot
    this one replaced."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{str(snapshot).replace(chr(39), chr(39) * 2)}' AS snapshot (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot open store snapshot {snapshot}: {exc}") from exc
    return con


class _Locked(StoreError):
    """Another process holds the file (DuckDB allows one writer, or any number of readers)."""


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        if isinstance(exc, duckdb.IOException) and any(marker in str(exc) for marker in _LOCKED):
            raise _Locked(str(exc)) from exc
        raise StoreError(f"cannot open store {path}: {exc}") from exc


class _Transaction:
    def __init__(self, store: Connection) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.store.con.execute("ROLLBACK" if exc_type else "COMMIT")
        if not exc_type:
            self.store.publish(force=False)
