"""The sandbox's layout (see `incidentio_toolkit.sandbox`'s docstring): handlers and stores are cut
like `actions/`, modules stay small, and imports form no cycle."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path
from types import ModuleType

import incidentio_toolkit.actions
import incidentio_toolkit.sandbox
import incidentio_toolkit.sandbox.handlers
import incidentio_toolkit.sandbox.store

SANDBOX = Path(incidentio_toolkit.sandbox.__file__).parent
MAX_LINES = 400


def _public_modules(package: ModuleType) -> set[str]:
    path: list[str] = list(package.__path__)
    return {m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SANDBOX.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sandbox_imports(tree: ast.Module, *, top_level: bool) -> set[str]:
    nodes = tree.body if top_level else [n for n in ast.walk(tree) if n not in tree.body]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(names if all(_is_module(n) for n in names) else [node.module])
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("incidentio_toolkit.sandbox")}


def _is_module(dotted: str) -> bool:
    relative = dotted.removeprefix("incidentio_toolkit.sandbox").lstrip(".").replace(".", "/")
    return (SANDBOX / f"{relative}.py").exists() or (SANDBOX / relative / "__init__.py").exists()


def _sources() -> list[Path]:
    return sorted(SANDBOX.rglob("*.py"))


def test_handlers_are_named_after_the_action_modules() -> None:
    resources = _public_modules(incidentio_toolkit.actions)
    assert _public_modules(incidentio_toolkit.sandbox.handlers) == resources


def test_stores_are_named_after_the_action_modules() -> None:
    resources = _public_modules(incidentio_toolkit.actions)
    assert _public_modules(incidentio_toolkit.sandbox.store) <= resources


def test_every_sandbox_module_stays_under_the_size_limit() -> None:
    sizes = {str(p.relative_to(SANDBOX)): len(p.read_text().splitlines()) for p in _sources()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def _with_packages(module: str, imported: set[str]) -> set[str]:
    """`imported` plus the packages Python initialises first: each ancestor of an imported module
    that is not an ancestor of `module` itself (those are already being initialised)."""
    own = {module.rsplit(".", n)[0] for n in range(module.count(".") + 1)}
    edges = set(imported)
    for name in imported:
        parts = name.split(".")
        edges.update(".".join(parts[:n]) for n in range(3, len(parts)))
    return {edge for edge in edges if edge not in own or edge in imported} - {module}


def test_sandbox_modules_import_each_other_without_cycles() -> None:
    graph = {
        _module_name(p): _sandbox_imports(ast.parse(p.read_text()), top_level=True)
        for p in _sources()
    }
    graph = {module: _with_packages(module, imported) for module, imported in graph.items()}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " -> ".join((*trail[trail.index(module) :], module))
        if module in done:
            return
        for imported in graph.get(module, set()):
            visit(imported, (*trail, module))
        done.add(module)

    for module in graph:
        visit(module, ())
    assert "incidentio_toolkit.sandbox.seed.demo" in graph["incidentio_toolkit.sandbox.seed"]


def test_no_sandbox_module_imports_another_inside_a_function() -> None:
    hidden = {
        str(p.relative_to(SANDBOX)): _sandbox_imports(ast.parse(p.read_text()), top_level=False)
        for p in _sources()
    }
    assert {name: found for name, found in hidden.items() if found} == {}


def test_resource_handlers_leave_validation_to_the_stores() -> None:
    """Handlers parse and serialize: only `_common.read_body` builds the `Fields` a store checks."""
    validating = {
        path.name
        for path in (SANDBOX / "handlers").glob("[!_]*.py")
        if "incidentio_toolkit.sandbox._validate"
        in _sandbox_imports(ast.parse(path.read_text()), top_level=True)
    }
    assert validating == set()
