"""The incident.io clients, their configuration and their error tree."""

from typing import TYPE_CHECKING, Any

from incidentio_toolkit.client._async import AsyncIncidentIO
from incidentio_toolkit.client._errors import (
    ActionNotAllowedError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    DeadlineExceededError,
    IncidentIOError,
    InvalidArgumentsError,
    InvalidResponseError,
    MissingAPIKeyError,
    NotFoundError,
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitError,
)
from incidentio_toolkit.client._logging import RedactingFormatter, enable_debug_logging
from incidentio_toolkit.client._pacing import PacingLimits

if TYPE_CHECKING:
    from incidentio_toolkit.client._sync import IncidentIO


def __getattr__(name: str) -> Any:
    # The blocking client loads asyncio's event loop machinery: only when it is asked for.
    if name == "IncidentIO":
        from incidentio_toolkit.client._sync import IncidentIO

        globals()["IncidentIO"] = IncidentIO
        return IncidentIO
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ActionNotAllowedError",
    "AsyncIncidentIO",
    "AuthenticationError",
    "DeadlineExceededError",
    "IncidentIO",
    "IncidentIOError",
    "InvalidArgumentsError",
    "InvalidResponseError",
    "MissingAPIKeyError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PacingLimits",
    "PermissionDeniedError",
    "RateLimitError",
    "RedactingFormatter",
    "enable_debug_logging",
]
