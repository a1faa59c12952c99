"""Layers use each other's public names only: no module imports a private module (`_x`) of another
top-level subpackage. Read from the source, so a new import anywhere in src/ is checked."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "incidentio_toolkit"


def _modules() -> list[Path]:
    return sorted((SRC / PACKAGE).rglob("*.py"))


def _owner(module: str) -> str:
    """`incidentio_toolkit.client._async` -> `client`; top-level modules own themselves."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _private(part: str) -> bool:
    return part.startswith("_") and not part.endswith("__")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name.startswith(PACKAGE + ".")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_imports_a_private_module_of_another_subpackage(path: Path) -> None:
    here = ".".join(path.relative_to(SRC).with_suffix("").parts)
    crossing = [
        name
        for name in _imports(path)
        if _owner(name) != _owner(here) and any(_private(part) for part in name.split(".")[1:])
    ]
    assert crossing == [], f"{here} imports private names of other layers: {crossing}"


def test_modules_use_absolute_imports() -> None:
    relative = [
        str(path.relative_to(SRC))
        for path in _modules()
        if any(
            isinstance(n, ast.ImportFrom) and n.level > 0
            for n in ast.walk(ast.parse(path.read_text()))
        )
    ]
    assert relative == []
