"""The toolkit's exception tree, and the one function that turns any failure into contract error text.

The tree, with what each error means, is drawn in the docstring of `incidentio_toolkit.client`,
which exports every class.

Inside the library these are raised; at the tool boundary `error_text` renders them for the contract's
`{"success": false, "error": ...}`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pydantic_core

from incidentio_toolkit.client._logging import redact

MAX_ERROR_CHARS = 2000
MAX_RAW_BODY_CHARS = 500
MAX_DETAIL_CHARS = 1400
"""Budget for an APIStatusError's per-error details, so wrappers still fit in MAX_ERROR_CHARS."""
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+")


class IncidentIOError(Exception):
    """Base of every error the toolkit raises."""


class InvalidArgumentsError(IncidentIOError):
    """The arguments do not match the action's input model; nothing was sent."""


class MissingAPIKeyError(IncidentIOError):
    """No usable API key; nothing was sent."""

    def __init__(self, problem: str = "No incident.io API key") -> None:
        super().__init__(
            f"{problem}: set INCIDENTIO_API_KEY (or pass api_key=...) with a key from "
            "incident.io Settings -> API keys. Nothing was sent."
        )


class APIConnectionError(IncidentIOError):
    """The transport failed before a complete answer arrived."""

    reached_server: ClassVar[bool] = True
    """False only when the request provably never left (connect failures, pool timeouts)."""


class ConnectError(APIConnectionError):
    reached_server: ClassVar[bool] = False


class ProtocolError(APIConnectionError):
    pass


class APITimeoutError(APIConnectionError):
    pass


class ConnectTimeout(APITimeoutError):
    reached_server: ClassVar[bool] = False


class PoolTimeout(APITimeoutError):
    reached_server: ClassVar[bool] = False


class WriteTimeout(APITimeoutError):
    pass


class ReadTimeout(APITimeoutError):
    pass


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    code: str | None = None
    message: str | None = None
    field: str | None = None


@dataclass(slots=True)
class ErrorEnvelope:
    """incident.io's error body; every field may be missing."""

    type: str | None = None
    request_id: str | None = None
    errors: list[ErrorDetail] = field(default_factory=lambda: [])
    rate_limit_retry_after: str | None = None
    raw: str | None = None
    """Set when the body was not an envelope: the raw text, already cut short."""


class APIStatusError(IncidentIOError):
    """incident.io answered with a non-2xx status."""

    hint: ClassVar[str] = ""
    """What to do, said after incident.io's words; `advice` replaces it for one error."""

    def __init__(
        self,
        status: int,
        envelope: ErrorEnvelope,
        retry_after: float | None = None,
        *,
        advice: str | None = None,
    ) -> None:
        self.status = status
        self.envelope = envelope
        self.retry_after = retry_after
        self.advice = self.hint if advice is None else advice
        super().__init__(self._describe())

    @property
    def request_id(self) -> str | None:
        return self.envelope.request_id

    def _describe(self) -> str:
        env = self.envelope
        text = f"incident.io answered {self.status}"
        if env.type:
            text += f" {env.type}"
        if env.request_id:
            text += f" [request_id {env.request_id}]"
        parts: list[str] = []
        budget = MAX_DETAIL_CHARS
        for detail in env.errors:
            part = ": ".join(p for p in (detail.code, detail.message) if p)
            if detail.field:
                part += f" (field {detail.field!r})"
            if not part:
                continue
            if len(part) > budget:
                parts.append(f"(and {len(env.errors) - len(parts)} more)")
                break
            parts.append(part)
            budget -= len(part) + 2
        if env.raw is not None:
            parts.append(f"body: {env.raw}" if env.raw else "empty body")
        if parts:
            text += ": " + "; ".join(parts)
        if self.retry_after is not None:
            text += f". incident.io asks to wait {math.ceil(self.retry_after)} s before retrying"
        if self.advice:
            text += f". {self.advice}"
        return text


class BadRequestError(APIStatusError):
    hint = "Fix the arguments; retrying the same request will fail again."


class AuthenticationError(APIStatusError):
    hint = "Check INCIDENTIO_API_KEY: the key is missing, revoked or mistyped."


class PermissionDeniedError(APIStatusError):
    hint = "The API key lacks the permission for this action; add it in incident.io Settings -> API keys."


class NotFoundError(APIStatusError):
    hint = "Check the id with the matching list action."


class ConflictError(APIStatusError):
    hint = "The object changed or already exists; fetch it again before retrying."


class UnprocessableEntityError(APIStatusError):
    hint = "Fix the fields named above; retrying the same request will fail again."


