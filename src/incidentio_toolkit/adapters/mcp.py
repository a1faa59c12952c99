"""The incident.io MCP server, on the official `mcp` SDK's low-level `Server` (exact schemas).

    server = create_server(AsyncIncidentIO(), ToolPolicy())        # read-only
    await serve_stdio(server)                                      # or serve_http(...)

One tool per action the policy enables, named as the action. `inputSchema` is the compact flat
schema of its parameters, `outputSchema` the contract's output schema; every result carries the
contract output as `structuredContent` plus one JSON text block, and `isError` whenever `success` is
false. API failures are results, never JSON-RPC errors. The incident.io key comes from the
environment only; no tool takes it as a parameter.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import secrets
import sys
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import mcp_types as types

from incidentio_toolkit.actions import Action
from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    run_tool,
    tool_input_schema,
    tool_output_schema,
)

if TYPE_CHECKING:
    from mcp.server.context import ServerRequestContext
    from mcp.server.lowlevel import Server

    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = [
    "MCP_TOKEN_ENV_VAR",
    "MCPConfigError",
    "create_server",
    "http_app",
    "instructions_for",
    "mcp_tool",
    "mcp_tools",
    "resolve_client",
    "run",
    "sandbox_client",
    "serve_http",
    "serve_stdio",
]

MCP_TOKEN_ENV_VAR = "INCIDENTIO_MCP_TOKEN"  # noqa: S105 - a variable name, not a secret
SERVER_NAME = "incidentio"
MIN_TOKEN_CHARS = 16

_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class MCPConfigError(Exception):
    """The server cannot start as configured; the message is one sentence saying what to change."""


# --- tools -------------------------------------------------------------------------------------


def mcp_tool(action: Action) -> types.Tool:
    """The MCP tool definition of one action, with every annotation explicit."""
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
    return [mcp_tool(action) for action in (policy or ToolPolicy()).enabled_actions()]


def instructions_for(policy: ToolPolicy) -> str:
    """The server instructions: how to find ids, and to confirm anything that changes or pages."""
    lines = [
        "incident.io tools. Ids come from the matching *_list tools (severities_list, "
        "incident_statuses_list, users_list, schedules_list, ...); list results are paginated "
        "via pagination_meta.after. Every result has success and error; read error, it says "
        "what to fix.",
    ]
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
        from incidentio_toolkit.actions import ACTIONS

        action = ACTIONS.get(name)
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
        content=[types.TextContent(type="text", text=json.dumps(output, ensure_ascii=False))],
        structured_content=output,
        is_error=output.get("success") is not True,
    )


def _version() -> str:
    from incidentio_toolkit import __version__

    return __version__


# --- clients -----------------------------------------------------------------------------------


def sandbox_client() -> AsyncIncidentIO:
    """A client wired in-process to a fresh embedded sandbox: no key, no network, no sockets."""
    from incidentio_toolkit._http import asgi_transport
    from incidentio_toolkit.client import AsyncIncidentIO
    from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app

    return AsyncIncidentIO(
        DEMO_API_KEY,
        base_url="http://sandbox.invalid",
        transport=asgi_transport(create_app()),
        pacing=None,
    )


def resolve_client(*, sandbox: bool) -> AsyncIncidentIO:
    """The sandbox client, or a client keyed from the environment; never a key from elsewhere."""
    if sandbox:
        return sandbox_client()
    from incidentio_toolkit.client import AsyncIncidentIO
    from incidentio_toolkit.client._config import api_key_from_env

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


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, auth_token: str | None) -> tuple[str, bool]:
    """The bearer token to require, and whether it was generated here (loopback only)."""
    token = auth_token or os.environ.get(MCP_TOKEN_ENV_VAR) or None
    if token is None:
        if not is_loopback(host):
            raise MCPConfigError(
                f"Refusing to serve MCP over HTTP on non-loopback address {host!r} without a "
                f"bearer token: set {MCP_TOKEN_ENV_VAR} or pass --auth-token."
            )
        return secrets.token_urlsafe(32), True
    if len(token) < MIN_TOKEN_CHARS:
        raise MCPConfigError(
            f"The MCP bearer token is too short: use at least {MIN_TOKEN_CHARS} random "
            f"characters in {MCP_TOKEN_ENV_VAR} or --auth-token."
        )
    return token, False


def _host_patterns(host: str, extra: Iterable[str]) -> tuple[list[str], list[str]]:
    hosts = [*_LOOPBACK_HOSTS, *(f"{name}:*" for name in _LOOPBACK_HOSTS)]
    origins = [f"http://{name}{port}" for name in _LOOPBACK_HOSTS for port in ("", ":*")]
    bound = f"[{host}]" if ":" in host else host
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):  # noqa: S104 - comparison only
        hosts += [bound, f"{bound}:*"]
        origins += [
            f"http://{bound}",
            f"http://{bound}:*",
            f"https://{bound}",
            f"https://{bound}:*",
        ]
    for name in extra:
        hosts += [name, f"{name}:*"]
        origins += [
            f"{scheme}://{name}{port}" for scheme in ("http", "https") for port in ("", ":*")
        ]
    return hosts, origins


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _Guard:
    """Checks Host (421) and Origin (403), then the bearer token (401), before the MCP app."""

    def __init__(self, app: ASGIApp, token: str, hosts: list[str], origins: list[str]) -> None:
        from mcp.server.transport_security import (
            TransportSecurityMiddleware,
            TransportSecuritySettings,
        )

        self._app = app
        self._token = token.encode()
        self._security = TransportSecurityMiddleware(
            TransportSecuritySettings(
                enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins
            )
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self._app(scope, receive, send)
            return
        from starlette.requests import Request
        from starlette.responses import Response

        rejected = await self._security.validate_request(Request(scope), is_post=False)
        if rejected is None and not self._authorized(scope):
            rejected = Response(
                "Missing or invalid bearer token.",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="incidentio-mcp"'},
            )
        if rejected is not None:
            await rejected(scope, receive, send)  # pyright: ignore[reportArgumentType]
            return
        await self._app(scope, receive, send)

    def _authorized(self, scope: Scope) -> bool:
        presented = b""
        for name, value in scope.get("headers") or ():
            if name.lower() == b"authorization":
                scheme, _, credentials = bytes(value).partition(b" ")
                if scheme.lower() == b"bearer":
                    presented = credentials.strip()
        return hmac.compare_digest(presented, self._token)


def http_app(
    server: Server[Any],
    *,
    token: str,
    host: str = "127.0.0.1",
    allowed_hosts: Iterable[str] = (),
    path: str = "/mcp",
) -> ASGIApp:
    """The streamable-HTTP ASGI app of `server`, behind Host/Origin validation and a bearer token."""
    from mcp.server.transport_security import TransportSecuritySettings

    hosts, origins = _host_patterns(host, allowed_hosts)
    app = server.streamable_http_app(
        streamable_http_path=path,
        host=host,
        transport_security=TransportSecuritySettings(
            enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins
        ),
    )
    return _Guard(app, token, hosts, origins)  # pyright: ignore[reportArgumentType]


async def serve_http(
    server: Server[Any],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    auth_token: str | None = None,
    allowed_hosts: Iterable[str] = (),
) -> None:
    """Serve streamable HTTP on host:port until interrupted (requires a bearer token)."""
    import anyio
    import uvicorn

    token, generated = resolve_token(host, auth_token)
    app = http_app(server, token=token, host=host, allowed_hosts=allowed_hosts)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    web = uvicorn.Server(config)
    bound = f"[{host}]" if ":" in host else host
    async with anyio.create_task_group() as tg:
        tg.start_soon(web.serve)
        while not web.started:
            if web.should_exit:
                return
            await anyio.sleep(0.02)
        lines = [
            f"incidentio MCP server: http://{bound}:{port}/mcp (Authorization: Bearer <token>)"
        ]
        if generated:
            lines.append(f"Generated bearer token (set {MCP_TOKEN_ENV_VAR} to fix one): {token}")
        print("\n".join(lines), file=sys.stderr, flush=True)


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
