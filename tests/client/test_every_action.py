"""Every action through the real client and a mocked transport: the exact request, the spec, the output.

The tests in tests/actions check how each record builds its request; these check what actually goes
over the wire (method, encoded URL, query string, JSON bytes, auth header) and what comes back.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest
from tests.arguments_support import FULL_ARGUMENTS, success_body
from tests.openapi_support import validate_request

from incidentio_toolkit import ACTIONS, AsyncIncidentIO

KEY = "test-key-0123456789abcdef"


class Recorder:
    def __init__(self, status: int, body: dict[str, Any] | None) -> None:
        self.requests: list[httpx2.Request] = []
        self.status = status
        self.body = body

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if self.body is None:
            return httpx2.Response(self.status)
        return httpx2.Response(self.status, json=self.body)


def test_full_arguments_cover_every_action_and_every_parameter() -> None:
    assert list(FULL_ARGUMENTS) == list(ACTIONS)
    for name, arguments in FULL_ARGUMENTS.items():
        fields = set(ACTIONS[name].input.model_fields)
        # incident_type_id can only ever be rejected; escalation_path_id excludes user_ids;
        # dry_run sends nothing (tests/actions/test_escalations.py runs it).
        assert fields - set(arguments) <= {"incident_type_id", "escalation_path_id", "dry_run"}, (
            name
        )


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(ACTIONS))
async def test_action_sends_exactly_its_request_and_parses_the_answer(name: str) -> None:
    action = ACTIONS[name]
    arguments = FULL_ARGUMENTS[name]
    bodyless = action.result is None
    recorder = Recorder(action.success_status, None if bodyless else success_body(action))
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(recorder), pacing=None) as io:
        result = await io.call(name, arguments)

    assert result["success"] is True, result
    assert action.output.model_validate(result).success
    [sent] = recorder.requests
    expected = action.request(action.input.model_validate(arguments))
    assert sent.method == action.method
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    expected_path = action.path
    for param, value in expected.path_params.items():
        expected_path = expected_path.replace("{" + param + "}", value)
    assert sent.url.path == expected_path
    assert sent.url.host == "api.incident.io"
    assert list(sent.url.params.multi_items()) == expected.query
    if expected.json is None:
        assert sent.content == b""
    else:
        assert sent.headers["content-type"] == "application/json"
        assert json.loads(sent.content) == expected.json
    validate_request(
        action.method,
        expected_path,
        expected.query,
        None if expected.json is None else json.loads(sent.content),
    )
    if bodyless:
        assert result["message"] == action.done_message({"id": arguments["id"]})
        assert arguments["id"] in result["message"]


@pytest.mark.anyio
@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.kind != "read"])
async def test_write_without_a_key_fails_naming_the_key_and_sends_nothing(name: str) -> None:
    recorder = Recorder(200, {})
    async with AsyncIncidentIO("   ", transport=httpx2.MockTransport(recorder), pacing=None) as io:
        result = await io.call(name, FULL_ARGUMENTS[name])
    assert result["success"] is False
    assert "INCIDENTIO_API_KEY" in result["error"]
    assert recorder.requests == []
