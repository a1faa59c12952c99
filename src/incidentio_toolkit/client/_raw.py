"""What sending needs to know about a call, for an action or for a raw request.

A raw request (`AsyncIncidentIO.request`, behind `incidentio api`) that hits the operation of an
action is paced and retried as that action (so a raw `POST /v2/escalations` spends the paging
budget); any other is named by its method and path. A POST is safe to repeat only with an
`idempotency_key` in its body, as for the actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from incidentio_toolkit.actions import ACTIONS, Action
from incidentio_toolkit.client._errors import InvalidArgumentsError

METHODS = ("GET", "POST", "PUT", "DELETE")


@dataclass(frozen=True, slots=True)
class Target:
    """One call's name (its pacing bucket and how errors name it), method, whether a repeat is
    safe (an idempotency key), and the read that tells whether an unknown outcome took effect."""

    name: str
    method: str
    keyed: bool
    check_with: str


@dataclass(frozen=True, slots=True)
class ApiResponse:
    """The answer to a raw request: its 2xx status and its JSON body (`None` when empty)."""

    status: int
    data: Any


@cache
def action_target(action: Action) -> Target:
    """The target of an action's calls."""
    return Target(action.name, action.method, action.keyed, action.check_action)


@cache
def _templates() -> tuple[tuple[str, re.Pattern[str], Action], ...]:
    return tuple(
        (a.method, re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", a.path) + "$"), a)
        for a in ACTIONS.values()
    )


def operation_action(method: str, path: str) -> Action | None:
    """The action whose operation `method path` is (`GET /v2/incidents/01ABC` is
    `incidents_show`), or None: what a raw request to it is paced, retried and paged as."""
    for action_method, pattern, action in _templates():
        if action_method == method and pattern.match(path):
            return action
    return None


def raw_target(method: str, path: str, body: Any) -> Target:
    """The target of a raw request: the action whose operation it is, else its method and path."""
    if method not in METHODS:
        raise InvalidArgumentsError(
            f"{method!r} is not a method of the incident.io API: use {', '.join(METHODS)}."
        )
    keyed = method == "POST" and isinstance(body, dict) and "idempotency_key" in body
    action = operation_action(method, path)
    if action is not None:
        return Target(action.name, method, keyed, action.check_action)
    return Target(f"{method} {path}", method, keyed, f"GET {path}")
