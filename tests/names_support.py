"""What the fuzzers and the wire tests need to know about names: which parameters of a tool take
them, whether a value is sent as it is, and where a lookup may go."""

from __future__ import annotations

import re
from typing import Any, cast

import httpx2

from incidentio_toolkit.actions import ACTIONS, Action, ActionInput, Catalog, is_id, resolves
from incidentio_toolkit.composites import Tool


def marked_values(tool: Tool, arguments: ActionInput) -> list[tuple[Catalog, str]]:
    """Every value given for a parameter that takes names, with its catalog."""
    found: list[tuple[Catalog, str]] = []
    for name, field in tool.input.model_fields.items():
        marker = resolves(field)
        value: Any = getattr(arguments, name)
        if marker is None or value is None:
            continue
        items = cast(list[Any], value) if isinstance(value, list) else [value]
        found.extend((marker.catalog, str(item)) for item in items)
    return found


def sent_as_given(tool: Tool, arguments: ActionInput) -> bool:
    """True when no value needs a lookup: every one is an id."""
    return all(is_id(value.strip()) for _, value in marked_values(tool, arguments))


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + r"$")


def lookup_routes(tool: Tool) -> list[tuple[str, re.Pattern[str]]]:
    """(method, path pattern) of every request a lookup for `tool`'s names may make: the list or
    show action of each catalog its parameters resolve against; all are GETs."""
    routes: list[tuple[str, re.Pattern[str]]] = []
    for field in tool.input.model_fields.values():
        marker = resolves(field)
        if marker is None:
            continue
        for name in (marker.catalog.list_action, marker.catalog.show_action):
            if name is not None:
                action = ACTIONS[name]
                routes.append((action.method, _pattern(action.path)))
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
