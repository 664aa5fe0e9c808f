"""The dashboard in a real browser (Debian chromium via playwright), served by `newsweave serve` in a subprocess.

Story → event → evidence from two outlets side by side, highlighted; and an article
full of script payloads is shown as text, with no script run.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT

import newsweave

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ARTIFACTS = ROOT / "tests" / "artifacts"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "newsweave"), "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server)
        yield base
    finally:
        _stop(server)


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"newsweave serve exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(f"{base}/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("newsweave serve did not start")


@pytest.fixture(scope="module")
def server(corpus_db: Path) -> Iterator[str]:
    yield from _serve(corpus_db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_story_to_event_evidence_side_by_side(server: str, browser: Any) -> None:
    page = browser.new_page(java_script_enabled=False)  # reading works with JavaScript off
    page.goto(server + "/")
    page.locator("a.story-link").first.click()
    assert page.locator("table.timeline .modality-threatened").count() > 0  # modality is marked
    events = httpx.get(f"{server}/events", params={"min_sources": 2, "limit": 1000}).json()
    linked = {link.get_attribute("href") for link in page.locator("a.event-link").all()}
    chosen = next(e for e in events if e["num_outlets"] >= 2 and f"/event/{e['id']}" in linked)
    page.locator(f"a.event-link[href='/event/{chosen['id']}']").first.click()
    assert page.url.endswith(f"/event/{chosen['id']}")
    columns = page.locator(".evidence-column")
    assert columns.count() >= 2
    outlets, boxes = [], []
    for i in range(columns.count()):
        column = columns.nth(i)
        outlets.append(column.locator("h3.outlet").inner_text())
        marks = column.locator("mark")
        assert marks.count() >= 1 and marks.first.inner_text().strip()
        boxes.append(column.bounding_box())
    assert len(set(outlets)) >= 2, outlets
    expected = {e["text"][e["trigger_start"] - e["start"] : e["trigger_end"] - e["start"]] for e in chosen["evidence"]}
    shown = {m.inner_text() for m in page.locator(".evidence mark").all()}
    assert shown <= expected and shown
    first, second = boxes[0], boxes[1]
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"] - 1  # side by side
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "event_evidence.png"), full_page=True)
    page.close()


def test_api_docs_render_offline_under_the_dashboard_policy(server: str, browser: Any) -> None:
    """/docs runs Swagger UI from local files: every operation renders, nothing is refused or fetched elsewhere."""
    page = browser.new_page()
    refused: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: None if r.url.startswith(server) else elsewhere.append(r.url))
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert page.locator(".opblock").count() == sum(len(ops) for ops in paths.values())
    assert page.locator(".opblock-summary-path").first.inner_text().startswith("/")
    assert not refused, refused
    assert not elsewhere, elsewhere
    page.close()


def _hostile_inputs(folder: Path) -> None:
    (folder / "hostile.txt").write_text(
        f"---\noutlet: Evil Wire {SCRIPT}\nurl: https://evilwire.example/2023/08/10/hostile\npublished: 2023-08-10\n"
        f"title: Junta threatens {SCRIPT} Niamey {IMG}\n---\n"
        f"The junta in Niger threatened on Thursday to attack protesters in Niamey {SCRIPT} if they marched again.\n"
        f"ECOWAS condemned the junta {IMG} and demanded the release of President Mohamed Bazoum.\n"
        "Officials in Abuja said the bloc would meet again next week to discuss sanctions against the military "
        "government in Niamey.\n",
        encoding="utf-8",
    )
    escaped_script, escaped_img = (
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
        '&lt;img src=x onerror="window.__pwned=1"&gt;',
    )
    (folder / "hostile.html").write_text(
        f"<!doctype html><html><head><title>Army rejects talks {escaped_script} {escaped_img}</title>"
        '<meta property="og:site_name" content="Hostile Herald">'
        '<meta property="article:published_time" content="2023-08-11">'
        f"{SCRIPT}</head><body><article><h1>Army rejects talks {escaped_script} {escaped_img}</h1>"
        f"<p>The military government in Niger rejected talks with ECOWAS mediators on Friday {escaped_script} in "
        "Niamey, officials said.</p>"
        f"<p>The regional bloc had threatened to use force {escaped_img} if President Mohamed Bazoum was not "
        "released from detention by the junta.</p>"
        "<p>Diplomats in Abuja said another delegation would travel to Niamey next week to meet General "
        "Abdourahamane Tchiani.</p></article></body></html>",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    _hostile_inputs(folder)
    db = folder / "hostile.duckdb"
    assert newsweave.ingest([str(folder)], db=db).ingested == 2
    yield from _serve(db)


def test_script_payloads_are_shown_as_text(hostile_server: str, browser: Any) -> None:
    articles = httpx.get(f"{hostile_server}/articles").json()
    assert len(articles) == 2 and all(SCRIPT in a["title"] for a in articles)
    events = httpx.get(f"{hostile_server}/events").json()
    actors = httpx.get(f"{hostile_server}/actors").json()
    assert events and actors
    pages = [f"/article/{a['id']}" for a in articles] + [f"/event/{e['id']}" for e in events]
    pages += ["/", *(f"/actor/{a['id']}" for a in actors[:3])]
    page = browser.new_page()  # JavaScript on: nothing may run
    for path in pages:
        response = page.goto(hostile_server + path)
        assert response is not None and response.status == 200, path
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script").count() == 0 and page.locator("img").count() == 0, path
        raw = httpx.get(hostile_server + path).text
        assert SCRIPT not in raw and "<img" not in raw, path
    page.goto(f"{hostile_server}/article/{articles[0]['id']}")
    visible = page.locator("main").inner_text()
    assert SCRIPT in visible and "onerror=" in visible  # the payload is shown as text
    page.close()


def test_api_json_carries_payloads_escaped(hostile_server: str) -> None:
    for path in (
        "/articles",
        "/events",
        "/timeline",
        f"/articles/{httpx.get(hostile_server + '/articles').json()[0]['id']}",
    ):
        response = httpx.get(hostile_server + path)
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "<script" not in response.text and "<img" not in response.text, path
    assert SCRIPT in httpx.get(hostile_server + "/articles").json()[0]["title"]  # the text itself is intact


def test_serve_warns_loudly_off_localhost(corpus_db: Path) -> None:
    command = [str(Path(sys.executable).parent / "newsweave"), "serve", "--db", str(corpus_db), "--host", "127.0.0.2",
               "--port", str(_free_port())]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        assert first.startswith("WARNING: serving on 127.0.0.2") and "no authentication" in first
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[Any]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
