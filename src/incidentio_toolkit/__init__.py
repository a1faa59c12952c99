"""incidentio-toolkit: complete, safe and fast incident.io access for AI agents.

    from incidentio_toolkit import ACTIONS, AsyncIncidentIO, IncidentIO

Every surface (clients, MCP server, LangChain and OpenAI adapters, CLI) is generated from `ACTIONS`.
Names are imported on first use, so `import incidentio_toolkit` stays cheap for CLIs and MCP hosts
that spawn it on demand.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from incidentio_toolkit.actions import ACTIONS, TOOLSETS, Action
    from incidentio_toolkit.client import (
        APIConnectionError,
        APIStatusError,
        AsyncIncidentIO,
        IncidentIO,
        IncidentIOError,
        InvalidArgumentsError,
        MissingAPIKeyError,
        OutcomeUnknownError,
        PacingLimits,
    )

__version__ = "0.1.0"

_LAZY = {
    "ACTIONS": "incidentio_toolkit.actions",
    "TOOLSETS": "incidentio_toolkit.actions",
    "Action": "incidentio_toolkit.actions",
    "APIConnectionError": "incidentio_toolkit.client",
    "APIStatusError": "incidentio_toolkit.client",
    "AsyncIncidentIO": "incidentio_toolkit.client",
    "IncidentIO": "incidentio_toolkit.client",
    "IncidentIOError": "incidentio_toolkit.client",
    "InvalidArgumentsError": "incidentio_toolkit.client",
    "MissingAPIKeyError": "incidentio_toolkit.client",
    "OutcomeUnknownError": "incidentio_toolkit.client",
    "PacingLimits": "incidentio_toolkit.client",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'incidentio_toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ACTIONS",
    "TOOLSETS",
    "APIConnectionError",
    "APIStatusError",
    "Action",
    "AsyncIncidentIO",
    "IncidentIO",
    "IncidentIOError",
    "InvalidArgumentsError",
    "MissingAPIKeyError",
    "OutcomeUnknownError",
    "PacingLimits",
    "__version__",
]
