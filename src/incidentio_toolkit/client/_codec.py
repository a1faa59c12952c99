"""The tool boundary's translations: arguments into a validated input, a 2xx body into an output.

Both sides fail with `IncidentIOError` subclasses whose text names the problem and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydantic_core
from pydantic import ValidationError

from incidentio_toolkit.actions import ACTIONS, Action, ActionInput, ActionOutput
from incidentio_toolkit.client._errors import InvalidArgumentsError, InvalidResponseError

_OPTIONAL_BODY_KEYS = frozenset({"pagination_meta", "management_meta"})


def describe_validation_error(action: Action, exc: ValidationError) -> str:
    """Name each bad parameter and the fix, in one bounded sentence per problem."""
    allowed = ", ".join(action.input.model_fields)
    problems: list[str] = []
    for err in exc.errors(include_url=False)[:10]:
        where = ".".join(str(part) for part in err["loc"])
        kind = err["type"]
        message = err["msg"].removeprefix("Value error, ")
        if kind == "extra_forbidden":
            problems.append(f"unknown parameter {where!r} (valid: {allowed})")
        elif kind == "missing":
            problems.append(f"{where!r} is required")
        elif where:
            problems.append(f"{where}: {message} (got {err.get('input')!r:.80})")
        else:
            problems.append(message)
    return f"Invalid arguments for {action.name}: " + "; ".join(problems) + ". Nothing was sent."


def check_action_for(action: Action) -> str:
    """The read action that tells whether an ambiguous create, update or delete took effect."""
    resource = action.name.rsplit("_", 1)[0]
    candidates = (
        (f"{resource}_list", f"{resource}_show")
        if action.verb == "create"
        else (f"{resource}_show", f"{resource}_list")
    )
    for candidate in candidates:
        if candidate in ACTIONS:
            return candidate
    same_toolset = [
        a.name for a in ACTIONS.values() if a.toolset == action.toolset and a.kind == "read"
    ]
    return same_toolset[-1] if same_toolset else "the matching list action"


def unknown_action_text(name: str) -> str:
    return f"Unknown action {name!r}: see `incidentio actions` for the {len(ACTIONS)} action names."


def validate_arguments(
    action: Action, arguments: Mapping[str, Any] | ActionInput | None
) -> ActionInput:
    if isinstance(arguments, action.input):
        return arguments
    if arguments is not None and not isinstance(arguments, Mapping):
        raise InvalidArgumentsError(
            f"Arguments for {action.name} must be an object of named parameters, "
            f"not {type(arguments).__name__}. Nothing was sent."
        )
    try:
        return action.input.model_validate(dict(arguments or {}))
    except ValidationError as exc:
        raise InvalidArgumentsError(describe_validation_error(action, exc)) from None


def parse_output(action: Action, body: bytes, path_params: Mapping[str, str]) -> ActionOutput:
    """Map a 2xx body onto the action's output; a body that does not parse is not a success."""
    if action.verb == "delete":
        subject = ", ".join(repr(v) for v in path_params.values())
        return action.output.model_validate(
            {"success": True, "message": f"{action.noun} {subject} deleted."}
        )
    try:
        data: Any = pydantic_core.from_json(body, cache_strings="keys")
    except ValueError:
        snippet = body[:200].decode("utf-8", "replace")
        raise InvalidResponseError(
            f"incident.io answered with a body that is not JSON ({snippet!r}); treat it as failed "
            f"and check with {check_action_for(action)}."
        ) from None
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"incident.io answered with JSON {type(data).__name__}, not an object; "
            f"check with {check_action_for(action)}."
        )
    values: dict[str, Any] = {"success": True}
    for name in action.data_fields:
        if name in data:
            values[name] = data[name]
        elif name not in _OPTIONAL_BODY_KEYS:
            raise InvalidResponseError(
                f"incident.io's answer lacks {name!r}; check with {check_action_for(action)}."
            )
    try:
        return action.output.model_validate(values)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidResponseError(
            f"incident.io's answer has an unexpected shape at {where!r}: {first['msg']}."
        ) from None


def pagination_cursor(action: Action) -> str | None:
    """The parameter that takes the next page's cursor, if the action paginates."""
    fields = action.input.model_fields
    if "after" in fields:
        return "after"
    if "entry_window_start" in fields:
        return "entry_window_start"
    return None


def page_items(action: Action, page: Mapping[str, Any]) -> list[dict[str, Any]]:
    for name in action.data_fields:
        value = page.get(name)
        if isinstance(value, list):
            return value  # type: ignore[return-value]
        if name == "schedule_entries" and isinstance(value, dict):
            return list(value.get("final") or [])  # type: ignore[arg-type]
    return []


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
        for item in page_items(self.action, page):
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
