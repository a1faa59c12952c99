"""The incident.io MCP server, on the official `mcp` SDK's low-level `Server` (exact schemas).

    server = create_server(AsyncIncidentIO(), ToolPolicy())        # read-only
    await serve_stdio(server)                                      # or serve_http(...)

One tool per action and composite the policy enables, named as it. `inputSchema` is the compact
flat schema of its parameters, `outputSchema` the contract's output schema; every result carries the
contract output as `structuredContent` plus one compact JSON text block, and `isError` whenever
`success` is false. List and show answers are summaries unless `fields` or `--full-objects` says
otherwise. API failures are results, never JSON-RPC errors. The incident.io key comes from the
environment only; no tool takes it as a parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import mcp_types as types

from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    run_tool,
    tool_input_schema,
    tool_output_schema,
)
from incidentio_toolkit.adapters._mcp_http import (
    MCP_TOKEN_ENV_VAR,
    MCPConfigError,
    http_app,
    is_loopback,
    resolve_token,
    serve_http,
)
from incidentio_toolkit.composites import TOOLS, Tool

if TYPE_CHECKING:
    from mcp.server.context import ServerRequestContext
    from mcp.server.lowlevel import Server

    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = [
    "MCP_TOKEN_ENV_VAR",
    "MCPConfigError",
    "compact_json",
    "create_server",
    "http_app",
    "instructions_for",
    "is_loopback",
    "mcp_tool",
    "mcp_tools",
    "resolve_client",
    "resolve_token",
    "run",
    "serve_http",
    "serve_stdio",
    "tool_result",
]

SERVER_NAME = "incidentio"


# --- tools -------------------------------------------------------------------------------------


def mcp_tool(action: Tool) -> types.Tool:
    """The MCP tool definition of one action or composite, with every annotation explicit."""
    hints = action.annotations
    return types.Tool(
        name=action.name,
        description=action.description,
        input_schema=tool_input_schema(action),
        output_schema=tool_output_schema(action),
        annotations=types.ToolAnnotations(
            read_only_hint=hints.read_only,
            destructive_hint=hints.destructive,
            idempotent_hint=hints.idempotent,
            open_world_hint=hints.open_world,
        ),
    )


def mcp_tools(policy: ToolPolicy | None = None) -> list[types.Tool]:
    """The tools/list of a server with this policy (read-only by default)."""
    return [mcp_tool(tool) for tool in (policy or ToolPolicy()).enabled_tools()]


def instructions_for(policy: ToolPolicy) -> str:
    """The server instructions: how to find ids, and to confirm anything that changes or pages."""
    lines = [
        "incident.io tools. Where an id is expected, a name works too (severity, status, type, "
        "role, custom field, schedule, escalation path; users by email, name or Slack id) and "
        "incidents take INC-123. incident_brief and on_call_now answer whole questions in one "
        "call. For the next page of a list, pass its pagination_meta.after as after. Every "
        "result has success and "
        "error; read error, it says what to fix.",
    ]
    if not policy.full_objects:
        lines.append(
            'List and show results are summaries: pass fields (dotted paths, or ["*"]) for more.'
        )
    if not policy.allow_writes:
        lines.append("This server is read-only: it cannot change anything in incident.io.")
    else:
        lines.append(
            "Before calling a tool with destructiveHint true (updates, deletes) or "
            "escalations_create (it pages a human immediately), state what will happen and get "
            "the user's explicit confirmation. Prefer mode test for drills, and reuse the same "
            "idempotency_key when retrying incidents_create or escalations_create."
        )
    return " ".join(lines)


def create_server(client: AsyncIncidentIO, policy: ToolPolicy | None = None) -> Server[Any]:
    """An MCP server exposing the actions `policy` enables (read-only by default) via `client`.

    Tool definitions are built on the first tools/list, so starting the server stays cheap.
    """
    from mcp.server.lowlevel import Server

    policy = policy or ToolPolicy()
    listed: list[types.Tool] = []

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        if not listed:
            listed.extend(mcp_tools(policy))
        return types.ListToolsResult(tools=listed)

    async def call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        output = await run_tool(client, params.name, params.arguments, policy)
        return tool_result(output)

    def input_schema(name: str) -> dict[str, Any] | None:
        action = TOOLS.get(name)
        if action is None or not policy.enabled(action):
            return None
        return tool_input_schema(action)

    return Server(
        SERVER_NAME,
        version=_version(),
        instructions=instructions_for(policy),
        get_tool_input_schema=input_schema,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def tool_result(output: dict[str, Any]) -> types.CallToolResult:
    """The MCP result for a contract output: structured, one JSON text block, isError on failure."""
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=compact_json(output))],
        structured_content=output,
        is_error=output.get("success") is not True,
    )


def compact_json(value: Any) -> str:
    """JSON without the spaces after `,` and `:` (about a tenth of the characters of an
    answer) and with non-ASCII text kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _version() -> str:
    from incidentio_toolkit import __version__

    return __version__


# --- clients -----------------------------------------------------------------------------------


def resolve_client(*, sandbox: bool) -> AsyncIncidentIO:
    """The sandbox client, or a client keyed from the environment; never a key from elsewhere."""
    from incidentio_toolkit.client import AsyncIncidentIO, api_key_from_env, sandbox_client

    if sandbox:
        return sandbox_client()

    if api_key_from_env() is None:
        raise MCPConfigError(
            "No incident.io API key: set INCIDENTIO_API_KEY to a key from incident.io "
            "Settings > API keys, or pass --sandbox to serve the offline sandbox."
        )
    return AsyncIncidentIO()


# --- transports --------------------------------------------------------------------------------


async def serve_stdio(server: Server[Any]) -> None:
    """Serve one MCP session over this process's stdin and stdout."""
    from mcp.server.stdio import stdio_server

    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def run(
    policy: ToolPolicy | None = None,
    *,
    sandbox: bool = False,
    transport: str = "stdio",
    host: str = "127.0.0.1",
    port: int = 8000,
    auth_token: str | None = None,
    allowed_hosts: Iterable[str] = (),
) -> None:
    """Build the client and server and serve until the transport closes (blocking).

    Raises `MCPConfigError` (one sentence) when it cannot start: no key without `sandbox`, an
    unknown transport, or HTTP on a non-loopback address without a token.
    """
    import anyio

    if transport not in ("stdio", "http"):
        raise MCPConfigError(f"Unknown transport {transport!r}: use stdio or http.")
    if transport == "http":
        resolve_token(host, auth_token)  # fail before building anything
    client = resolve_client(sandbox=sandbox)
    server = create_server(client, policy)

    async def main() -> None:
        async with client:
            if transport == "http":
                await serve_http(
                    server, host=host, port=port, auth_token=auth_token, allowed_hosts=allowed_hosts
                )
            else:
                await serve_stdio(server)

    anyio.run(main)
