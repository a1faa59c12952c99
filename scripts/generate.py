"""Regenerate the files derived from the ACTIONS registry; `--check` fails if any is stale.

    python scripts/generate.py          # rewrite
    python scripts/generate.py --check  # drift check (run by the tests)

Derived files: the typed per-action client methods, the actions table in README.md and
docs/actions.md.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from incidentio_toolkit.actions import ACTIONS, Action  # noqa: E402
from incidentio_toolkit.actions._fields import split_commas  # noqa: E402

METHODS_FILE = ROOT / "src" / "incidentio_toolkit" / "client" / "_methods.py"
README = ROOT / "README.md"
TABLE_START = "<!-- actions-table:start -->"
TABLE_END = "<!-- actions-table:end -->"


def render_type(annotation: Any) -> str:
    """Source text for a field annotation (Annotated metadata dropped)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is type(None):
        return "None"
    if annotation is Any:
        return "Any"
    if origin is typing.Annotated:
        if any(getattr(meta, "func", None) is split_commas for meta in args[1:]):
            return f"str | {render_type(args[0])}"  # IdList: also one comma-separated string
        return render_type(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(render_type(arg) for arg in args)
    if origin is typing.Literal:
        return "Literal[" + ", ".join(repr(arg) for arg in args) + "]"
    if origin is list:
        return f"list[{render_type(args[0])}]"
    if origin is dict:
        return f"dict[{render_type(args[0])}, {render_type(args[1])}]"
    if isinstance(annotation, type):
        return annotation.__name__
    raise TypeError(f"cannot render {annotation!r}")


def _signature(action: Action) -> list[str]:
    params: list[str] = []
    for name, field in action.input.model_fields.items():
        rendered = render_type(field.annotation)
        if field.is_required():
            params.append(f"{name}: {rendered}")
        else:
            if "None" not in rendered.split(" | "):
                rendered += " | None"
            params.append(f"{name}: {rendered} = None")
    return params


def _method(action: Action, *, is_async: bool) -> str:
    params = _signature(action)
    output = action.output.__name__
    head = "async def" if is_async else "def"
    await_ = "await " if is_async else ""
    star = ["*"] if params else []
    sig = ", ".join(["self", *star, *params])
    names = ", ".join(f'"{n}": {n}' for n in action.input.model_fields)
    return (
        f"    {head} {action.name}({sig}) -> outputs.{output}:\n"
        f'        """{action.description}"""\n'
        f'        return {await_}self._invoke("{action.name}", {{{names}}})\n'
    )


def methods_source() -> str:
    blocks = [
        '"""Typed per-action methods, generated from the ACTIONS registry by scripts/generate.py.',
        "",
        "Do not edit: run `make docs` after changing an action. A test fails when this file is stale.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from datetime import date",
        "from typing import Any, Literal",
        "",
        "from incidentio_toolkit import outputs",
        "",
        "__all__ = ['AsyncActionMethods', 'SyncActionMethods']",
        "",
        "",
        "class AsyncActionMethods:",
        '    """One awaitable method per action; each returns its typed output and never raises."""',
        "",
        "    async def _invoke(self, name: str, arguments: dict[str, Any]) -> Any:",
        "        raise NotImplementedError",
        "",
    ]
    blocks += [_method(action, is_async=True) for action in ACTIONS.values()]
    blocks += [
        "",
        "class SyncActionMethods:",
        '    """One method per action; each returns its typed output and never raises."""',
        "",
        "    def _invoke(self, name: str, arguments: dict[str, Any]) -> Any:",
        "        raise NotImplementedError",
        "",
    ]
    blocks += [_method(action, is_async=False) for action in ACTIONS.values()]
    return _format("\n".join(blocks) + "\n")


def _format(source: str) -> str:
    import subprocess

    ruff = ROOT / ".venv" / "bin" / "ruff"
    result = subprocess.run(
        [str(ruff), "format", "--stdin-filename", str(METHODS_FILE), "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def actions_table() -> str:
    lines = ["| # | action | kind | method | path |", "|---|---|---|---|---|"]
    for index, action in enumerate(ACTIONS.values(), start=1):
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
        "# The 46 actions",
        "",
        "Generated from the `ACTIONS` registry by `scripts/generate.py`; do not edit.",
        "",
    ]
    for action in ACTIONS.values():
        ann = action.annotations
        parts += [
            f"## `{action.name}`",
            "",
            action.description,
            "",
            f"- {action.method} `{action.path}` (operation `{action.operation_id}`), "
            f"success {action.success_status}",
            f"- kind: {action.kind}; toolset: {action.toolset}; readOnlyHint={ann.read_only}, "
            f"destructiveHint={ann.destructive}, idempotentHint={ann.idempotent}",
            "",
            "| parameter | type | required | description |",
            "|---|---|---|---|",
        ]
        for name, field in action.input.model_fields.items():
            desc = (field.description or "").replace("|", "\\|")
            typ = render_type(field.annotation).replace("|", "or")
            req = "yes" if field.is_required() else ""
            parts.append(f"| `{name}` | `{typ}` | {req} | {desc} |")
        parts.append("")
    return "\n".join(parts)


def targets() -> dict[Path, str]:
    return {
        METHODS_FILE: methods_source(),
        README: readme_source(README.read_text()),
        ROOT / "docs" / "actions.md": docs_actions_source(),
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
