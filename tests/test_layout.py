"""The import graph: the store imports only the records, the functional core no I/O, and nothing imports in a circle.

Read from the source with ``ast`` (imports under ``if TYPE_CHECKING:`` are for types only and left out).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "newsweave"
IO_MODULES = ("duckdb", "httpx", "socket", "urllib", "requests", "pyarrow", "uvicorn", "fastapi", "ray")
OUTER = ("store", "engine", "corpus", "web", "cli", "sources", "exports", "reports", "terminal")


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, *, top_only: bool) -> Iterator[str]:
    """Every module ``path`` imports (``from a import b`` gives ``a.b`` when that is a module, else ``a``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known, own = _modules(), _name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    nodes = tree.body if top_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base


def test_store_imports_only_the_records() -> None:
    allowed = ("newsweave.model", "newsweave.errors", "newsweave.store")
    for name, path in _modules().items():
        if name.startswith("newsweave.store"):
            ours = {m for m in _imports(path, top_only=False) if m.startswith("newsweave")}
            assert all(m.startswith(allowed) for m in ours), (name, sorted(ours))


def test_functional_core_imports_no_io() -> None:
    outer = tuple(f"newsweave.{name}" for name in OUTER)
    for name, path in _modules().items():
        if name.startswith(("newsweave.extract", "newsweave.fuse")):
            found = set(_imports(path, top_only=False))
            assert not {m for m in found if m.startswith(outer) or m.split(".")[0] in IO_MODULES}, name


def test_model_imports_nothing_of_ours() -> None:
    assert not {m for m in _imports(PACKAGE / "model.py", top_only=False) if m.startswith("newsweave")}


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: {m for m in _imports(path, top_only=True) if m in modules and m != name}
             for name, path in modules.items()}  # fmt: skip
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            assert state.get(nxt) != 1, "import cycle: " + " → ".join([*trail[trail.index(nxt) :], nxt])
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
