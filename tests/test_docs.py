"""Every command shown in README.md works, and `make demo` prints the summary."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def _blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", readme, re.S)


def _readme_commands() -> list[str]:
    lines = [line for block in _blocks("sh") for line in block.splitlines()]
    return [line.split("  #")[0].strip() for line in lines if line.startswith("newsweave ")]


def test_readme_shows_the_two_commands_first() -> None:
    first = _blocks("sh")[0]
    assert first.splitlines()[0].startswith("make demo") and "make test" in first


def test_every_readme_command_runs(tmp_path: Path) -> None:
    (tmp_path / "data").symlink_to(ROOT / "data")
    commands = _readme_commands()
    assert len(commands) >= 7
    for command in commands:
        argv = shlex.split(command)
        result = subprocess.run(
            [str(BIN / argv[0]), *argv[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"{command}: {result.stderr}"
        assert "Traceback" not in result.stderr
        assert result.stdout.strip() or "ingest" in command or "--out" in command, command


def test_readme_python_example_runs(tmp_path: Path) -> None:
    (tmp_path / "data").symlink_to(ROOT / "data")
    code = _blocks("python")[0]
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "'ingested': 21" in result.stdout


def test_make_demo_prints_the_summary(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = subprocess.run(
        ["make", "-s", "demo", f"DEMO_DB={db}", f"DEMO_REPORT={tmp_path / 'report.html'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    for heading in (
        "Articles per outlet",
        "Publication dates and how each was obtained",
        "Most mentioned actors",
        "Rejected inputs",
    ):
        assert heading in result.stdout, heading
    assert "Sahel Wire" in result.stdout and "inferred" in result.stdout
    assert "article is in French" in result.stdout
    assert "Briefing report:" in result.stdout and (tmp_path / "report.html").stat().st_size > 10_000
    assert "Ingested 21 new article(s)" in result.stderr
