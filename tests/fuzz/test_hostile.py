"""The hostile-page corpus (tests/data/hostile/ plus big files generated here): every page is stored as plain
text or rejected with a reason, in bounded time and memory (measured in a fresh subprocess)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import newsweave

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
WALL_SECONDS = 120
RSS_GROWTH_MB = 500
PAYLOADS = ("<script", "<iframe", "<svg", "<img", "onerror", "onload", "javascript:", "alert(", "\x00")
BODY = ("The military rulers of Niger on Monday named a former finance minister as prime minister of a "
        "transitional government, according to a statement read on state television in Niamey.")  # fmt: skip

RUNNER = """
import json, resource, sys, time
from newsweave import nlp
import newsweave
nlp.load()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
report = newsweave.ingest([sys.argv[1]], db=sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - started, "ingested": report.ingested,
                  "rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
                  "rejected": [[r.origin, r.reason, r.code] for r in report.rejected],
                  "skipped": [[s.origin, s.reason] for s in report.skipped]}))
"""


def _bomb(path: Path, megabytes: int = 1024) -> None:
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(deflate.compress(bytes(1 << 20)))
        out.write(deflate.flush())


def _generate(root: Path) -> None:
    (root / "huge_line.txt").write_bytes(b"word " * (10 * 1024 * 1024 // 5))
    (root / "long_line.txt").write_text((BODY + " ") * (4 * 1024 * 1024 // (len(BODY) + 1)), encoding="utf-8")
    good = json.dumps({"text": BODY * 2, "url": "https://sw.example/around-a-huge-line"})
    (root / "huge_line.jsonl").write_text(good + "\n" + '{"text": "' + "x" * (10 << 20) + '"}\n' + good.replace(
        "around", "after") + "\n", encoding="utf-8")  # fmt: skip
    (root / "deep_nesting.html").write_text(f"<html><body>{'<div>' * 10_000}<p>{BODY}</p>{'</div>' * 10_000}"
                                            "</body></html>", encoding="utf-8")  # fmt: skip
    (root / "many_tags.html").write_text("<html><body>" + "<span>x</span>" * 30_000 + f"<p>{BODY}</p></body></html>",
                                         encoding="utf-8")  # fmt: skip
    _bomb(root / "bomb.html.gz")
    shutil.copy(root / "bomb.html.gz", root / "bomb.warc.gz")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path, Path]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(HOSTILE, root, ignore=shutil.ignore_patterns("README.md"))
    _generate(root)
    db = root.parent / "hostile.duckdb"
    done = subprocess.run([sys.executable, "-c", RUNNER, str(root), str(db)], capture_output=True, text=True,
                          timeout=WALL_SECONDS * 3, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), root, db


def test_hostile_corpus_is_bounded_in_time_and_memory(hostile_run: tuple[dict[str, object], Path, Path]) -> None:
    result, _, _ = hostile_run
    assert float(result["seconds"]) < WALL_SECONDS  # type: ignore[arg-type]
    assert float(result["rss_growth_mb"]) < RSS_GROWTH_MB  # type: ignore[arg-type]


def test_every_hostile_input_is_stored_or_rejected_with_a_reason(
    hostile_run: tuple[dict[str, object], Path, Path],
) -> None:
    result, root, db = hostile_run
    rejected = {origin: (reason, code) for origin, reason, code in result["rejected"]}  # type: ignore[attr-defined]
    assert all(reason for reason, _ in rejected.values())
    with newsweave.open_store(db, read_only=True) as store:
        origins = {r["origin"] for r in store.query("SELECT origin FROM articles")}
    skipped = dict(result["skipped"])  # type: ignore[call-overload]
    for path in root.iterdir():
        seen = [o for o in [*origins, *rejected, *skipped] if o == str(path) or o.startswith(f"{path}:")]
        assert seen, f"{path.name} neither stored nor rejected"
    by_name = {Path(o.split(":")[0]).name: why for o, why in rejected.items() if ":" not in Path(o).name}
    assert by_name["huge_line.txt"][1] == "too_large"
    assert by_name["long_line.txt"][1] == "too_large"
    assert by_name["nul_early.txt"][1] == "binary"
    assert by_name["utf16_broken.txt"][1] == "encoding"
    assert skipped[str(root / "bomb.html.gz")] == "not an input format (.gz)"  # never inflated
    for name in ("deep_nesting.html", "many_tags.html", "many_attributes.html"):
        assert by_name[name][1] == "pathological", (name, by_name[name])
    assert any("decompression bomb" in reason for reason, _ in rejected.values())
    assert any(o.endswith("huge_line.jsonl:2") and code == "too_large" for o, (_, code) in rejected.items())


def test_stored_hostile_pages_are_plain_text(hostile_run: tuple[dict[str, object], Path, Path]) -> None:
    _, _, db = hostile_run
    with newsweave.open_store(db, read_only=True) as store:
        rows = store.query("SELECT origin, url, title, text FROM articles")
    stored = {Path(r["origin"].split(":")[0]).name for r in rows}
    assert {"script_payloads.html", "nul_late.txt", "latin1_inside_utf8.txt", "utf16_bom.txt",
            "utf16_bom.html"} <= stored  # fmt: skip
    assert {"huge_line.jsonl"} <= stored  # the lines around the huge one
    for row in rows:
        for field in ("text", "url"):
            value = (row[field] or "").lower()
            assert not any(p in value for p in PAYLOADS), (row["origin"], field, value[:200])
        assert row["url"] is None or row["url"].startswith(("http://", "https://"))
    # A title the page wrote as escaped text stays that text (outputs escape it); markup never becomes text.
    titles = {Path(r["origin"]).name: r["title"] for r in rows}
    assert titles["script_payloads.html"] == "<script>alert(1)</script>"
