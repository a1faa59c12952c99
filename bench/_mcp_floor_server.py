"""The floor for MCP start-up: a minimal stdio server with one tool, built the way
`incidentio_toolkit.adapters.mcp` builds its server (the SDK's low-level `Server`, handlers passed
to the constructor, `stdio_server()` + `server.run(...)`).

    python bench/_mcp_floor_server.py
"""

from __future__ import annotations

from typing import Any

import anyio
import mcp_types as types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

TOOL = types.Tool(
    name="ping",
    description="Answer pong.",
    input_schema={"type": "object", "properties": {}},
)


async def list_tools(
    ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
) -> types.ListToolsResult:
    return types.ListToolsResult(tools=[TOOL])


async def call_tool(
    ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text="pong")])


async def main() -> None:
    server: Server[Any] = Server(
        "floor", version="0", on_list_tools=list_tools, on_call_tool=call_tool
    )
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
