"""The incident.io MCP server, on the official `mcp` SDK's low-level `Server` (exact schemas).

    server = create_server(AsyncIncidentIO(), ToolPolicy())        # read-only
    await serve_stdio(server)                                      # or serve_http(...)

One tool per action and composite the policy enables, named as it (or, with `discovery=True`,
three meta-tools that find, describe and call them). `inputSchema` is the compact flat schema of
its parameters, `outputSchema` the contract's output schema; every result carries the contract
output as `structuredContent` plus one compact JSON text block, and `isError` whenever `success`
is false. List and show answers are summaries unless `fields` or `--full-objects` says
otherwise. API failures are results, never JSON-RPC errors.

A call that changes, removes or pages first asks the person through elicitation when the client
can be asked (`adapters._mcp_confirm`); `require_confirmation` refuses such calls when it cannot.
Resources `incident://INC-123` and `schedule://<name>` and the prompts `triage`, `handover` and
`postmortem-draft` come from `adapters._resources` and `adapters._prompts`. The incident.io key
comes from the environment only; no tool takes it as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.adapters._common import ToolPolicy
from incidentio_toolkit.adapters._discovery import CALL_TOOL, DESCRIBE_TOOL, FIND_TOOLS
from incidentio_toolkit.adapters._mcp_content import ContentHandlers
from incidentio_toolkit.adapters._mcp_http import (
    HEALTH_PATH,
    MCP_TOKEN_ENV_VAR,
    MCPConfigError,
    http_app,
    is_loopback,
    resolve_token,
    serve_http,
)
from incidentio_toolkit.adapters._mcp_tools import (
    ToolHandlers,
    compact_json,
    mcp_tool,
    mcp_tools,
    meta_tools,
    tool_result,
)
from incidentio_toolkit.composites.incidents import INCIDENT_BRIEF
from incidentio_toolkit.composites.on_call import ON_CALL_NOW

if TYPE_CHECKING:
    from mcp.server.lowlevel import Server

    from incidentio_toolkit.client import AsyncIncidentIO, PacingLimits

__all__ = [
    "HEALTH_PATH",
    "MCP_TOKEN_ENV_VAR",
    "MCPConfigError",
    "compact_json",
    "create_server",
    "http_app",
    "instructions_for",
    "is_loopback",
    "mcp_tool",
    "mcp_tools",
    "meta_tools",
    "resolve_client",
    "resolve_token",
    "run",
    "serve_http",
    "serve_stdio",
    "tool_result",
]

SERVER_NAME = "incidentio"


# --- the server --------------------------------------------------------------------------------


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def instructions_for(policy: ToolPolicy, *, discovery: bool = False) -> str:
    """The server instructions: what every tool shares, said once (names for ids, times,
    pages, `fields`), and to confirm anything that changes or pages. Tool names come from the
    records."""
    paging = [a.name for a in ACTIONS.values() if a.pages_people]
    keyed = [a.name for a in ACTIONS.values() if a.keyed]
    lines = [
        "incident.io tools. Ids come from the matching list tool, but where an id is expected a "
        "name works too (severity, status, type, role, custom field, schedule, escalation path, "
        "team; "
        "users by email, name or Slack id) and incidents take INC-123. "
        f"{INCIDENT_BRIEF.name} and {ON_CALL_NOW.name} answer whole questions in one call. "
        "Times are ISO 8601 with an offset; dates YYYY-MM-DD, and date filters are inclusive. "
        "Lists leave out test and tutorial incidents unless "
        "mode or incident_mode names them; for the next page pass pagination_meta.after as "
        "after. Every result has success and error; read error, it says what to fix.",
    ]
    if discovery:
        lines.append(
            f"Tools are reached through {FIND_TOOLS.name} (keywords; empty lists every name), "
            f"{DESCRIBE_TOOL.name} (a tool's parameters) and {CALL_TOOL.name} (name and "
            "arguments)."
        )
    if not policy.full_objects:
        lines.append(
            'List and show results are summaries: pass fields (dotted paths, or ["*"]) for more.'
        )
    if not policy.allow_writes:
        lines.append("This server is read-only: it cannot change anything in incident.io.")
    else:
        lines.append(
            f"Before a tool with destructiveHint true (updates, deletes) or {_listed(paging)} "
            "(it pages people at once), say what will happen and get the user's explicit "
            "confirmation; the server asks the user itself when the client supports elicitation. "
            "dry_run true says who would be paged. Prefer mode test for drills. Give "
            f"{_listed(keyed)} a new idempotency_key (a UUID), and the same one only to retry."
        )
        cancels = [a.name for a in policy.enabled_actions() if a.verb == "cancel"]
        if cancels:
            lines.append(f"A page sent by mistake is stopped with {', '.join(cancels)}.")
    return " ".join(lines)


def create_server(
    client: AsyncIncidentIO,
    policy: ToolPolicy | None = None,
    *,
    discovery: bool = False,
    require_confirmation: bool = False,
) -> Server[Any]:
    """An MCP server exposing the tools `policy` enables (read-only by default) via `client`,
    with the resources and prompts.

    - `discovery`: list three meta-tools (find, describe, call) instead of every tool.
    - `require_confirmation`: refuse calls that change, remove or page when the client cannot
      be asked through elicitation (they are asked whenever it can).
    """
    from mcp.server.lowlevel import Server

    policy = policy or ToolPolicy()
    tools = ToolHandlers(client, policy, discovery, require_confirmation)
    content = ContentHandlers(client, policy)
    return Server(
        SERVER_NAME,
        version=_version(),
        instructions=instructions_for(policy, discovery=discovery),
        get_tool_input_schema=tools.input_schema,
        on_list_tools=tools.list_tools,
        on_call_tool=tools.call_tool,
        on_list_resources=content.list_resources,
        on_list_resource_templates=content.list_templates,
        on_read_resource=content.read_resource,
        on_list_prompts=content.list_prompts,
        on_get_prompt=content.get_prompt,
    )


def _version() -> str:
    from incidentio_toolkit import __version__

    return __version__


# --- clients -----------------------------------------------------------------------------------


def resolve_client(*, sandbox: bool, pacing: PacingLimits | None = None) -> AsyncIncidentIO:
    """The sandbox client, or a client keyed from the environment; never a key from elsewhere.

    `pacing` replaces the budgets (else the environment's, else incident.io's; the in-process
    sandbox is not paced unless given one).
    """
    from incidentio_toolkit.client import AsyncIncidentIO, api_key_from_env, sandbox_client

    if sandbox:
        return sandbox_client() if pacing is None else sandbox_client(pacing=pacing)

    if api_key_from_env() is None:
        raise MCPConfigError(
            "No incident.io API key: set INCIDENTIO_API_KEY to a key from incident.io "
            "Settings > API keys, or pass --sandbox to serve the offline sandbox."
        )
    return AsyncIncidentIO() if pacing is None else AsyncIncidentIO(pacing=pacing)


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
    discovery: bool = False,
    require_confirmation: bool = False,
    stateless: bool = False,
    json_response: bool = False,
    pacing: PacingLimits | None = None,
) -> None:
    """Build the client and server and serve until the transport closes (blocking).
    `discovery` and `require_confirmation` are `create_server`'s; `stateless` and
    `json_response` are `serve_http`'s; `pacing` replaces the client's budgets.

    Raises `MCPConfigError` (one sentence) when it cannot start: no key without `sandbox`, an
    unknown transport, an HTTP-only option with stdio, or HTTP on a non-loopback address without
    a token.
    """
    import anyio

    if transport not in ("stdio", "http"):
        raise MCPConfigError(f"Unknown transport {transport!r}: use stdio or http.")
    if transport == "stdio" and (stateless or json_response):
        option = "--stateless" if stateless else "--json-response"
        raise MCPConfigError(f"{option} applies to HTTP only: add --transport http.")
    if transport == "http":
        resolve_token(host, auth_token)  # fail before building anything
    client = resolve_client(sandbox=sandbox, pacing=pacing)
    server = create_server(
        client, policy, discovery=discovery, require_confirmation=require_confirmation
    )

    async def main() -> None:
        async with client:
            if transport == "http":
                await serve_http(
                    server,
                    host=host,
                    port=port,
                    auth_token=auth_token,
                    allowed_hosts=allowed_hosts,
                    stateless=stateless,
                    json_response=json_response,
                )
            else:
                await serve_stdio(server)

    anyio.run(main)
