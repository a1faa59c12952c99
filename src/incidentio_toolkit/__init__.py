"""incidentio-toolkit: complete, safe and fast incident.io access for AI agents.

    from incidentio_toolkit import ACTIONS, AsyncIncidentIO, IncidentIO

Every surface (clients, MCP server, LangChain and OpenAI adapters, CLI) is generated from `ACTIONS`.
"""

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

__all__ = [
    "ACTIONS",
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
    "TOOLSETS",
    "__version__",
]
