"""Test helpers for code that talks to the sandbox.

- `FakeClock`: an injectable clock (`create_app(clock=...)`).
- `assert_error_envelope`: checks incident.io's error envelope.
- `load_spec`: the official OpenAPI spec the sandbox is checked against, shipped as package data
  (`sandbox/spec/incident-io-openapi.json`).
- `SpecChecker`: validates 2xx bodies against that spec with
  `openapi-core` (a development dependency, imported lazily) and error bodies against the
  envelope; use `SpecChecker.hook` as an httpx2 response event hook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2

from incidentio_toolkit.sandbox._schema import SPEC_RESOURCE as SPEC_RESOURCE

if TYPE_CHECKING:
    from openapi_core import OpenAPI

ClientFactory = Callable[..., httpx2.AsyncClient]
"""Type of the `make_client` test fixture: `make_client(app, key=..., checked=...)`."""


SPEC_PATH = Path(str(resources.files("incidentio_toolkit.sandbox").joinpath(SPEC_RESOURCE)))
"""The spec as a file path (in a checkout and in an installed wheel alike)."""


class FakeClock:
    """An injectable clock that only moves when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def assert_error_envelope(response: httpx2.Response) -> dict[str, Any]:
    """incident.io's error envelope; returns the parsed body."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == response.status_code
    assert isinstance(body["type"], str)
    assert body["type"]
    assert isinstance(body["request_id"], str)
    assert body["request_id"]
    errors: list[dict[str, Any]] = body["errors"]
    assert errors
    for error in errors:
        assert isinstance(error["code"], str)
        assert error["code"]
        assert isinstance(error["message"], str)
        assert error["message"]
        if "source" in error:
            assert set(error["source"]) <= {"field", "pointer"}
    expected_type = {
        400: "invalid_request_error",
        401: "authentication_error",
        404: "not_found",
        405: "method_not_allowed",
        413: "payload_too_large",
        422: "validation_error",
        429: "too_many_requests",
        500: "internal_error",
    }.get(response.status_code)
    if expected_type is not None:
        assert body["type"] == expected_type
    if response.status_code == 429:
        assert int(response.headers["retry-after"]) >= 0
        block = body["rate_limit"]
        assert set(block) == {"name", "limit", "remaining", "retry_after"}
        assert block["remaining"] == 0
        assert parsedate_to_datetime(block["retry_after"]).tzinfo is not None
    return body


class SpecChecker:
    """Validates responses and records which spec operations have been seen succeeding."""

    def __init__(self, spec: dict[str, Any], api: OpenAPI | None = None) -> None:
        from openapi_core import OpenAPI

        self.api = api or OpenAPI.from_dict(spec)
        self.seen: set[str] = set()
        self.operations: list[tuple[str, re.Pattern[str], str]] = []
        for template, methods in spec["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
            for method, operation in methods.items():
                self.operations.append((method.upper(), pattern, operation["operationId"]))

    def operation_id(self, method: str, path: str) -> str | None:
        for op_method, pattern, operation_id in self.operations:
            if op_method == method and pattern.match(path):
                return operation_id
        return None

    def check(self, response: httpx2.Response) -> None:
        request = response.request
        path = request.url.path
        if path.startswith("/_sandbox/"):
            return
        if response.is_success:
            operation_id = self.operation_id(request.method, path)
            assert operation_id is not None, f"{request.method} {path} is not in the spec"
            from openapi_core.testing import MockRequest, MockResponse

            self.api.validate_response(
                MockRequest("https://api.incident.io", request.method, path),
                MockResponse(
                    response.content,
                    status_code=response.status_code,
                    content_type=response.headers.get("content-type", "application/json"),
                ),
            )
            self.seen.add(operation_id)
        else:
            assert_error_envelope(response)

    async def hook(self, response: httpx2.Response) -> None:
        await response.aread()
        self.check(response)


def load_spec(path: Path | None = None) -> dict[str, Any]:
    """The OpenAPI document as a dict: the one shipped in the package unless `path` says otherwise.

    The package holds the only copy of the spec (the part of incident.io's official OpenAPI
    document that the actions use, written by `scripts/extract_spec.py`), so that this module works
    from an installed wheel as well as from a checkout; the repository's tests load it through
    here too, so the sandbox and the client's request checks can never read two different files.
    """
    if path is None:
        text = resources.files("incidentio_toolkit.sandbox").joinpath(SPEC_RESOURCE).read_text()
    else:
        text = path.read_text()
    data: dict[str, Any] = json.loads(text)
    return data
