"""The official incident.io Python SDK (`incident-io`, generated from incident.io's current spec)
against the sandbox as a real server on loopback, for the operation behind every action.

Each 2xx answer must parse into the SDK's models (which require fields such as
`IncidentV2.last_activity_at` that the vendored spec does not list yet) and validate against the
vendored spec; a wrong key and an unknown id must come back as the SDK's `ErrorResponse`. The SDK
sends its own requests (its payload models, its query encoding), so the sandbox must also accept
every request shape the SDK produces.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest
from incident_io import AuthenticatedClient
from incident_io.models.error_response import ErrorResponse
from tests.sandbox.sdk_conformance_support import SEED_ARGUMENTS, sdk_call, sdk_module_name

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxServer
from incidentio_toolkit.sandbox.testing import SpecChecker

# The SDK warns on every call of an operation incident.io has deprecated (v2 actions, follow-ups).
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*is deprecated and will be removed:DeprecationWarning"
)

UNKNOWN_ID = "01JZZZZZZZZZZZZZZZZZZZZZZZ"


class Exchange:
    """The last response the SDK received, as the SpecChecker reads it."""

    def __init__(self) -> None:
        self.last: httpx2.Response | None = None

    def record(self, response: httpx.Response) -> None:
        body = response.read()
        self.last = httpx2.Response(
            response.status_code,
            headers=list(response.headers.multi_items()),
            content=body,
            request=httpx2.Request(response.request.method, str(response.request.url)),
        )

    def take(self) -> httpx2.Response:
        assert self.last is not None
        response, self.last = self.last, None
        return response


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(port=0) as running:
        yield running


@pytest.fixture
def exchange() -> Exchange:
    return Exchange()


def sdk_client(server: SandboxServer, exchange: Exchange, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=server.base_url,
        token=token,
        raise_on_unexpected_status=True,
        httpx_args={"event_hooks": {"response": [exchange.record]}},
    )


def reset(server: SandboxServer) -> None:
    response = httpx2.post(
        f"{server.base_url}/_sandbox/reset", headers={"Authorization": f"Bearer {DEMO_API_KEY}"}
    )
    assert response.status_code == 200, response.text


def test_seed_arguments_cover_every_action() -> None:
    assert list(SEED_ARGUMENTS) == list(ACTIONS)


def test_the_sdk_module_comes_from_the_operation_id() -> None:
    modules = {action.operation_id: sdk_module_name(action) for action in ACTIONS.values()}
    assert modules["Follow-ups V2#List"] == "incident_io.api.follow_ups_v2.follow_ups_v2_list"
    assert (
        modules["Escalations V2#CreatePath"]
        == "incident_io.api.escalations_v2.escalations_v2_create_path"
    )


@pytest.mark.parametrize("name", list(ACTIONS))
def test_sdk_parses_every_answer(
    name: str, server: SandboxServer, exchange: Exchange, checker: SpecChecker
) -> None:
    action = ACTIONS[name]
    reset(server)
    function, kwargs = sdk_call(action, SEED_ARGUMENTS[name])
    with sdk_client(server, exchange, DEMO_API_KEY) as client:
        response = function(client=client, **kwargs)
    raw = exchange.take()
    assert response.status_code == action.success_status, raw.text
    checker.check(raw)
    if raw.content:
        assert response.parsed is not None
        assert not isinstance(response.parsed, ErrorResponse)
        parsed: dict[str, Any] = response.parsed.to_dict()
        assert action.result in parsed
    else:
        assert action.result is None  # answered without a body (deletes, a cancel)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_wrong_key_is_the_sdks_error_response(
    name: str, server: SandboxServer, exchange: Exchange, checker: SpecChecker
) -> None:
    function, kwargs = sdk_call(ACTIONS[name], SEED_ARGUMENTS[name])
    with sdk_client(server, exchange, "not-the-sandbox-key") as client:
        response = function(client=client, **kwargs)
    checker.check(exchange.take())
    assert response.status_code == 401
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.type_ == "authentication_error"
    assert response.parsed.errors[0].code == "invalid_authorization"


@pytest.mark.parametrize("name", [name for name, a in ACTIONS.items() if a.input.path_params])
def test_an_unknown_id_is_the_sdks_not_found_response(
    name: str, server: SandboxServer, exchange: Exchange, checker: SpecChecker
) -> None:
    action = ACTIONS[name]
    arguments = {**SEED_ARGUMENTS[name], **dict.fromkeys(action.input.path_params, UNKNOWN_ID)}
    function, kwargs = sdk_call(action, arguments)
    with sdk_client(server, exchange, DEMO_API_KEY) as client:
        response = function(client=client, **kwargs)
    checker.check(exchange.take())
    assert response.status_code == 404
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.type_ == "not_found"
    assert UNKNOWN_ID in response.parsed.errors[0].message
