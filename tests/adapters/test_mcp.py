from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, cast

import pytest
import time_machine
from mcp import Client, StdioServerParameters
from mcp.types import CallToolResult, Tool
from tests.adapters.conftest import PLANTED_KEY, RequestLog, sandbox_io_with_keys

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.adapters._common import ToolPolicy, tool_input_schema
from incidentio_toolkit.adapters.mcp import (
    create_server,
    instructions_for,
    mcp_tools,
    resolve_client,
)
from incidentio_toolkit.client import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.composites import TOOLS, Composite
from incidentio_toolkit.composites import Tool as ToolRecord

CONTRACT: dict[str, dict[str, Any]] = {
    entry["name"]: entry
    for entry in json.loads((Path(__file__).parents[2] / "spec" / "actions.json").read_text())[
        "actions"
    ]
}
READS = sum(1 for a in TOOLS.values() if a.kind == "read")
WRITES = sum(1 for a in TOOLS.values() if a.kind == "write")

pytestmark = pytest.mark.anyio


def expected_hints(action: ToolRecord) -> tuple[bool, bool, bool, bool]:
    """(readOnly, destructive, idempotent, openWorld) from RELIABILITY.md's table, by HTTP shape
    (a composite only reads)."""
    if isinstance(action, Composite) or action.method == "GET":
        return (True, False, True, True)
    if action.name.endswith("_update"):
        return (False, True, True, True)
    if action.method == "DELETE":
        return (False, True, True, True)
    if action.path.endswith(("/actions/cancel", "/actions/resolve")):  # a final state, once
        return (False, False, True, True)
    if action.name in ("incidents_create", "escalations_create"):
        return (False, False, True, True)
    assert action.name.endswith("_create"), action.name
    return (False, False, False, True)


def structured(result: CallToolResult) -> dict[str, Any]:
    content: Any = result.structured_content
    assert isinstance(content, dict)
    return cast(dict[str, Any], content)


def text_json(result: CallToolResult) -> Any:
    assert len(result.content) == 1
    block = result.content[0]
    assert block.type == "text"
    return json.loads(block.text)


@pytest.mark.parametrize(
    ("policy", "count"),
    [
        (ToolPolicy(), READS),
        (ToolPolicy(allow_writes=True), READS + WRITES),
        (ToolPolicy(allow_writes=True, allow_destructive=True), len(TOOLS)),
    ],
    ids=["default", "writes", "destructive"],
)
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_tools_list_over_an_in_process_session_follows_the_policy(
    sandbox_io: AsyncIncidentIO, policy: ToolPolicy, count: int, mode: str
) -> None:
    async with Client(create_server(sandbox_io, policy), mode=mode) as client:
        tools = (await client.list_tools()).tools
    assert [t.name for t in tools] == [a.name for a in policy.enabled_tools()]
    assert len(tools) == count


async def test_every_tool_has_explicit_annotations_from_the_reliability_table(
    sandbox_io: AsyncIncidentIO,
) -> None:
    async with Client(create_server(sandbox_io, ToolPolicy.everything()), mode="legacy") as client:
        tools = (await client.list_tools()).tools
    assert len(tools) == len(TOOLS)
    for tool in tools:
        assert tool.annotations is not None, tool.name
        sent = tool.annotations.model_dump(by_alias=True, exclude_none=True)
        assert {"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"} <= set(sent)
        got = (
            tool.annotations.read_only_hint,
            tool.annotations.destructive_hint,
            tool.annotations.idempotent_hint,
            tool.annotations.open_world_hint,
        )
        assert got == expected_hints(TOOLS[tool.name]), tool.name


async def test_tool_schemas_are_the_flat_input_and_the_contract_output(
    sandbox_io: AsyncIncidentIO,
) -> None:
    async with Client(create_server(sandbox_io, ToolPolicy.everything())) as client:
        tools: list[Tool] = (await client.list_tools()).tools
    for tool in tools:
        action = TOOLS[tool.name]
        assert tool.input_schema == tool_input_schema(action)
        assert "api_key" not in tool.input_schema["properties"]
        assert set(tool.input_schema["properties"]) == set(action.input.model_fields)
        contract = CONTRACT.get(tool.name, {}).get("output", action.output.model_json_schema())
        assert tool.output_schema == contract
        assert tool.description == action.description


