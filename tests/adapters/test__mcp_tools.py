from __future__ import annotations

import json
from typing import Any

import pytest
from mcp import Client

from incidentio_toolkit.adapters import ToolPolicy, context_budget
from incidentio_toolkit.adapters._discovery import META_TOOLS
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.client import AsyncIncidentIO

pytestmark = pytest.mark.anyio

SERVERS: dict[str, tuple[ToolPolicy, bool]] = {
    "all": (ToolPolicy.everything(), False),
    "read-only": (ToolPolicy(), False),
    "discovery": (ToolPolicy.everything(), True),
}
"""label: (policy, discovery mode)."""


async def listed(io: AsyncIncidentIO, server: str) -> list[dict[str, Any]]:
    policy, discovery = SERVERS[server]
    async with Client(create_server(io, policy, discovery=discovery)) as client:
        tools = (await client.list_tools()).tools
    return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in tools]


def wire_chars(tool: dict[str, Any]) -> int:
    schema = json.dumps(tool["inputSchema"], separators=(",", ":"), ensure_ascii=False)
    return len(tool["name"]) + len(tool.get("description", "")) + len(schema)


@pytest.mark.parametrize("server", list(SERVERS))
async def test_context_budget_counts_exactly_what_tools_list_sends(
    sandbox_io: AsyncIncidentIO, server: str
) -> None:
    tools = await listed(sandbox_io, server)
    policy, discovery = SERVERS[server]
    records = list(META_TOOLS.values()) if discovery else policy.enabled_tools()
    assert [tool["name"] for tool in tools] == [record.name for record in records]
    assert sum(wire_chars(tool) for tool in tools) == context_budget(records)


@pytest.mark.parametrize("server", list(SERVERS))
async def test_no_tool_schema_has_a_reference(sandbox_io: AsyncIncidentIO, server: str) -> None:
    for tool in await listed(sandbox_io, server):
        dumped = json.dumps(tool)
        assert "$ref" not in dumped, tool["name"]
        assert "$defs" not in dumped, tool["name"]
