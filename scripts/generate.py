"""Regenerate the files derived from the ACTIONS registry; `--check` fails if any is stale.

    python scripts/generate.py          # rewrite
    python scripts/generate.py --check  # drift check (run by the tests)

Derived files: the typed per-tool client methods (actions and composites), the public `outputs`
module, the actions table in README.md, docs/actions.md, and the tables of docs/agents.md (the
projections, the parameters that take names, the composites). Formatting uses the ruff of the
interpreter running this script.
"""

from __future__ import annotations

import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import importlib  # noqa: E402

from incidentio_toolkit.actions import ACTIONS, CONTRACT_ACTIONS, Action, split_commas  # noqa: E402
from incidentio_toolkit.composites import COMPOSITES, TOOLS, Tool  # noqa: E402

METHODS_FILE = ROOT / "src" / "incidentio_toolkit" / "client" / "_methods.py"
OUTPUTS_FILE = ROOT / "src" / "incidentio_toolkit" / "outputs.py"
README = ROOT / "README.md"
TABLE_START = "<!-- actions-table:start -->"
TABLE_END = "<!-- actions-table:end -->"


def _resource(action: Tool) -> str:
    """The module that defines `action`, as the typed methods import it (`incidents` for
    `incidentio_toolkit.actions.incidents`, `composites_on_call` for a composite's)."""
    package, module = action.input.__module__.rsplit(".", 2)[1:]
    return module if package == "actions" else f"{package}_{module}"


def _module_path(alias: str) -> str:
    package, _, module = alias.partition("_") if alias.startswith("composites_") else ("", "", "")
    if package:
        return f"incidentio_toolkit.composites.{module}"
    return f"incidentio_toolkit.actions.{alias}"


def _named_literal(annotation: Any, module: str) -> str:
    """`incidents.StatusCategory` for a Literal that the action's module names."""
    for name, value in vars(importlib.import_module(_module_path(module))).items():
        if not name.startswith("_") and value == annotation:
            return f"{module}.{name}"
    raise TypeError(
        f"{annotation!r} in actions/{module}.py has no name: give it one at module level "
        "(e.g. `SortOrder = Literal[...]`) so the typed methods can refer to it."
    )


def render_type(annotation: Any, module: str | None = None) -> str:
    """Source text for a field annotation (Annotated metadata dropped, Literals by name)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is type(None):
        return "None"
    if annotation is Any:
        return "Any"
    if origin is typing.Annotated:
        if any(_is_comma_separated(meta) for meta in args[1:]):
            return f"str | {render_type(args[0], module)}"  # IdList: also one string
        given = [_input_type(meta) for meta in args[1:] if _input_type(meta) is not None]
        return render_type(given[0] if given else args[0], module)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(render_type(arg, module) for arg in args)
    if origin is typing.Literal:
        if module is None:
            return "Literal[" + ", ".join(repr(arg) for arg in args) + "]"
        return _named_literal(annotation, module)
    if origin is list:
        return f"list[{render_type(args[0], module)}]"
    if origin is dict:
        return f"dict[{render_type(args[0], module)}, {render_type(args[1], module)}]"
    if isinstance(annotation, type):
        return annotation.__name__
    raise TypeError(f"cannot render {annotation!r}")


def _input_type(meta: Any) -> Any:
    """What a validator takes when it declares it (`json_schema_input_type`): the JSON callers
    give, which it turns into models (an escalation path's levels, a schedule's rotations)."""
    given = getattr(meta, "json_schema_input_type", PydanticUndefined)
    return None if given is PydanticUndefined or given is Any else given


def _given_type(field: FieldInfo) -> Any:
    """A field's annotation, or what its validator takes when it declares it (pydantic keeps a
    required field's metadata apart from its annotation)."""
    given = [found for meta in field.metadata if (found := _input_type(meta)) is not None]
    return given[0] if given else field.annotation


def _is_comma_separated(meta: Any) -> bool:
    func = getattr(meta, "func", None)
    return (
        func is not None
        and func.__module__ == split_commas.__module__
        and (func.__name__ == "_comma_separated")
    )


def _parameter(name: str, field: FieldInfo, module: str) -> str:
    rendered = render_type(_given_type(field), module)
    if field.is_required():
        return f"{name}: {rendered}"
    if "None" not in rendered.split(" | "):
        rendered += " | None"
    return f"{name}: {rendered} = None"


def _accepts(field: Any) -> str | None:
    """What a parameter says of itself: its description, and what it accepts when it takes
    names (from its `Resolves` marker, so it is said in one place)."""
    from incidentio_toolkit.actions import resolves

    marker = resolves(field)
    parts = [field.description, f"{marker.catalog.describe()}." if marker else None]
    text = " ".join(part for part in parts if part)
    return text[:1].upper() + text[1:] if text else None