async def test_a_call_returns_the_summary_as_structured_content_and_compact_text(
    sandbox_io: AsyncIncidentIO,
) -> None:
    full = await sandbox_io.call("severities_list", {})
    expected = ACTIONS["severities_list"].projected(full)
    async with Client(create_server(sandbox_io)) as client:
        result = await client.call_tool("severities_list", {})
    assert result.is_error is False
    assert structured(result) == expected
    assert text_json(result) == expected
    assert expected["success"] is True
    assert expected["severities"]
    assert expected != full  # the summary leaves the timestamps out
    text = result.content[0]
    assert text.type == "text"
    assert text.text == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


async def test_full_objects_and_fields_answer_with_what_was_asked(
    sandbox_io: AsyncIncidentIO,
) -> None:
    full = await sandbox_io.call("severities_list", {})
    async with Client(create_server(sandbox_io, ToolPolicy(full_objects=True))) as client:
        whole = structured(await client.call_tool("severities_list", {}))
    async with Client(create_server(sandbox_io)) as client:
        picked = structured(await client.call_tool("severities_list", {"fields": ["name"]}))
        everything = structured(await client.call_tool("severities_list", {"fields": ["*"]}))
    assert whole == full
    assert everything == full
    assert picked["severities"] == [{"name": s["name"]} for s in full["severities"]]


async def test_an_api_failure_is_an_is_error_result_not_a_protocol_error(
    sandbox_io: AsyncIncidentIO,
) -> None:
    async with Client(create_server(sandbox_io), mode="legacy") as client:
        result = await client.call_tool("incidents_show", {"id": "01NOSUCHINCIDENT"})
    output = structured(result)
    assert result.is_error is True
    assert output["success"] is False
    assert "404" in output["error"]
    assert output == text_json(result)
    assert set(output) == set(ACTIONS["incidents_show"].output.model_fields)


async def test_the_served_sandbox_client_keeps_the_pacing_budget_it_is_given() -> None:
    client = resolve_client(sandbox=True, pacing=PacingLimits(per_minute=2))
    # A frozen wall clock: the third call would wait the whole window (61 s), longer than the
    # call's 60 s deadline, so it is refused at once however slowly the machine runs.
    with time_machine.travel(1_900_000_000.0, tick=False):
        async with client, Client(create_server(client)) as session:
            results = [await session.call_tool("severities_list", {}) for _ in range(3)]
    assert [result.is_error for result in results] == [False, False, True]
    error = structured(results[2])["error"]
    assert error.startswith("Retry severities_list in 61 s")
    assert "under 2 requests per 61 s" in error
    assert "Nothing was sent" in error


