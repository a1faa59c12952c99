"""The incident.io clients, their configuration and their error tree."""

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
from incidentio_toolkit.client._sync import IncidentIO

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
