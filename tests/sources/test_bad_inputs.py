"""Every kind of bad input is rejected with its reason while the rest of the batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave.settings import Settings

GOOD = (
    "Niger junta names civilian prime minister\n"
    "The military rulers of Niger on Monday named Ali Mahaman Lamine Zeine, a former finance "
    "minister, as prime minister of a transitional government, according to a statement read on "
    "state television in Niamey. The appointment came a day after the deadline set by the West "
    "African regional bloc for the release of the detained president expired without any sign "
    "of a military intervention."
)
FRENCH = (
    "La junte au pouvoir au Niger a nommé lundi un ancien ministre des finances au poste de "
    "Premier ministre, selon un communiqué lu à la télévision nationale. Cette nomination "
    "intervient au lendemain de l'expiration de l'ultimatum fixé par les pays de la région pour "
    "le retour du président renversé, sans qu'aucune intervention militaire ne soit lancée."
)


def _run(tmp_path: Path, bad: dict[str, bytes], *, settings: Settings | None = None) -> tuple[dict[str, str], int]:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    db = tmp_path / "store.duckdb"
    report = newsweave.ingest([str(tmp_path)], db=db, settings=settings)
    with newsweave.open_store(db, read_only=True) as store:
        titles = [row["title"] for row in store.articles()]
        stored_rejects = {Path(r["path"]).name: r["reason"] for r in store.rejected()}
    assert "Niger junta names civilian prime minister" in titles
    reasons = {
        Path(r.origin).name.split(":")[0] + (":" + r.origin.rsplit(":", 1)[1] if r.origin.count(":") else ""): r.reason
        for r in report.rejected
    }
    assert set(stored_rejects.values()) == set(reasons.values())
    return reasons, report.ingested


def test_empty_file(tmp_path: Path) -> None:
    reasons, _ = _run(tmp_path, {"empty.txt": b"  \n\n"})
    assert reasons == {"empty.txt": "empty file (no text at all)"}


def test_binary_file(tmp_path: Path) -> None:
    reasons, _ = _run(tmp_path, {"photo.txt": bytes(range(256)) * 20})
    assert reasons["photo.txt"].startswith("binary content")


def test_wrong_encoding_is_decoded_as_cp1252(tmp_path: Path) -> None:
    text = GOOD.replace("Niamey", "Tillabéri") + " \u201cWe will not yield,\u201d a spokesman said."
    reasons, ingested = _run(tmp_path, {"legacy.txt": ("Old encoding report\n" + text).encode("cp1252")})
    assert reasons == {} and ingested == 2
    with newsweave.open_store(tmp_path / "store.duckdb", read_only=True) as store:
        legacy = store.article(next(r["id"] for r in store.articles() if r["title"] == "Old encoding report"))
    assert "Tillabéri" in legacy["text"] and "\u201cWe will not yield" in legacy["text"]


def test_malformed_json_lines_keep_the_good_lines(tmp_path: Path) -> None:
    good = {
        "text": GOOD.replace("Monday", "Tuesday"),
        "outlet": "Sahel Wire",
        "url": "https://sw.example/1",
    }
    lines = [
        json.dumps(good),
        '{"text": "truncated',
        "[1, 2]",
        json.dumps({"title": "no body"}),
        json.dumps({**good, "url": "https://sw.example/2"}),
    ]
    reasons, ingested = _run(tmp_path, {"feed.jsonl": "\n".join(lines).encode()})
    assert ingested == 3
    assert reasons["feed.jsonl:2"].startswith("malformed JSON")
    assert reasons["feed.jsonl:3"] == "a record must be a JSON object, got list"
    assert reasons["feed.jsonl:4"] == "record has no 'text' or 'html' string field"


def test_html_without_an_article_body(tmp_path: Path) -> None:
    page = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    reasons, _ = _run(tmp_path, {"nav.html": page})
    assert list(reasons) == ["nav.html"]
    assert reasons["nav.html"].startswith("no article body found in the HTML page")


def test_nonexistent_path(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    missing = str(tmp_path / "nope.txt")
    report = newsweave.ingest([missing, str(tmp_path / "good.txt")], db=tmp_path / "s.duckdb")
    assert report.ingested == 1
    assert [(r.origin, r.reason) for r in report.rejected] == [(missing, "no such file or directory")]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    reasons, _ = _run(tmp_path, {"huge.txt": b"word " * 2000}, settings=Settings(max_bytes=5000))
    assert reasons["huge.txt"].startswith("file is 0.0 MB, over the 0.0 MB limit")


def test_default_size_limit_is_five_megabytes() -> None:
    assert Settings().max_bytes == 5 * 1024 * 1024


def test_article_in_a_language_we_do_not_handle(tmp_path: Path) -> None:
    reasons, _ = _run(tmp_path, {"brief.txt": FRENCH.encode()})
    assert reasons == {"brief.txt": "article is in French (fr); handled languages: en"}


def test_too_short_text(tmp_path: Path) -> None:
    reasons, _ = _run(tmp_path, {"stub.txt": b"Niger: more soon."})
    assert reasons["stub.txt"].startswith("too short to be an article")


@pytest.mark.parametrize("name", ["notes.md", "image.png"])
def test_unsupported_files_in_a_directory_are_skipped_not_rejected(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"whatever")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    report = newsweave.ingest([str(tmp_path)], db=tmp_path.parent / f"{tmp_path.name}.duckdb")
    assert report.ingested == 1 and report.rejected == []
    assert [Path(s.origin).name for s in report.skipped] == [name]
