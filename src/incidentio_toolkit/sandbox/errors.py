"""Errors the sandbox answers with, rendered in incident.io's error envelope.

Each class carries the HTTP status, the envelope `type` and the error `code`; the handlers raise
them and `app.py` renders them:

```
SandboxError
├── BadRequestError           400 invalid_request_error / invalid_json | unsupported_content_type
├── AuthenticationError       401 authentication_error / missing_authorization_material | invalid_authorization
├── NotFoundError             404 not_found / not_found
├── MethodNotAllowedError     405 method_not_allowed / method_not_allowed
├── PayloadTooLargeError      413 payload_too_large / payload_too_large
├── UnprocessableEntityError  422 validation_error / missing_field | invalid_value | not_found
├── TooManyRequestsError      429 too_many_requests / too_many_requests (+ rate_limit block)
└── InternalServerError       500 internal_error / internal_error
```
"""

from __future__ import annotations

from typing import Any, ClassVar

from incidentio_toolkit.sandbox._util import JSON


class SandboxError(Exception):
    """An error answer: status, envelope type, error code, message and optional field."""

    status: ClassVar[int] = 500
    type: ClassVar[str] = "internal_error"
    default_code: ClassVar[str] = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        headers: dict[str, str] | None = None,
        extra: JSON | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.headers: dict[str, str] = headers or {}
        self.extra: JSON = extra or {}

    def envelope(self, request_id: str) -> JSON:
        """The JSON body incident.io sends for this error."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["source"] = {"field": self.field}
        body: JSON = {
            "type": self.type,
            "status": self.status,
            "request_id": request_id,
            "errors": [error],
        }
        body.update(self.extra)
        return body


class BadRequestError(SandboxError):
    """The request could not be read (a body that is not JSON, or not sent as JSON)."""

    status = 400
    type = "invalid_request_error"
    default_code = "invalid_json"


class AuthenticationError(SandboxError):
    """Missing or unknown API key."""

    status = 401
    type = "authentication_error"
    default_code = "invalid_authorization"


class NotFoundError(SandboxError):
    """Unknown id or unknown path."""

    status = 404
    type = "not_found"
    default_code = "not_found"


class MethodNotAllowedError(SandboxError):
    """The path exists but not with this method."""

    status = 405
    type = "method_not_allowed"
    default_code = "method_not_allowed"


class PayloadTooLargeError(SandboxError):
    """The request body is larger than the sandbox reads."""

    status = 413
    type = "payload_too_large"
    default_code = "payload_too_large"


class UnprocessableEntityError(SandboxError):
    """A request body or query parameter failed validation."""

    status = 422
    type = "validation_error"
    default_code = "invalid_value"


class TooManyRequestsError(SandboxError):
    """Rate limit exceeded."""

    status = 429
    type = "too_many_requests"
    default_code = "too_many_requests"


class InternalServerError(SandboxError):
    """An injected (or genuine) server error."""

    status = 500
    type = "internal_error"
    default_code = "internal_error"


def missing(field: str) -> UnprocessableEntityError:
    """A required field was not sent."""
    return UnprocessableEntityError(f"{field} is required", code="missing_field", field=field)


def invalid(field: str, message: str) -> UnprocessableEntityError:
    """A field was sent with a value the API does not accept."""
    return UnprocessableEntityError(message, code="invalid_value", field=field)


def unknown_reference(field: str, kind: str, value: str) -> UnprocessableEntityError:
    """A field refers to an object that does not exist."""
    return UnprocessableEntityError(
        f"No {kind} found with id {value!r}", code="not_found", field=field
    )


def not_found(kind: str, value: str) -> NotFoundError:
    """The object addressed by the path does not exist."""
    return NotFoundError(f"No {kind} found with id {value!r}")