def _docstring(action: Tool) -> list[str]:
    """The description, then Google-style `Args:` for each described parameter."""
    described = [(n, text) for n, f in action.input.model_fields.items() if (text := _accepts(f))]
    if not described:
        return [f'        """{action.description}"""']
    return [
        f'        """{action.description}',
        "",
        "        Args:",
        *(f"            {name}: {text}" for name, text in described),
        '        """',
    ]


def _signature(action: Tool) -> str:
    module = _resource(action)
    params = [_parameter(n, f, module) for n, f in action.input.model_fields.items()]
    star = ["*"] if params else []
    sig = ", ".join(["self", *star, *params])
    return "\n".join(
        [
            f"    def {action.name}({sig}) -> outputs.{action.output.__name__}:",
            *_docstring(action),
            "        ...",
            "",
        ]
    )


def _imports(sources: list[str]) -> list[str]:
    """The import lines for the modules whose names the signatures use."""
    used = sorted({m for m in (s.split(".")[0] for s in sources) if m})
    actions = [m for m in used if not m.startswith("composites_")]
    lines = [f"from incidentio_toolkit.actions import {', '.join(actions)}"] if actions else []
    for alias in (m for m in used if m.startswith("composites_")):
        lines.append(f"import {_module_path(alias)} as {alias}")
    return lines


def methods_source() -> str:
    modules = sorted({_resource(a) for a in TOOLS.values()})
    lines = [
        '"""Typed per-tool methods (actions and composites), generated by scripts/generate.py.',
        "",
        "Do not edit: run `make docs` after changing an action. A test fails when this file is stale.",
        "Each signature is written once; `awaitable` and `blocking` make the two clients' methods.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from datetime import date",
        "from typing import Any",
        "",
        "from incidentio_toolkit import outputs",
        *_imports(modules),
        "from incidentio_toolkit.client._typed_methods import awaitable, blocking",
        "",
        "__all__ = ['AsyncActionMethods', 'SyncActionMethods']",
        "",
        "",
        "class _Signatures:",
        '    """One signature per action: its parameters, output and documentation."""',
        "",
    ]
    lines += [_signature(action) for action in TOOLS.values()]
    for cls, wrap, doc in (
        ("AsyncActionMethods", "awaitable", "One awaitable method per action"),
        ("SyncActionMethods", "blocking", "One method per action"),
    ):
        lines += [
            "",
            f"class {cls}:",
            f'    """{doc}; each returns its typed output and never raises."""',
            "",
        ]
        lines += [f"    {a.name} = {wrap}(_Signatures.{a.name})" for a in TOOLS.values()]
    return _format("\n".join(lines) + "\n", METHODS_FILE)


def outputs_source() -> str:
    by_module: dict[str, list[str]] = {}
    for action in TOOLS.values():
        by_module.setdefault(action.output.__module__, []).append(action.output.__name__)
    lines = [
        '"""The output models of every action and composite, named as the contract names them.',
        "",
        "Each model is defined beside its record (`incidentio_toolkit.actions.<resource>`,",
        "`incidentio_toolkit.composites.<module>`); this module gathers them for",
        "`from incidentio_toolkit.outputs import IncidentsListOutput`.",
        "Generated by scripts/generate.py: do not edit.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
    ]
    for module, names in by_module.items():
        lines.append(f"from {module} import {', '.join(names)}")
    every = sorted(name for names in by_module.values() for name in names)
    lines += ["", "__all__ = [" + ", ".join(f'"{n}"' for n in every) + ",]"]
    return _format("\n".join(lines) + "\n", OUTPUTS_FILE)


