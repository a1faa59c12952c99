"""Turning `--arg key=value` and `--json '{...}'` into an action's arguments.

A value is read as JSON when the parameter takes more than a string (`page_size=5`, `notify=true`,
`user_ids=["a","b"]`), and kept as the literal text otherwise, so `id=123` stays the string "123"
for a string parameter. Unknown parameters are passed on; the input model rejects them with the
list of valid ones.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, cast

from incidentio_toolkit.adapters import tool_input_schema
from incidentio_toolkit.composites import Tool


class ArgumentsError(ValueError):
    """The command line's arguments cannot be read; the message says how to write them."""


def _schema_types(schema: dict[str, Any]) -> set[str]:
    types: set[str] = set()
    kind = schema.get("type")
    if isinstance(kind, str):
        types.add(kind)
    elif isinstance(kind, list):
        types.update(str(k) for k in cast(list[Any], kind))
    for arm in cast(list[Any], schema.get("anyOf") or []):
        if isinstance(arm, dict):
            types |= _schema_types(cast(dict[str, Any], arm))
    if not types and "enum" in schema:
        types.add("string")
    return types


def parse_value(raw: str, schema: dict[str, Any] | None) -> Any:
    """One `--arg` value: JSON when it parses and the parameter takes more than strings."""
    types: set[str] = _schema_types(schema) if schema is not None else set()
    if types == {"string"}:
        return raw
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(value, str) and "string" in types:
        return raw
    return value


def parse_arguments(action: Tool, pairs: Iterable[str], json_text: str | None) -> dict[str, Any]:
    """The arguments of `incidentio call`: `--json` first, then each `--arg` on top of it."""
    arguments: dict[str, Any] = {}
    if json_text is not None:
        text = sys.stdin.read() if json_text == "-" else json_text
        try:
            loaded: Any = json.loads(text)
        except ValueError as exc:
            raise ArgumentsError(f"--json is not valid JSON ({exc}).") from None
        if not isinstance(loaded, dict):
            raise ArgumentsError(
                f"--json must be a JSON object of parameters, got {type(loaded).__name__}."
            )
        arguments.update(cast(dict[str, Any], loaded))
    properties: dict[str, Any] = tool_input_schema(action).get("properties", {})
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ArgumentsError(
                f"--arg {pair!r} is not key=value (e.g. --arg page_size=5). "
                f"Parameters of {action.name}: {', '.join(properties) or 'none'}."
            )
        arguments[key] = parse_value(raw, properties.get(key))
    return arguments
