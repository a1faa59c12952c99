from __future__ import annotations

import json
from typing import Any

import mcp_types as types
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from tests.adapters.mcp_support import stdio

from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.adapters._prompts import PROMPTS
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.client import AsyncIncidentIO

pytestmark = pytest.mark.anyio


def read_json(result: types.ReadResourceResult) -> Any:
    [content] = result.contents
    assert isinstance(content, types.TextResourceContents)
    assert content.mime_type == "application/json"
    return json.loads(content.text)


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_an_incident_resource_is_its_brief(sandbox_io: AsyncIncidentIO, mode: str) -> None:
    async with Client(create_server(sandbox_io), mode=mode) as client:
        templates = (await client.list_resource_templates()).resource_templates
        fixed = (await client.list_resources()).resources
        brief = read_json(await client.read_resource("incident://INC-6"))
    assert [t.uri_template for t in templates] == ["incident://{incident}", "schedule://{schedule}"]
    assert fixed == []
    assert brief == await sandbox_io.call("incident_brief", {"incident": "INC-6"})
    assert brief["brief"]["reference"] == "INC-6"


async def test_a_schedule_resource_says_who_is_on_call(sandbox_io: AsyncIncidentIO) -> None:
    async with Client(create_server(sandbox_io)) as client:
        encoded = read_json(await client.read_resource("schedule://Primary%20On-call"))
    truth = await sandbox_io.call("on_call_now", {"schedule": "Primary On-call"})
    assert encoded["on_call"]["schedule"] == "Primary On-call"
    assert encoded["on_call"]["on_call"] == truth["on_call"]["on_call"]


@pytest.mark.parametrize(
    ("uri", "fragment"),
    [
        ("incident://INC-999999", "404"),
        ("schedule://Primary Oncall", "Closest: 'Primary On-call'"),
        ("pager://x", "Unknown resource"),
    ],
)
async def test_a_resource_that_cannot_be_read_is_an_error_saying_why(
    sandbox_io: AsyncIncidentIO, uri: str, fragment: str
) -> None:
    async with Client(create_server(sandbox_io)) as client:
        with pytest.raises(MCPError, match=fragment) as info:
            await client.read_resource(uri)
    assert info.value.code == types.INVALID_PARAMS


async def test_resources_follow_the_tool_policy(sandbox_io: AsyncIncidentIO) -> None:
    policy = ToolPolicy(exclude_tools=["incident_brief"])
    async with Client(create_server(sandbox_io, policy)) as client:
        templates = (await client.list_resource_templates()).resource_templates
        with pytest.raises(MCPError, match="--exclude-tools"):
            await client.read_resource("incident://INC-6")
    assert [t.uri_template for t in templates] == ["schedule://{schedule}"]


async def test_prompts_are_listed_and_rendered_under_the_policy(
    sandbox_io: AsyncIncidentIO,
) -> None:
    async with Client(create_server(sandbox_io)) as client:
        listed = (await client.list_prompts()).prompts
        triage = await client.get_prompt("triage", {"incident": "INC-6"})
        with pytest.raises(MCPError, match="needs incident"):
            await client.get_prompt("postmortem-draft", {})
        with pytest.raises(MCPError, match="Unknown prompt"):
            await client.get_prompt("retro", {})
    assert [p.name for p in listed] == list(PROMPTS)
    postmortem = next(p for p in listed if p.name == "postmortem-draft")
    assert postmortem.arguments is not None
    assert postmortem.arguments[0].required is True
    [message] = triage.messages
    assert message.role == "user"
    assert isinstance(message.content, types.TextContent)
    assert message.content.text.startswith("Triage INC-6 ")
    assert "incidents_update: " in message.content.text
    assert "--allow-writes" in message.content.text  # read-only server: says how to enable it


async def test_a_subprocess_server_serves_resources_and_prompts() -> None:
    async with Client(stdio()) as client:
        brief = read_json(await client.read_resource("incident://INC-6"))
        handover = await client.get_prompt("handover", {"schedule": "Primary On-call"})
    assert brief["brief"]["reference"] == "INC-6"
    content = handover.messages[0].content
    assert isinstance(content, types.TextContent)
    assert "on_call_now: " in content.text