def _format(source: str, path: Path) -> str:
    """`source` as `ruff check --fix` (imports) and `ruff format` leave it."""
    ruff = [sys.executable, "-m", "ruff"]
    fixed = subprocess.run(
        [*ruff, "check", "--fix", "--quiet", "--stdin-filename", str(path), "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    ).stdout
    return subprocess.run(
        [*ruff, "format", "--stdin-filename", str(path), "-"],
        input=fixed or source,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


BEYOND_HEADING = "Beyond the product contract"


def _parts() -> list[tuple[str, list[Action]]]:
    """The contract's actions, then those beyond it, each under its heading."""
    beyond = [action for name, action in ACTIONS.items() if name not in CONTRACT_ACTIONS]
    parts = [("The product contract", [ACTIONS[name] for name in CONTRACT_ACTIONS])]
    return [*parts, (BEYOND_HEADING, beyond)] if beyond else parts


def actions_table() -> str:
    lines: list[str] = []
    index = 0
    for heading, actions in _parts():
        if lines:
            lines.append("")
        lines += [
            f"**{heading}**",
            "",
            "| # | action | kind | method | path |",
            "|---|---|---|---|---|",
        ]
        for action in actions:
            index += 1
            lines.append(
                f"| {index} | `{action.name}` | {action.kind} | {action.method} | `{action.path}` |"
            )
    return "\n".join(lines)


def readme_source(current: str) -> str:
    start = current.index(TABLE_START) + len(TABLE_START)
    end = current.index(TABLE_END)
    return current[:start] + "\n" + actions_table() + "\n" + current[end:]


def docs_actions_source() -> str:
    parts = [
        "# The actions",
        "",
        f"The {len(ACTIONS)} actions of the registry: the {len(CONTRACT_ACTIONS)} of the product "
        "contract, then those beyond it. Generated from `ACTIONS` by `scripts/generate.py`; do "
        "not edit.",
        "",
    ]
    for heading, actions in _parts():
        parts += [f"## {heading}", ""]
        for action in actions:
            parts += _action_section(action)
    return "\n".join(parts)


def _action_section(action: Action) -> list[str]:
    ann = action.annotations
    parts = [
        f"### `{action.name}`",
        "",
        action.description,
        "",
        f"- {action.method} `{action.path}` (operation `{action.operation_id}`), "
        f"success {action.success_status}",
        f"- kind: {action.kind}; toolset: {action.toolset}; readOnlyHint={ann.read_only}, "
        f"destructiveHint={ann.destructive}, idempotentHint={ann.idempotent}",
    ]
    if action.keeps:
        kept = ", ".join(f"`{name}`" for name in action.keeps)
        parts.append(
            f"- left out, {kept} keep their current values (read with `{action.check_with}` "
            "first; given, even empty, they are sent)"
        )
    parts += ["", "| parameter | type | required | description |", "|---|---|---|---|"]
    for name, field in action.input.model_fields.items():
        desc = (_accepts(field) or "").replace("|", "\\|")
        typ = render_type(_given_type(field)).replace("|", "or")
        req = "yes" if field.is_required() else ""
        parts.append(f"| `{name}` | `{typ}` | {req} | {desc} |")
    return [*parts, ""]


def projections_table() -> str:
    """One row per resource object: its summary paths, derived values and the actions using it."""
    seen: dict[int, list[str]] = {}
    projections: dict[int, Any] = {}
    for action in ACTIONS.values():
        if action.projection is not None:
            seen.setdefault(id(action.projection), []).append(action.name)
            projections[id(action.projection)] = action.projection
    lines = [
        "| object | summary keeps | derived | actions |",
        "|---|---|---|---|",
    ]
    for key, projection in projections.items():
        paths = ", ".join(f"`{p}`" for p in projection.summary)
        derived = ", ".join(f"`{name}`" for name in projection.derived) or "-"
        names = ", ".join(f"`{name}`" for name in seen[key])
        lines.append(
            f"| {projection.noun} (`{projection.schema}`) | {paths} | {derived} | {names} |"
        )
    return "\n".join(lines)


def names_table() -> str:
    """One row per parameter (or field nested in one) that takes a name or reference instead of
    an id."""
    from incidentio_toolkit.actions import marked_fields

    lines = ["| tool | parameter | looked up in | accepts |", "|---|---|---|---|"]
    for tool in TOOLS.values():
        for name, marker in marked_fields(tool.input):
            catalog = marker.catalog
            source = catalog.list_action or catalog.show_action
            lines.append(
                f"| `{tool.name}` | `{name}` | {catalog.noun} (`{source}`) | {catalog.describe()} |"
            )
    return "\n".join(lines)


def composites_table() -> str:
    """One row per composite: what it answers, its parameters and the requests it makes."""
    lines = ["| composite | answers | parameters | API requests |", "|---|---|---|---|"]
    for composite in COMPOSITES.values():
        params = ", ".join(f"`{name}`" for name in composite.input.model_fields)
        lines.append(
            f"| `{composite.name}` | {composite.description} | {params} | {composite.calls} |"
        )
    return "\n".join(lines)


AGENTS_DOC = ROOT / "docs" / "agents.md"
AGENT_TABLES = {
    "projections": projections_table,
    "names": names_table,
    "composites": composites_table,
}


def agents_source(current: str) -> str:
    """docs/agents.md with each generated table between its markers rewritten."""
    text = current
    for key, render in AGENT_TABLES.items():
        start_marker, end_marker = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
        start = text.index(start_marker) + len(start_marker)
        end = text.index(end_marker)
        text = text[:start] + "\n" + render() + "\n" + text[end:]
    return text


def targets() -> dict[Path, str]:
    return {
        METHODS_FILE: methods_source(),
        OUTPUTS_FILE: outputs_source(),
        README: readme_source(README.read_text()),
        ROOT / "docs" / "actions.md": docs_actions_source(),
        AGENTS_DOC: agents_source(AGENTS_DOC.read_text()),
    }


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale: list[str] = []
    for path, text in targets().items():
        if path.exists() and path.read_text() == text:
            continue
        if check:
            stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("stale generated files (run `make docs`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
