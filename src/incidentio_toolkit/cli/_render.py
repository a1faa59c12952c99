"""Rich rendering for the CLI: consoles, the actions table and contract outputs as tables.

Data from incident.io is printed as `Text` (`plain`), never as a string that Rich would read as
markup or emoji codes: an incident named `Disk [red]full[/]` prints as it is named.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from incidentio_toolkit.composites import Tool

MAX_CELL = 60
MAX_COLUMNS = 7
PREFERRED_COLUMNS = (
    "id",
    "reference",
    "name",
    "title",
    "incident_status",
    "email",
    "status",
    "severity",
    "role",
    "category",
    "rank",
    "mode",
    "start_at",
    "end_at",
    "created_at",
)


def console(*, stderr: bool = False) -> Console:
    """A console that does not wrap tables into unreadable columns when piped."""
    from rich.console import Console

    probe = Console(stderr=stderr)
    width = None if probe.is_terminal else max(probe.width, 140)
    return Console(stderr=stderr, width=width, highlight=False)


def plain(text: str, style: str = "") -> Text:
    """Text that Rich prints as it is: no markup, no emoji codes."""
    from rich.text import Text

    return Text(text, style=style)


def cell(value: Any) -> str:
    """A short one-line rendering of any JSON value."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        mapping = cast(Mapping[str, Any], value)
        for key in ("name", "summary", "id"):
            if isinstance(mapping.get(key), str):
                return str(mapping[key])
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def actions_table(actions: Iterable[Tool]) -> Table:
    """Every tool: the actions with their HTTP call, then the composites with their reads."""
    from rich.table import Table

    from incidentio_toolkit.composites import Composite

    table = Table(title="incident.io actions and composite reads")
    table.add_column("#", justify="right")
    for header in ("action", "kind", "toolset", "method", "path"):
        table.add_column(header, no_wrap=True)
    colors = {"read": "green", "write": "yellow", "destructive": "red"}
    for number, action in enumerate(actions, 1):
        composite = isinstance(action, Composite)
        table.add_row(
            str(number),
            action.name,
            f"[{colors[action.kind]}]{action.kind}[/]",
            action.toolset,
            "-" if composite else action.method,
            "composite read" if composite else action.path,
        )
    return table


def _columns(rows: list[Mapping[str, Any]]) -> list[str]:
    keys: list[str] = []
    for row in rows[:20]:
        keys.extend(key for key in row if key not in keys)
    preferred = [key for key in PREFERRED_COLUMNS if key in keys]
    rest = [key for key in keys if key not in preferred]
    return (preferred + rest)[:MAX_COLUMNS]


def list_table(title: str, rows: list[Mapping[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title=plain(f"{title} ({len(rows)})"))
    columns = _columns(rows)
    for column in columns:
        table.add_column(plain(column), overflow="fold")
    for row in rows:
        table.add_row(*(plain(cell(row.get(column))) for column in columns))
    return table


def object_table(title: str, value: Mapping[str, Any]) -> Table:
    from rich.table import Table

    table = Table(title=plain(title), show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, item in value.items():
        table.add_row(plain(key), plain(cell(item)))
    return table


def output_tables(output: Mapping[str, Any]) -> list[Table | Text]:
    """The data fields of a contract output, each as a table (or a line of text)."""
    parts: list[Table | Text] = []
    for key, value in output.items():
        if key in ("success", "error"):
            continue
        if key == "pagination_meta":
            meta = cast(Mapping[str, Any], value or {})
            if meta.get("after"):
                parts.append(plain(f"More results: repeat with --arg after={meta['after']}"))
            continue
        if isinstance(value, list):
            items = cast(list[Any], value)
            if all(isinstance(item, Mapping) for item in items):
                parts.append(list_table(key, cast(list[Mapping[str, Any]], items)))
            else:
                parts.append(plain(f"{key}: {cell(items)}"))
        elif isinstance(value, Mapping):
            mapping = cast(Mapping[str, Any], value)
            lists = {k: cast(list[Any], v) for k, v in mapping.items() if isinstance(v, list)}
            if lists and len(lists) == len(mapping):
                for sub, rows in lists.items():
                    dicts = [cast(Mapping[str, Any], r) for r in rows if isinstance(r, Mapping)]
                    parts.append(list_table(f"{key}.{sub}", dicts))
            else:
                parts.append(object_table(key, mapping))
        elif value is not None:
            parts.append(plain(f"{key}: {cell(value)}"))
    return parts
