"""Which calls need a person's yes, and the question that says what will happen, with names.

A call needs confirmation when its record says it changes or removes something
(`destructiveHint`: updates and deletes) or pages people (kind `destructive`: deletes and
`escalations_create`), unless it is a dry run, which sends nothing.

The question is computed with reads only, through the client's one call path, and names things
rather than ids:

- a write with a `preview` (`escalations_create`) asks the preview's `question`: who would be
  paged now, computed like its dry run ("Page Liam O'Brien and Sofia Rossi (Primary On-call)
  now about "DB down"?");
- a delete or an update names its object, read with the record's `check_with` show action
  ("Delete custom field 'Customer Impact'?"), and an update lists the values it sets, ids given
  for names shown as the names.

Arguments that fail validation or name nothing raise before any question is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from incidentio_toolkit.actions import (
    ACTIONS,
    DRY_RUN_PARAM,
    Action,
    ActionInput,
    Catalog,
    is_id,
    resolves,
)
from incidentio_toolkit.client import IncidentIOError, InvalidArgumentsError
from incidentio_toolkit.composites import Tool

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = ["needs_confirmation", "question"]

MAX_VALUE_CHARS = 60
"""A value longer than this is shown by its size, not its text."""

MAX_QUESTION_CHARS = 600
"""A question is cut here (an update of many fields): a person reads it before saying yes."""


def needs_confirmation(tool: Tool, arguments: Mapping[str, Any] | None) -> bool:
    """True when this call changes or removes something, or pages people, and is not a dry run."""
    if not (tool.annotations.destructive or tool.kind == "destructive"):
        return False
    return not (isinstance(arguments, Mapping) and arguments.get(DRY_RUN_PARAM) is True)


async def question(client: AsyncIncidentIO, tool: Action, arguments: Mapping[str, Any]) -> str:
    """The question to put to a person before this call runs, naming what it will do.

    Raises `IncidentIOError` (bad arguments, an unknown name) before asking anything.
    """
    prepared = await client.prepare(tool, arguments)
    if tool.preview is not None:
        draft = await tool.preview(client, prepared)
        asked = draft.get("question") or draft.get("message")
        if isinstance(asked, str):
            return asked
    subject = await _subject(client, tool, prepared)
    if tool.verb == "delete":
        return f"Delete {subject}? This cannot be undone."
    changes = await _changes(client, tool, prepared)
    verb = "Update" if tool.verb == "update" else f"Run {tool.name} on"
    text = f"{verb} {subject}{': ' + changes if changes else ''}"
    if len(text) > MAX_QUESTION_CHARS:
        text = text[: MAX_QUESTION_CHARS - 1] + "…"
    return text + "?"


async def _subject(client: AsyncIncidentIO, tool: Action, prepared: ActionInput) -> str:
    """The object the call acts on, by name: `incident INC-6 "Database outage"`."""
    path_values = [str(getattr(prepared, name)) for name in prepared.path_params]
    given = ", ".join(path_values) or tool.name
    shown = ACTIONS.get(tool.check_with or "")
    if shown is None or shown.verb != "show" or shown.result is None or not path_values:
        return given
    noun = shown.projection.noun if shown.projection is not None else (tool.noun or "").lower()
    try:
        output = await client.execute(
            shown, {name: getattr(prepared, name) for name in prepared.path_params}
        )
    except InvalidArgumentsError:  # the call itself would be refused the same way
        raise
    except IncidentIOError:  # the question still names the id; the call reports its own failure
        return f"{noun} {given}".strip()
    found = getattr(output, shown.result, None)
    if not isinstance(found, Mapping):
        return f"{noun} {given}".strip()
    item = cast(Mapping[str, Any], found)
    label = " ".join(
        f'"{item[key]}"' if key != "reference" else str(item[key])
        for key in ("reference", "name", "title")
        if isinstance(item.get(key), str) and item.get(key)
    )
    return f"{noun} {label or given}".strip()


async def _changes(client: AsyncIncidentIO, tool: Action, prepared: ActionInput) -> str:
    """The values the call sets, ids of name-accepting parameters shown as their names."""
    values = prepared.api_values()
    shown: list[str] = []
    for name, value in values.items():
        if name in prepared.path_params or name == "idempotency_key":
            continue
        marker = resolves(tool.input.model_fields[name])
        if marker is not None and marker.catalog.list_action is not None:
            value = await _named(client, marker.catalog, value)
        shown.append(f"{name} {_show(value)}")
    return ", ".join(shown)


async def _named(client: AsyncIncidentIO, catalog: Catalog, value: Any) -> Any:
    """`value` (an id or a list of ids) with each id found in `catalog` replaced by its name."""
    try:
        listed = await client.listing(catalog)
    except IncidentIOError:  # names are a courtesy: the ids still say what will be set
        return value
    names = {str(item.get("id")): item.get("name") for item in listed if item.get("name")}

    def one(text: Any) -> Any:
        return names.get(str(text), text) if isinstance(text, str) and is_id(text) else text

    return [one(item) for item in cast(list[Any], value)] if isinstance(value, list) else one(value)


def _show(value: Any) -> str:
    """A value as a person reads it: text quoted, a flag as yes or no, a structure by its size."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        items = cast(list[Any], value)
        if any(isinstance(item, dict | list) for item in items):
            return f"({len(items)} item{'' if len(items) == 1 else 's'})"
        return ", ".join(_show(item) for item in items)
    if isinstance(value, dict):
        return "(an object)"
    text = f'"{value}"' if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_VALUE_CHARS else f"({len(str(value))} characters)"
