"""Readers during an ingest: CLI listings and a running `newsweave serve` keep answering, and never go back.

DuckDB lets one process hold the file for writing and then refuses every other
open. The writer publishes a read snapshot (``<db>.snapshot``) as it commits;
readers that find the store locked read it (see ``newsweave.store``), and the
server opens the store per request so it never holds the file an ingest needs.
Here an ingest (with its corpus stages) runs in a subprocess while one loop of
readers runs in turn: ``newsweave articles --json``, ``newsweave status --json``
and HTTP requests to ``newsweave serve``. Every reader must succeed, and the
article counts they see, in the order they were read, must never decrease.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import newsweave
from newsweave.settings import Settings
from tests.reliability import checks

NEWSWEAVE = str(Path(sys.executable).parent / "newsweave")
FIRST, ARTICLES = 4, 36  # stored before the ingest under test; inputs of that ingest (the first ones included)
ENV = {**os.environ, "NEWSWEAVE_BATCH_SIZE": "4"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWEAVE, *args], capture_output=True, text=True, env=ENV, timeout=120, check=False)


@pytest.fixture()
def store(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding the first articles, and the inputs of the ingest under test."""
    inputs = checks.write_corpus(tmp_path, ARTICLES)
    first = tmp_path / "first.jsonl"
    first.write_text("".join(inputs.read_text().splitlines(keepends=True)[:FIRST]))
    db = tmp_path / "store.duckdb"
    newsweave.ingest([str(first)], db=db, settings=Settings(batch_size=4), analyze=False)
    return db, inputs


@pytest.fixture()
def server(store: tuple[Path, Path]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [NEWSWEAVE, "serve", "--db", str(store[0]), "--port", str(port)]
    log = (store[0].parent / "serve.log").open("w")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env={**ENV, "NEWSWEAVE_DEBUG": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve exited"
        try:
            httpx.get(base + "/articles?limit=1", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("serve did not answer")


def test_readers_answer_during_an_ingest(store: tuple[Path, Path], server: str) -> None:
    db, inputs = store
    writer = subprocess.Popen([NEWSWEAVE, "ingest", str(inputs), "--db", str(db)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=ENV)  # fmt: skip
    seen: list[tuple[str, int, bool]] = []  # (reader, articles, whether the ingest was running when it ended)
    while writer.poll() is None:
        for reader in (_cli_articles, _http_articles, _http_pages, _cli_status, _http_articles):
            seen.append((reader.__name__, reader(db, server), writer.poll() is None))
    for reader in (_http_articles, _cli_status):  # and after it
        seen.append((reader.__name__, reader(db, server), False))
    assert writer.wait() == 0, writer.stderr.read() if writer.stderr else ""
    counts = [n for _, n, _ in seen]
    assert counts == sorted(counts), f"a reader went back in time: {seen}"
    assert counts[0] >= FIRST and counts[-1] == ARTICLES
    during = {(name, n) for name, n, running in seen if running}
    assert any(FIRST < n < ARTICLES for _, n in during), f"no reader saw the ingest part-done: {seen}"
    assert {"_cli_articles", "_cli_status", "_http_articles"} <= {name for name, _ in during}
    checks.check_store(db)


def _cli_articles(db: Path, base: str) -> int:
    done = _cli("articles", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return len(json.loads(done.stdout))


def _cli_status(db: Path, base: str) -> int:
    done = _cli("status", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["articles"])


def _http_articles(db: Path, base: str) -> int:
    response = httpx.get(base + "/articles?limit=1", timeout=30)
    assert response.status_code == 200, response.text
    return int(response.headers["x-total-count"])


def _http_pages(db: Path, base: str) -> int:
    """The dashboard and a heavier listing answer too; the count comes from a last listing."""
    for path in ("/", "/events?limit=5", "/actors?limit=5"):
        response = httpx.get(base + path, timeout=30)
        assert response.status_code == 200, (path, response.text)
    return _http_articles(db, base)
