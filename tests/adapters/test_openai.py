from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from tests.adapters.conftest import RequestLog

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.adapters._common import ToolPolicy, tool_input_schema
from incidentio_toolkit.adapters.openai import adispatch, dispatch, openai_tools
from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.client._http import asgi_transport
from incidentio_toolkit.composites import TOOLS
from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app


@pytest.fixture
def sandbox_sync() -> Iterator[IncidentIO]:
    with IncidentIO(
        DEMO_API_KEY,
        base_url="http://sandbox.invalid",
        transport=asgi_transport(create_app()),
        pacing=None,
    ) as client:
        yield client


def chat_call(name: str, arguments: str, call_id: str = "call_1") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def test_chat_definitions_are_function_tools_for_the_enabled_tools() -> None:
    tools = openai_tools()
    assert [t["function"]["name"] for t in tools] == [
        a.name for a in TOOLS.values() if a.kind == "read"
    ]
    first = tools[0]
    assert first["type"] == "function"
    assert first["function"]["parameters"] == tool_input_schema(ACTIONS[first["function"]["name"]])
    assert len(openai_tools(ToolPolicy.everything())) == len(TOOLS)
    json.dumps(tools)  # plain JSON data


def test_responses_definitions_are_flat() -> None:
    tool = openai_tools(ToolPolicy(tools=["incidents_show"]), format="responses")[0]
    assert tool["type"] == "function"
    assert tool["name"] == "incidents_show"
    assert tool["parameters"]["required"] == ["id"]
    assert tool["strict"] is False


def test_dispatch_runs_a_chat_tool_call_against_the_sandbox(sandbox_sync: IncidentIO) -> None:
    message = dispatch(chat_call("severities_list", "{}", "call_abc"), client=sandbox_sync)
    assert message["role"] == "tool"
    assert message["tool_call_id"] == "call_abc"
    output = json.loads(message["content"])
    assert output["success"] is True
    assert output["severities"]


def test_dispatch_accepts_an_openai_sdk_tool_call_object(sandbox_sync: IncidentIO) -> None:
    chat = pytest.importorskip("openai.types.chat")
    call = chat.ChatCompletionMessageFunctionToolCall(
        id="call_sdk",
        type="function",
        function={"name": "incidents_show", "arguments": json.dumps({"id": "01NOSUCH"})},
    )
    message = dispatch(call, client=sandbox_sync)
    output = json.loads(message["content"])
    assert message["tool_call_id"] == "call_sdk"
    assert output["success"] is False
    assert "404" in output["error"]


def test_dispatch_answers_a_responses_function_call_item(sandbox_sync: IncidentIO) -> None:
    item = {"type": "function_call", "call_id": "fc_1", "name": "severities_list", "arguments": ""}
    message = dispatch(item, client=sandbox_sync)
    assert message["type"] == "function_call_output"
    assert message["call_id"] == "fc_1"
    assert json.loads(message["output"])["success"] is True


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [("{not json", "not valid JSON"), ("[1, 2]", "JSON object")],
)
def test_bad_json_arguments_are_a_contract_error_and_send_nothing(
    sync_counting_client: IncidentIO, request_log: RequestLog, arguments: str, problem: str
) -> None:
    message = dispatch(chat_call("incidents_list", arguments), client=sync_counting_client)
    output = json.loads(message["content"])
    assert output["success"] is False
    assert problem in output["error"]
    assert set(output) == set(ACTIONS["incidents_list"].output.model_fields)
    assert request_log.requests == []


def test_dispatch_refuses_a_disabled_tool_and_sends_nothing(
    sync_counting_client: IncidentIO, request_log: RequestLog
) -> None:
    call = chat_call("workflows_delete", json.dumps({"id": "01ABC"}))
    output = json.loads(dispatch(call, client=sync_counting_client)["content"])
    assert output["success"] is False
    assert "--allow-destructive" in output["error"]
    assert request_log.requests == []


@pytest.mark.anyio
async def test_adispatch_runs_writes_when_the_policy_allows_them(
    sandbox_io: AsyncIncidentIO,
) -> None:
    severities = (await sandbox_io.call("severities_list", {}))["severities"]
    arguments = {
        "idempotency_key": "oa-1",
        "severity_id": severities[0]["id"],
        "visibility": "public",
        "mode": "test",
        "name": "OpenAI test",
    }
    call = chat_call("incidents_create", json.dumps(arguments))
    refused = json.loads((await adispatch(call, client=sandbox_io))["content"])
    policy = ToolPolicy(allow_writes=True)
    created = json.loads((await adispatch(call, client=sandbox_io, policy=policy))["content"])
    assert refused["success"] is False
    assert created["success"] is True
    assert created["incident"]["name"] == "OpenAI test"