class RateLimitError(APIStatusError):
    hint = "Rate limited by incident.io; wait before retrying."


class MethodNotAllowedError(APIStatusError):
    hint = "incident.io does not accept this request for this path; this is a toolkit bug, please report it."


class NotAcceptableError(APIStatusError):
    hint = "incident.io cannot answer in JSON for this request; this is a toolkit bug, please report it."


class RequestTimeoutError(APIStatusError):
    hint = "incident.io timed out waiting for the request; retry later."


class PreconditionFailedError(APIStatusError):
    hint = "The object changed since it was read; fetch it again before retrying."


class PayloadTooLargeError(APIStatusError):
    hint = "The request is too large; send fewer or shorter values."


class InternalServerError(APIStatusError):
    hint = "incident.io failed; retry later."


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    406: NotAcceptableError,
    408: RequestTimeoutError,
    409: ConflictError,
    412: PreconditionFailedError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return STATUS_ERRORS.get(status, APIStatusError)


class InvalidResponseError(IncidentIOError):
    """A 2xx answer whose body was not the JSON object the action expects."""


class OutcomeUnknownError(IncidentIOError):
    """A request that is not safe to repeat (a POST without an idempotency key, a DELETE) failed
    after it may have reached incident.io, so it was not sent again."""

    def __init__(self, action: str, check_with: str, cause: IncidentIOError) -> None:
        self.cause = cause
        self.check_with = check_with
        # The advice comes first so that cutting a long cause never cuts it off.
        super().__init__(
            f"Outcome unknown: {action} may have reached incident.io and taken effect, so it was "
            f"not re-sent (that could do it twice): check with {check_with} before retrying. "
            f"Cause: {cause}"
        )


class NameLookupError(IncidentIOError):
    """Looking up a name or reference given for an id, or the current values a replace keeps
    (`Action.keeps`), failed; the action itself was not sent."""

    def __init__(self, what: str, cause: IncidentIOError) -> None:
        self.cause = cause
        super().__init__(f"Could not look up {what}, so nothing was sent. Cause: {cause}")


class DeadlineExceededError(IncidentIOError):
    """The call's deadline ran out, or the server asked for a wait longer than what was left."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


def body_snippet(body: bytes, limit: int = MAX_RAW_BODY_CHARS) -> str:
    """At most `limit` characters of a raw body, on one line, for an error message."""
    text = body[: limit * 4].decode("utf-8", "replace")
    text = _CONTROL_OR_SPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def parse_envelope(body: bytes) -> ErrorEnvelope:
    """Read incident.io's error envelope, tolerating any missing field or a non-JSON body."""
    try:
        data: Any = pydantic_core.from_json(body) if body.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return ErrorEnvelope(raw=body_snippet(body))
    envelope = ErrorEnvelope(
        type=_text(data.get("type")),  # type: ignore[union-attr]
        request_id=_text(data.get("request_id")),  # type: ignore[union-attr]
    )
    errors: Any = data.get("errors")  # type: ignore[union-attr]
    if isinstance(errors, list):
        for item in errors[:20]:  # type: ignore[union-attr]
            if not isinstance(item, dict):
                continue
            source: Any = item.get("source")  # type: ignore[union-attr]
            where = None
            if isinstance(source, dict):
                where = _text(source.get("field")) or _text(source.get("pointer"))  # type: ignore[union-attr]
            envelope.errors.append(
                ErrorDetail(
                    code=_text(item.get("code")),  # type: ignore[union-attr]
                    message=_text(item.get("message")),  # type: ignore[union-attr]
                    field=where,
                )
            )
    rate_limit: Any = data.get("rate_limit")  # type: ignore[union-attr]
    if isinstance(rate_limit, dict):
        envelope.rate_limit_retry_after = _text(rate_limit.get("retry_after"))  # type: ignore[union-attr]
    if not (envelope.type or envelope.errors or envelope.request_id):
        envelope.raw = body_snippet(body)
    return envelope


def _text(value: Any, limit: int = 300) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = value if isinstance(value, str) else str(value)  # type: ignore[arg-type]
    text = _CONTROL_OR_SPACE.sub(" ", text).strip()
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None


def error_text(exc: BaseException, *, secret: str | None = None) -> str:
    """The contract's error string for any failure: bounded, and never containing the key."""
    if isinstance(exc, IncidentIOError):
        text = str(exc)
    else:
        text = f"Unexpected {type(exc).__name__}: {exc}"
    text = redact(text, secret)
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 1] + "…"
    return text
