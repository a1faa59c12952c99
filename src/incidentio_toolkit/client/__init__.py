"""The incident.io clients, their configuration and their error tree.

IncidentIOError
├── InvalidArgumentsError       arguments rejected before any I/O
├── MissingAPIKeyError          no usable key; nothing was sent
├── APIConnectionError          the transport failed
│   ├── ConnectError            could not connect (request never sent)
│   ├── ProtocolError           the connection broke mid-exchange (ambiguous)
│   └── APITimeoutError
│       ├── ConnectTimeout      (request never sent)
│       ├── PoolTimeout         (request never sent)
│       ├── WriteTimeout        (ambiguous)
│       └── ReadTimeout         (ambiguous: the server may have acted)
├── APIStatusError              a non-2xx answer; carries status, type, errors, request_id
│   ├── BadRequestError (400), AuthenticationError (401), PermissionDeniedError (403),
│   │   NotFoundError (404), MethodNotAllowedError (405), NotAcceptableError (406),
│   │   RequestTimeoutError (408), ConflictError (409), PreconditionFailedError (412),
│   │   PayloadTooLargeError (413), UnprocessableEntityError (422), RateLimitError (429)
│   └── InternalServerError     (5xx)
├── NameLookupError             a name given for an id (or what a replace keeps) could not be
│                               looked up; nothing was sent
├── InvalidResponseError        a 2xx whose body did not parse as the expected shape
├── OutcomeUnknownError         an unkeyed POST or a DELETE failed ambiguously; not re-sent
└── DeadlineExceededError       the call's deadline ran out (or the server asked to wait past it)
"""

from typing import TYPE_CHECKING, Any

from incidentio_toolkit.client._async import AsyncIncidentIO
from incidentio_toolkit.client._codec import describe_validation_error
from incidentio_toolkit.client._config import (
    ClientConfig,
    ClientOptions,
    ClientSettings,
    api_key_from_env,
    pacing_limits,
)
from incidentio_toolkit.client._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConnectError,
    ConnectTimeout,
    DeadlineExceededError,
    IncidentIOError,
    InternalServerError,
    InvalidArgumentsError,
    InvalidResponseError,
    MethodNotAllowedError,
    MissingAPIKeyError,
    NameLookupError,
    NotAcceptableError,
    NotFoundError,
    OutcomeUnknownError,
    PayloadTooLargeError,
    PermissionDeniedError,
    PoolTimeout,
    PreconditionFailedError,
    ProtocolError,
    RateLimitError,
    ReadTimeout,
    RequestTimeoutError,
    UnprocessableEntityError,
    WriteTimeout,
    error_text,
)
from incidentio_toolkit.client._in_process import sandbox_client
from incidentio_toolkit.client._logging import RedactingFormatter, enable_debug_logging
from incidentio_toolkit.client._pacing import PacingLimits
from incidentio_toolkit.client._raw import ApiResponse, operation_action

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
    "ApiResponse",
    "AsyncIncidentIO",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfig",
    "ClientOptions",
    "ClientSettings",
    "ConflictError",
    "ConnectError",
    "ConnectTimeout",
    "DeadlineExceededError",
    "IncidentIO",
    "IncidentIOError",
    "InternalServerError",
    "InvalidArgumentsError",
    "InvalidResponseError",
    "MethodNotAllowedError",
    "MissingAPIKeyError",
    "NameLookupError",
    "NotAcceptableError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PacingLimits",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PoolTimeout",
    "PreconditionFailedError",
    "ProtocolError",
    "RateLimitError",
    "ReadTimeout",
    "RedactingFormatter",
    "RequestTimeoutError",
    "UnprocessableEntityError",
    "WriteTimeout",
    "api_key_from_env",
    "describe_validation_error",
    "enable_debug_logging",
    "error_text",
    "operation_action",
    "pacing_limits",
    "sandbox_client",
]
