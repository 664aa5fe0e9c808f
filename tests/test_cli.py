"""The CLI contract: command names, JSON fields, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import SEEDS
from typer.testing import CliRunner

from newsweave.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
runner = CliRunner()


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("newsweave")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_every_command_is_covered() -> None:
    assert {"ingest", "actors", "events", "timeline", "quotes", "claims", "graph", "duplicates", "stories",
            "conflicts", "framing", "analyze"} <= set(COMMANDS)  # fmt: skip


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command(command: str | None) -> None:
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def report_events(db: str) -> int:
    """Merged events in the store, as the ingest report must count them."""
    return len(json.loads(_cli("events", "--db", db, "--json").stdout))


@pytest.mark.shared
def test_ingest_json_then_listings(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    first = _cli("ingest", str(SEEDS), "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    stats = report.pop("stats")
    assert stats["articles"] == 5 and stats["rejected"] == 0 and stats["words"] > 2000 and stats["articles_per_s"] > 0
    assert report.pop("analysis") == {"actors": 46, "duplicates": 0, "stories": 1, "events": report_events(db)}
    assert report == {
        "ingested": 5,
        "duplicates": 0,
        "recleaned": 0,
        "rejected": [],
        "skipped": [{"path": str(SEEDS / "README.md"), "reason": "not an input format (.md)"}],
    }
    again = json.loads(_cli("ingest", str(SEEDS), "--db", db, "--json").stdout)
    assert (again["ingested"], again["duplicates"]) == (0, 5)

    rows = json.loads(_cli("articles", "--db", db, "--json").stdout)
    assert len(rows) == 5
    assert set(rows[0]) == {
        "id",
        "url",
        "outlet",
        "title",
        "published",
        "published_source",
        "chars",
    }
    one = json.loads(_cli("article", rows[0]["id"], "--db", db, "--json").stdout)
    assert one["chars"] == len(one["text"]) and one["id"] == rows[0]["id"]
    mentions = json.loads(_cli("mentions", "--article", rows[0]["id"], "--db", db, "--json").stdout)
    assert mentions and {"article_id", "start", "end", "text", "label"} <= set(mentions[0])
    status = json.loads(_cli("status", "--db", db, "--json").stdout)
    assert status["articles"] == 5 and status["mentions"] > 100


@pytest.mark.shared
def test_stdin_jsonl_and_defaults(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    text = (SEEDS / "000_c918b9188006d739.txt").read_text()
    line = json.dumps({"text": text, "url": "https://wire.example/x"})
    result = _cli(
        "ingest",
        "-",
        "--db",
        db,
        "--outlet",
        "Wire",
        "--published",
        "2023-08-09",
        "--json",
        stdin=line,
    )
    assert result.returncode == 0, result.stderr
    row = json.loads(_cli("articles", "--db", db, "--json").stdout)[0]
    assert (row["outlet"], row["published"], row["published_source"]) == (
        "Wire",
        "2023-08-09",
        "given",
    )


@pytest.mark.shared
def test_exit_codes(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    nothing = _cli("ingest", str(tmp_path / "missing"), "--db", db)
    assert nothing.returncode == 1
    assert "no such file or directory" in nothing.stderr
    usage = _cli("ingest", str(SEEDS), "--db", db, "--published", "last tuesday")
    assert usage.returncode == 2 and "not an ISO date" in usage.stderr
    assert _cli("frobnicate").returncode == 2


def test_errors_are_one_line_never_a_traceback(tmp_path: Path) -> None:
    missing = _cli("articles", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "no store at" in missing.stderr
    bad_db = tmp_path / "bad.duckdb"
    bad_db.write_bytes(b"this is not a database" * 100)
    broken = _cli("status", "--db", str(bad_db))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_actor_commands(corpus_db: Path) -> None:
    db = str(corpus_db)
    rows = json.loads(_cli("actors", "--db", db, "--json").stdout)
    assert {
        "id",
        "name",
        "kind",
        "country",
        "cameo_code",
        "aliases",
        "roles",
        "mentions",
        "articles",
        "outlets",
    } <= set(rows[0])
    assert rows == sorted(rows, key=lambda r: -r["mentions"])
    by_alias = json.loads(_cli("actor", "tiani", "--db", db, "--json").stdout)
    by_id = json.loads(_cli("actor", by_alias["id"], "--db", db, "--json").stdout)
    assert by_alias == by_id and by_alias["name"] == "Abdourahamane Tchiani"
    spans = by_alias["mention_spans"]
    assert len(spans) == by_alias["mentions"] and {"article_id", "start", "end", "text"} <= set(spans[0])
    missing = _cli("actor", "Nobody Atall", "--db", db)
    assert missing.returncode == 1 and "no actor" in missing.stderr


def test_graph_formats(corpus_db: Path, tmp_path: Path) -> None:
    data = json.loads(_cli("graph", "--db", str(corpus_db), "--format", "json").stdout)
    assert len(data["nodes"]) > 50 and data["edges"]
    assert all(edge["weight"] >= 1 for edge in data["edges"])
    out = tmp_path / "g.graphml"
    assert _cli("graph", "--db", str(corpus_db), "--format", "graphml", "--out", str(out)).returncode == 0
    assert out.read_text().startswith("<?xml") and "graphml" in out.read_text()
    assert _cli("graph", "--db", str(corpus_db), "--format", "dot").returncode == 2


def test_event_commands(corpus_db: Path) -> None:
    db = str(corpus_db)
    events = json.loads(_cli("events", "--db", db, "--type", "reject", "--json").stdout)
    assert events and {e["type"] for e in events} == {"REJECT"}
    evidence = events[0]["evidence"][0]
    assert {"article_id", "start", "end", "text"} <= set(evidence)
    timeline = json.loads(_cli("timeline", "--db", db, "--json").stdout)
    assert timeline and {"date", "precision", "event_id", "type", "summary", "article_ids"} <= set(timeline[0])
    key = json.loads(_cli("timeline", "--db", db, "--dates", "3", "--json").stdout)
    assert len(key) == 3 and [k["date"] for k in key] == sorted(k["date"] for k in key)
    assert all(k["summary"] and k["article_id"] and k["stating_sources"] >= 1 for k in key)
    assert _cli("timeline", "--db", db, "--dates", "0").returncode == 2
    quotes = json.loads(_cli("quotes", "--db", db, "--json").stdout)
    assert {"speaker", "text", "article_id", "start", "end", "direct"} <= set(quotes[0])
    claims = json.loads(_cli("claims", "--db", db, "--quantity", "troops", "--json").stdout)
    assert claims and {"subject", "quantity", "value_low", "value_high", "unit", "approx", "as_of", "source_actor",
                       "article_id", "start", "end"} <= set(claims[0])  # fmt: skip


def test_fusion_commands(corpus_db: Path) -> None:
    db = str(corpus_db)
    copies = json.loads(_cli("duplicates", "--db", db, "--json").stdout)
    assert {"article_id", "copy_of", "kind", "similarity"} <= set(copies[0])
    stories = json.loads(_cli("stories", "--db", db, "--json").stdout)
    assert {"id", "label", "article_ids", "outlets", "first_date", "last_date", "top_actors"} <= set(stories[0])
    one = json.loads(_cli("stories", "--db", db, "--story", stories[0]["id"], "--json").stdout)
    assert [s["id"] for s in one] == [stories[0]["id"]]
    events = json.loads(_cli("events", "--db", db, "--json").stdout)
    assert {"num_articles", "num_outlets", "num_independent_sources", "confidence", "members"} <= set(events[0])
    conflicts = json.loads(_cli("conflicts", "--db", db, "--json").stdout)
    assert conflicts and {"subject", "quantity", "values", "conservative", "latest"} <= set(conflicts[0])
    framing = json.loads(_cli("framing", "--db", db, "--story", stories[0]["id"], "--json").stdout)
    assert framing["story"] == stories[0]["id"]
    assert {"outlet", "events_reported", "events_missing", "quoted_voices", "actor_labels"} <= set(
        framing["outlets"][0]
    )
    assert _cli("stories", "--db", db, "--story", "sto_nope").returncode == 1
    for command in ("duplicates", "stories", "conflicts", "framing"):
        shown = _cli(command, "--db", db)
        assert shown.returncode == 0, shown.stderr


def test_actor_by_surname_acronym_and_an_ambiguous_word(seeds_db: Path) -> None:
    tinubu = _cli("actor", "Tinubu", "--db", str(seeds_db), "--json")
    assert tinubu.returncode == 0 and json.loads(tinubu.stdout)["name"] == "Bola Tinubu"
    council = _cli("actor", "CNSP", "--db", str(seeds_db), "--json")
    assert json.loads(council.stdout)["name"] == "National Council for the Safeguard of the Homeland"
    several = _cli("actor", "abdoulaye", "--db", str(seeds_db), "--json")
    assert several.returncode == 1 and "names 2 actors" in several.stderr and "Traceback" not in several.stderr
    listed = json.loads(several.stdout)
    assert {c["name"] for c in listed["candidates"]} == {"Abdoulaye Maiga", "Abdoulaye Diop"}
    plain = _cli("actor", "abdoulaye", "--db", str(seeds_db))
    assert plain.returncode == 1 and "Abdoulaye Diop" in plain.stderr and not plain.stdout
