"""The 32 faults of RELIABILITY.md as an `httpx2.MockTransport` handler, and what each cell expects.

A `FaultServer` answers every request with one fault (or the action's normal answer when the fault is
`None`) and records what it received. `expected_attempts` is the retry table from RELIABILITY.md,
written out here independently of `client/_retry.py`, so a wrong table in the code fails the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx2
from tests.arguments_support import success_body

from incidentio_toolkit.actions import Action

MIB = 1024 * 1024
REQUEST_ID = "01REQFAULT7Q3"

TRANSPORT_FAULTS = (
    "connect_error",
    "connect_timeout",
    "read_timeout",
    "write_timeout",
    "pool_timeout",
    "remote_protocol_error",
    "commit_then_read_timeout",
)
NEVER_SENT_FAULTS = frozenset({"connect_error", "connect_timeout", "pool_timeout"})
STATUS_FAULTS = (
    "status_400",
    "status_401",
    "status_403",
    "status_404",
    "status_405",
    "status_406",
    "status_408",
    "status_409",
    "status_412",
    "status_413",
    "status_422",
    "status_429",
    "status_500",
    "status_502",
    "status_503",
    "status_504",
    "status_200_bad_body",
)
BODY_FAULTS = (
    "body_html",
    "body_empty",
    "body_truncated_json",
    "body_json_null",
    "body_json_list",
    "body_envelope_missing_fields",
    "body_source_without_pointer",
    "body_10_mib",
)
FAULTS: tuple[str, ...] = TRANSPORT_FAULTS + STATUS_FAULTS + BODY_FAULTS
assert len(FAULTS) == 32

ERROR_TYPES = {
    400: "validation_error",
    401: "authentication_error",
    403: "resource_forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    408: "request_timeout",
    409: "conflict",
    412: "precondition_failed",
    413: "request_too_large",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}

# The retry table of RELIABILITY.md, transcribed.
SAFE_RETRIED_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
UNSAFE_RETRIED_STATUSES = frozenset({429})

HTML_BODY = ("<html><head><title>502 Bad Gateway</title></head><body>" + "H" * 3000).encode()
TEN_MIB_BODY = b"<!-- not json -->" + b"x" * (10 * MIB)


def is_safe(action: Action) -> bool:
    """GET, PUT and POST with an idempotency key: retried on anything transient."""
    return action.method in ("GET", "PUT") or (action.method == "POST" and action.keyed)


def fault_status(fault: str, action: Action) -> int | None:
    """The HTTP status a fault answers with (None for transport faults)."""
    if fault in TRANSPORT_FAULTS:
        return None
    if fault.startswith("status_"):
        return int(fault.split("_")[1])
    if fault in ("body_envelope_missing_fields", "body_source_without_pointer"):
        return 422
    if fault == "body_html":
        return 502
    return action.success_status


def expected_attempts(action: Action, fault: str | None, max_retries: int = 2) -> int:
    """How many requests reach the transport for one call under a repeating fault."""
    all_attempts = 1 + max_retries
    if fault is None:
        return 1
    if fault in TRANSPORT_FAULTS:
        return all_attempts if is_safe(action) or fault in NEVER_SENT_FAULTS else 1
    status = fault_status(fault, action)
    assert status is not None
    retried = SAFE_RETRIED_STATUSES if is_safe(action) else UNSAFE_RETRIED_STATUSES
    return all_attempts if status in retried else 1


def is_ambiguous_for(action: Action, fault: str) -> bool:
    """True when an unsafe request may have taken effect: the answer must say 'outcome unknown'."""
    if is_safe(action):
        return False
    if fault in TRANSPORT_FAULTS:
        return fault not in NEVER_SENT_FAULTS
    status = fault_status(fault, action)
    return status in (408, 500, 502, 503, 504)


def envelope(status: int) -> dict[str, Any]:
    """A full incident.io error envelope for `status`."""
    body: dict[str, Any] = {
        "type": ERROR_TYPES[status],
        "status": status,
        "request_id": REQUEST_ID,
        "errors": [
            {
                "code": f"code_{status}",
                "message": f"Message for {status}",
                "source": {"field": "severity_id"},
            },
            {"code": "second_code", "message": "Second message", "source": {"pointer": "/name"}},
        ],
    }
    if status == 429:
        body["rate_limit"] = {
            "name": "api_key",
            "limit": 1200,
            "remaining": 0,
            "retry_after": "1",
        }
    return body


def fault_response(fault: str, action: Action) -> httpx2.Response:
    """The answer for a non-transport fault."""
    status = fault_status(fault, action)
    assert status is not None
    if fault.startswith("status_") and fault != "status_200_bad_body":
        headers = {"Retry-After": "1"} if status == 429 else {}
        return httpx2.Response(status, json=envelope(status), headers=headers)
    content: bytes = {
        "status_200_bad_body": b'{"unexpected": {"id": 1}}',
        "body_html": HTML_BODY,
        "body_empty": b"",
        "body_truncated_json": json.dumps(success_body(action)).encode()[:-7],
        "body_json_null": b"null",
        "body_json_list": b'[{"id": "01X"}]',
        "body_envelope_missing_fields": b'{"type": "validation_error"}',
        "body_source_without_pointer": json.dumps(
            {
                "type": "validation_error",
                "request_id": REQUEST_ID,
                "errors": [{"code": "invalid_value", "message": "Bad value", "source": {}}],
            }
        ).encode(),
        "body_10_mib": TEN_MIB_BODY,
    }[fault]
    return httpx2.Response(status, content=content)


def raise_transport_fault(fault: str, request: httpx2.Request) -> None:
    errors: dict[str, type[httpx2.TransportError]] = {
        "connect_error": httpx2.ConnectError,
        "connect_timeout": httpx2.ConnectTimeout,
        "read_timeout": httpx2.ReadTimeout,
        "write_timeout": httpx2.WriteTimeout,
        "pool_timeout": httpx2.PoolTimeout,
        "remote_protocol_error": httpx2.RemoteProtocolError,
        "commit_then_read_timeout": httpx2.ReadTimeout,
    }
    raise errors[fault](f"injected {fault}", request=request)


@dataclass
class FaultServer:
    """A MockTransport handler: one fault for every request, and a record of what arrived."""

    action: Action
    fault: str | None
    requests: list[httpx2.Request] = field(default_factory=lambda: [])
    committed: int = 0
    """Requests the 'server' acted on (all but the never-sent transport faults)."""

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        fault = self.fault
        if fault is None:
            self.committed += 1
            if self.action.result is None:
                return httpx2.Response(self.action.success_status)
            return httpx2.Response(self.action.success_status, json=success_body(self.action))
        if fault in TRANSPORT_FAULTS:
            if fault not in NEVER_SENT_FAULTS:
                self.committed += 1
            raise_transport_fault(fault, request)
        self.committed += 1
        return fault_response(fault, self.action)

    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self)


async def no_sleep(seconds: float) -> None:
    """An injected sleep that returns at once (the retry tests count the waits instead)."""
    assert seconds >= 0


def key_pieces(key: str, size: int = 8) -> list[str]:
    """Every `size`-character piece of the key: none may appear anywhere."""
    return [key[i : i + size] for i in range(len(key) - size + 1)]


def leaked_pieces(text: str, key: str) -> list[str]:
    """The pieces of the key that occur in `text` (empty when nothing leaked)."""
    return [piece for piece in key_pieces(key) if piece in text]
