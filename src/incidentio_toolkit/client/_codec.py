"""The tool boundary's translations: arguments into a validated input, a 2xx body into an output.

Both sides fail with `IncidentIOError` subclasses whose text names the problem and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydantic_core
from pydantic import ValidationError

from incidentio_toolkit.actions import Action, ActionInput, ActionOutput
from incidentio_toolkit.client._errors import InvalidArgumentsError, InvalidResponseError
from incidentio_toolkit.composites import TOOLS, Tool


def describe_validation_error(action: Tool, exc: ValidationError) -> str:
    """Name each bad parameter and the fix, in one bounded sentence per problem."""
    allowed = ", ".join(action.input.model_fields)
    problems: list[str] = []
    for err in exc.errors(include_url=False)[:10]:
        where = ".".join(str(part) for part in err["loc"])
        kind = err["type"]
        message = err["msg"].removeprefix("Value error, ").removesuffix(".")
        if kind == "extra_forbidden":
            problems.append(f"unknown parameter {where!r} (valid: {allowed})")
        elif kind == "missing":
            problems.append(f"{where!r} is required")
        elif where:
            problems.append(f"{where}: {message} (got {err.get('input')!r:.80})")
        else:
            problems.append(message)
    return f"Invalid arguments for {action.name}: " + "; ".join(problems) + ". Nothing was sent."


def unknown_action_text(name: str) -> str:
    return f"Unknown action {name!r}: see `incidentio actions` for the {len(TOOLS)} tool names."


def validate_arguments(
    action: Tool, arguments: Mapping[str, Any] | ActionInput | None
) -> ActionInput:
    if isinstance(arguments, action.input):
        return arguments
    if arguments is not None and not isinstance(arguments, Mapping):
        raise InvalidArgumentsError(
            f"Arguments for {action.name} must be a JSON object of named parameters, "
            f"not {type(arguments).__name__}. Nothing was sent."
        )
    try:
        return action.input.model_validate(dict(arguments or {}))
    except ValidationError as exc:
        raise InvalidArgumentsError(describe_validation_error(action, exc)) from None


def parse_output(action: Action, body: bytes, path_params: Mapping[str, str]) -> ActionOutput:
    """Map a 2xx body onto the action's output; a body that does not parse is not a success."""
    if action.result is None:
        return action.output.model_validate(
            {"success": True, "message": action.done_message(path_params)}
        )
    try:
        data: Any = pydantic_core.from_json(body, cache_strings="keys")
    except ValueError:
        snippet = body[:200].decode("utf-8", "replace")
        raise InvalidResponseError(
            f"incident.io answered with a body that is not JSON ({snippet!r}); treat it as failed "
            f"and check with {action.check_action}."
        ) from None
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"incident.io answered with JSON {type(data).__name__}, not an object; "
            f"check with {action.check_action}."
        )
    values: dict[str, Any] = {"success": True}
    if action.result not in data:
        raise InvalidResponseError(
            f"incident.io's answer lacks {action.result!r}; check with {action.check_action}."
        )
    for name in action.data_fields:
        if name in data:
            values[name] = data[name]
    try:
        return action.output.model_validate(values)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidResponseError(
            f"incident.io's answer has an unexpected shape at {where!r}: {first['msg']}."
        ) from None


def _item_key(item: Mapping[str, Any]) -> object:
    for key in ("id", "entry_id", "fingerprint"):
        value = item.get(key)
        if value:
            return (key, value)
    return None


class ItemCursor:
    """Takes pages, gives each item once, up to `max_items`.

    Schedule entries pages overlap: a shift that spans a page boundary comes again on the next
    page, so items are told apart by id (or entry id, or fingerprint) across pages.
    """

    def __init__(self, action: Action, max_items: int) -> None:
        self.action = action
        self.remaining = max_items
        self._seen: set[object] = set()

    @property
    def done(self) -> bool:
        return self.remaining <= 0

    def take(self, page: Mapping[str, Any]) -> list[dict[str, Any]]:
        fresh: list[dict[str, Any]] = []
        for item in self.action.page_items(page):
            if self.done:
                break
            key = _item_key(item)
            if key is not None:
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(item)
            self.remaining -= 1
        return fresh