async def test_invalid_arguments_are_an_error_result_and_send_nothing(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    async with Client(create_server(counting_client)) as client:
        result = await client.call_tool("incidents_list", {"page_size": 0, "api_key": "x"})
    assert result.is_error is True
    assert "api_key" in structured(result)["error"]
    assert request_log.requests == []


@pytest.mark.parametrize(
    ("policy", "tool", "arguments", "hint"),
    [
        (
            ToolPolicy(),
            "incidents_create",
            {"idempotency_key": "k", "severity_id": "s", "visibility": "public"},
            "--allow-writes",
        ),
        (
            ToolPolicy(allow_writes=True),
            "escalations_create",
            {"idempotency_key": "k", "title": "t", "user_ids": ["u"]},
            "--allow-destructive",
        ),
        (ToolPolicy(exclude_tools=["users_list"]), "users_list", {}, "--exclude-tools"),
    ],
    ids=["write-when-read-only", "paging-without-destructive", "excluded"],
)
async def test_a_forced_call_to_a_disabled_tool_is_refused_and_sends_nothing(
    counting_client: AsyncIncidentIO,
    request_log: RequestLog,
    policy: ToolPolicy,
    tool: str,
    arguments: dict[str, Any],
    hint: str,
) -> None:
    async with Client(create_server(counting_client, policy)) as client:
        listed = [t.name for t in (await client.list_tools()).tools]
        result = await client.call_tool(tool, arguments)
    assert tool not in listed
    assert result.is_error is True
    assert hint in structured(result)["error"]
    assert request_log.requests == []


async def test_instructions_ask_to_confirm_destructive_and_paging_tools(
    sandbox_io: AsyncIncidentIO,
) -> None:
    async with Client(create_server(sandbox_io, ToolPolicy.everything())) as client:
        text = client.instructions or ""
    assert "escalations_create" in text
    assert "confirm" in text
    assert "stopped with escalations_cancel" in text
    assert "read-only" in instructions_for(ToolPolicy())
    assert "escalations_cancel" not in instructions_for(ToolPolicy())
    without = ToolPolicy(allow_writes=True, exclude_tools="escalations_cancel")
    assert "escalations_cancel" not in instructions_for(without)


async def test_writes_through_mcp_change_the_sandbox(sandbox_io: AsyncIncidentIO) -> None:
    severities = (await sandbox_io.call("severities_list", {}))["severities"]
    arguments = {
        "idempotency_key": "mcp-test-1",
        "severity_id": severities[0]["id"],
        "visibility": "public",
        "name": "MCP write test",
        "mode": "test",
    }
    async with Client(create_server(sandbox_io, ToolPolicy(allow_writes=True))) as client:
        first = structured(await client.call_tool("incidents_create", arguments))
        again = structured(await client.call_tool("incidents_create", arguments))
    assert first["success"] is True
    assert again["incident"]["id"] == first["incident"]["id"]  # same idempotency key
    shown = await sandbox_io.call("incidents_show", {"id": first["incident"]["id"]})
    assert shown["incident"]["name"] == "MCP write test"


def test_tool_definitions_never_mention_the_api_key() -> None:
    dumped = json.dumps([t.model_dump(by_alias=True) for t in mcp_tools(ToolPolicy.everything())])
    assert "api_key" not in dumped


async def test_a_planted_key_appears_in_no_mcp_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENTIO_API_KEY", PLANTED_KEY)
    seen: list[str] = []
    rejected = sandbox_io_with_keys(PLANTED_KEY, ("another-key-entirely",))
    accepted = sandbox_io_with_keys(PLANTED_KEY, (PLANTED_KEY,))
    calls: list[tuple[str, dict[str, Any]]] = [
        ("severities_list", {}),
        ("incidents_show", {"id": "missing"}),
        ("incidents_list", {"page_size": 0}),
        ("incidents_create", {"idempotency_key": "k", "severity_id": "x", "visibility": "public"}),
        ("schedules_list", {}),
        ("nope", {}),
    ]
    for client in (rejected, accepted):
        async with client, Client(create_server(client, ToolPolicy.everything())) as session:
            seen.append(json.dumps([t.model_dump() for t in (await session.list_tools()).tools]))
            for name, arguments in calls:
                result = await session.call_tool(name, arguments)
                seen.append(result.model_dump_json())
                seen.append(repr(result))
    blob = "\n".join(seen)
    assert "401" in blob  # the rejected key really was used
    pieces = {PLANTED_KEY[i : i + 8] for i in range(len(PLANTED_KEY) - 7)}
    assert not [piece for piece in pieces if piece in blob]


def _stdio(*args: str) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable, args=["-m", "incidentio_toolkit.cli", "mcp", "--sandbox", *args]
    )


async def test_stdio_subprocess_serves_the_read_only_default() -> None:
    async with Client(_stdio()) as client:
        tools = (await client.list_tools()).tools
        ok = await client.call_tool("severities_list", {})
        refused = await client.call_tool("workflows_delete", {"id": "01ABC"})
    assert len(tools) == READS
    assert all(t.annotations and t.annotations.read_only_hint for t in tools)
    assert ok.is_error is False
    assert structured(ok)["severities"]
    assert refused.is_error is True
    assert "--allow-destructive" in structured(refused)["error"]


async def test_stdio_subprocess_applies_the_policy_flags() -> None:
    flags = ("--allow-writes", "--toolsets", "incidents", "--exclude-tools", "incidents_update")
    async with Client(_stdio(*flags)) as client:
        names = [t.name for t in (await client.list_tools()).tools]
        missing = await client.call_tool("incidents_show", {"id": "01NOSUCHINCIDENT"})
    expected = [
        a.name
        for a in TOOLS.values()
        if a.toolset == "incidents" and a.kind != "destructive" and a.name != "incidents_update"
    ]
    assert names == expected
    assert "incidents_create" in names
    assert "incident_brief" in names
    assert missing.is_error is True
    assert "404" in structured(missing)["error"]


async def test_no_tool_schema_uses_ref_or_defs(sandbox_io: AsyncIncidentIO) -> None:
    async with Client(create_server(sandbox_io, ToolPolicy.everything())) as client:
        tools = (await client.list_tools()).tools
    assert tools
    for tool in tools:
        for schema in (tool.input_schema, tool.output_schema or {}):
            dumped = json.dumps(schema)
            assert "$ref" not in dumped, tool.name
            assert "$defs" not in dumped, tool.name
