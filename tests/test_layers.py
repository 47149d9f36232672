"""The layers hold: store/ at the bottom, index/ above it, bot/ on top; nothing imports upward.

Reads every module's imports (top level and inside functions) with `ast`, so a lazy import
cannot hide an upward dependency either."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RANK = {"store": 0, "index": 1, "bot": 2}      # a package may import only packages of lower or equal rank


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


def upward_imports(package: str) -> list[str]:
    bad = []
    for path in sorted((REPO / package).rglob("*.py")):
        for target, line in imported_packages(path):
            if target in RANK and RANK[target] > RANK[package]:
                bad.append(f"{path.relative_to(REPO)}:{line} imports {target}")
    return bad


@pytest.mark.parametrize("package", ["store", "index"])
def test_no_lower_layer_imports_a_higher_one(package):
    assert upward_imports(package) == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "bad.py").write_text("def f():\n    from bot.config import Config\n")
    monkeypatch.setattr(__import__(__name__), "REPO", tmp_path)
    assert upward_imports("store") == ["store/bad.py:2 imports bot"]


def test_every_module_says_what_it_does():
    missing = [str(p.relative_to(REPO)) for pkg in RANK for p in sorted((REPO / pkg).rglob("*.py"))
               if p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
