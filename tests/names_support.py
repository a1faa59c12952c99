"""What the fuzzers and the wire tests need to know about names: which parameters of a tool take
them (nested fields included), whether a value is sent as it is, and where a lookup (or the read
of what a replace keeps) may go."""

from __future__ import annotations

import re
from typing import Any, cast

import httpx2
from pydantic import BaseModel

from incidentio_toolkit.actions import (
    ACTIONS,
    Action,
    ActionInput,
    Catalog,
    is_id,
    marked_fields,
    resolves,
)
from incidentio_toolkit.composites import Tool


def _marked_in(model: BaseModel) -> list[tuple[Catalog, str]]:
    found: list[tuple[Catalog, str]] = []
    for name, field in type(model).model_fields.items():
        value: Any = getattr(model, name)
        if value is None:
            continue
        items = cast(list[Any], value) if isinstance(value, list) else [value]
        marker = resolves(field)
        if marker is not None:
            found.extend((marker.catalog, str(item)) for item in items)
            continue
        for item in items:
            if isinstance(item, BaseModel):
                found.extend(_marked_in(item))
    return found


def marked_values(tool: Tool, arguments: ActionInput) -> list[tuple[Catalog, str]]:
    """Every value given for a parameter (or a nested model's field) that takes names, with its
    catalog."""
    return _marked_in(arguments)


def sent_as_given(tool: Tool, arguments: ActionInput) -> bool:
    """True when the action is sent with no read first: every marked value is an id, and no
    parameter the record `keeps` was left out."""
    if isinstance(tool, Action) and any(getattr(arguments, name) is None for name in tool.keeps):
        return False
    return all(is_id(value.strip()) for _, value in marked_values(tool, arguments))


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + r"$")


def lookup_routes(tool: Tool) -> list[tuple[str, re.Pattern[str]]]:
    """(method, path pattern) of every request a lookup for `tool`'s names may make: the list or
    show action of each catalog its parameters resolve against, and the show action that reads
    what a replace keeps; all are GETs."""
    routes: list[tuple[str, re.Pattern[str]]] = []
    for _, marker in marked_fields(tool.input):
        for name in (marker.catalog.list_action, marker.catalog.show_action):
            if name is not None:
                action = ACTIONS[name]
                routes.append((action.method, _pattern(action.path)))
    if isinstance(tool, Action) and tool.keeps and tool.check_with is not None:
        show = ACTIONS[tool.check_with]
        routes.append((show.method, _pattern(show.path)))
    return routes


def is_own_request(action: Action, request: httpx2.Request) -> bool:
    """True when `request` is the action's own operation (its method on its path template)."""
    path = request.url.raw_path.partition(b"?")[0].decode()
    return request.method == action.method and _pattern(action.path).match(path) is not None


def is_lookup(tool: Tool, request: httpx2.Request) -> bool:
    """True when `request` is one a name lookup for `tool` may make (a GET on a catalog)."""
    path = request.url.raw_path.partition(b"?")[0].decode()
    return any(
        request.method == method == "GET" and pattern.match(path)
        for method, pattern in lookup_routes(tool)
    )
