from __future__ import annotations

from typing import Any

import pytest
from mcp import Client
from tests.adapters.conftest import RequestLog
from tests.adapters.mcp_support import Person, stdio, structured

from incidentio_toolkit.adapters import ToolPolicy, context_budget, tool_input_schema
from incidentio_toolkit.adapters._discovery import (
    CALL_TOOL,
    META_TOOLS,
    describe_tool,
    find_tools,
    parse_call,
)
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.client import AsyncIncidentIO
from incidentio_toolkit.composites import TOOLS

DISCOVERY_BUDGET = 2_500


def found(query: str, policy: ToolPolicy | None = None) -> list[str]:
    answer = find_tools({"query": query}, policy or ToolPolicy.everything())
    assert answer["success"] is True
    return [tool["name"] for tool in answer["tools"]]


def test_the_three_meta_tools_fit_the_budget() -> None:
    assert len(META_TOOLS) == 3
    assert context_budget(META_TOOLS.values()) <= DISCOVERY_BUDGET


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("who is on call", "on_call_now"),
        ("page people", "escalations_create"),
        ("incident statuses", "incident_statuses_list"),
        ("delete a workflow", "workflows_delete"),
        ("brief on an incident", "incident_brief"),
        ("follow-ups", "follow_ups_list"),
    ],
)
def test_find_tools_ranks_the_tool_that_answers_first(query: str, best: str) -> None:
    assert found(query)[0] == best


def test_find_tools_with_no_keywords_lists_every_enabled_tool_by_name() -> None:
    policy = ToolPolicy()
    answer = find_tools({}, policy)
    assert answer == {"success": True, "tools": [tool.name for tool in policy.enabled_tools()]}


def test_find_tools_never_finds_a_disabled_tool() -> None:
    assert "escalations_create" not in found("page people", ToolPolicy())
    assert "workflows_delete" not in found("delete a workflow", ToolPolicy(allow_writes=True))
    assert "users_list" not in found("users", ToolPolicy(exclude_tools=["users_list"]))
    assert set(found("incidents", ToolPolicy(toolsets=["schedules"]))) <= {
        tool.name for tool in TOOLS.values() if tool.toolset == "schedules"
    }


def test_find_tools_says_when_nothing_matches() -> None:
    answer = find_tools({"query": "zzzz qqqq"}, ToolPolicy())
    assert answer["tools"] == []
    assert "empty query" in answer["hint"]


def test_describe_tool_gives_the_schema_of_an_enabled_tool_only() -> None:
    enabled = describe_tool({"name": "on_call_now"}, ToolPolicy())
    disabled = describe_tool({"name": "escalations_create"}, ToolPolicy())
    unknown = describe_tool({"name": "incident_list"}, ToolPolicy())
    assert enabled["tool"]["input_schema"] == tool_input_schema(TOOLS["on_call_now"])
    assert disabled["success"] is False
    assert "--allow-destructive" in disabled["error"]
    assert "input_schema" not in str(disabled)
    assert unknown["success"] is False
    assert "'incidents_list'" in unknown["error"]


@pytest.mark.parametrize("arguments", [None, {}, {"name": ""}, {"name": "x", "arguments": 3}])
def test_a_malformed_call_says_what_call_tool_needs(arguments: dict[str, Any] | None) -> None:
    problem = parse_call(arguments)
    assert isinstance(problem, str)
    assert "Nothing was sent" in problem


def test_call_tool_is_marked_read_only_on_a_read_only_server() -> None:
    from incidentio_toolkit.adapters._discovery import meta_annotations

    assert meta_annotations(CALL_TOOL, ToolPolicy()).read_only is True
    assert meta_annotations(CALL_TOOL, ToolPolicy(allow_writes=True)).read_only is False


@pytest.mark.anyio
async def test_discovery_mode_lists_three_tools_and_calls_through_them(
    sandbox_io: AsyncIncidentIO,
) -> None:
    server = create_server(sandbox_io, discovery=True)
    async with Client(server) as client:
        tools = (await client.list_tools()).tools
        search = structured(await client.call_tool("find_tools", {"query": "on call now"}))
        schema = structured(await client.call_tool("describe_tool", {"name": "on_call_now"}))
        arguments = {"schedule": "Primary On-call"}
        called = await client.call_tool(
            "call_tool", {"name": "on_call_now", "arguments": arguments}
        )
        direct = await sandbox_io.call("on_call_now", arguments)
    assert [tool.name for tool in tools] == list(META_TOOLS)
    assert search["tools"][0]["name"] == "on_call_now"
    assert schema["tool"]["name"] == "on_call_now"
    assert structured(called)["on_call"]["schedule"] == direct["on_call"]["schedule"]
    assert called.is_error is False


@pytest.mark.anyio
async def test_a_forced_call_to_a_disabled_tool_sends_nothing(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    arguments = {"idempotency_key": "k", "title": "t", "user_ids": ["01HKM4TXQS6NV5BVA84NGRHJH9"]}
    async with Client(create_server(counting_client, discovery=True)) as client:
        via_meta = await client.call_tool(
            "call_tool", {"name": "escalations_create", "arguments": arguments}
        )
        direct = await client.call_tool("escalations_create", arguments)
    for result in (via_meta, direct):
        assert result.is_error is True
        assert "--allow-destructive" in structured(result)["error"]
    assert request_log.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_call_tool_asks_before_a_page_like_a_direct_call(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    person = Person("decline")
    arguments = {"idempotency_key": "k", "title": "meta", "escalation_path_id": "Urgent Support"}
    server = create_server(sandbox_io, ToolPolicy.everything(), discovery=True)
    async with Client(server, mode=mode, elicitation_callback=person) as client:
        result = await client.call_tool(
            "call_tool", {"name": "escalations_create", "arguments": arguments}
        )
    assert len(person.questions) == 1
    assert "declined" in structured(result)["error"]
    titles = [e.get("title") async for e in sandbox_io.paginate("escalations_list")]
    assert "meta" not in titles


@pytest.mark.anyio
async def test_a_subprocess_server_in_discovery_mode_finds_and_calls_tools() -> None:
    async with Client(stdio("--discovery")) as client:
        tools = (await client.list_tools()).tools
        search = structured(await client.call_tool("find_tools", {"query": "severities"}))
        called = structured(
            await client.call_tool("call_tool", {"name": "severities_list", "arguments": {}})
        )
    listed = [tool.model_dump(by_alias=True, exclude_none=True) for tool in tools]
    assert [tool["name"] for tool in listed] == list(META_TOOLS)
    assert search["tools"][0]["name"] == "severities_list"
    assert called["severities"]
