"""The composite record: one read tool that answers a whole question with several reads.

A composite is listed, policed and called like an action (it is a read: always on at agent
surfaces), but it has no HTTP operation of its own: its `run` reads through the client (so names,
pacing and retries apply to every request it makes) and returns its output model.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from incidentio_toolkit.actions import ActionInput, ActionOutput, Annotations, Reader

READ_ANNOTATIONS = Annotations(read_only=True, destructive=False, idempotent=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Composite:
    """One composite read tool: its contract and how it is answered."""

    name: str
    """The tool name, as agents, the CLI and the docs know it."""

    description: str
    """Product copy for models and people: the question it answers."""

    toolset: str
    """The toolset that `--toolsets` selects it with (one of the actions' toolsets)."""

    input: type[ActionInput]
    """The parameters, validated (and names resolved) before any I/O; unknown ones are refused."""

    output: type[ActionOutput]
    """`{success, error, <result>}`."""

    result: str
    """The output field that carries the answer."""

    run: Callable[[Reader, Any], Awaitable[ActionOutput]]
    """Answers validated arguments (names already resolved to ids); raises `IncidentIOError`
    when a read fails."""

    calls: str
    """The API requests one call makes, for the docs (`1 + one per schedule`)."""

    kind: Literal["read"] = "read"
    """Composites only read: the read-only policy always allows them."""

    @property
    def annotations(self) -> Annotations:
        """The MCP annotations of a read."""
        return READ_ANNOTATIONS

    @property
    def data_fields(self) -> tuple[str, ...]:
        """The output fields besides `success` and `error`."""
        return tuple(n for n in self.output.model_fields if n not in ("success", "error"))
