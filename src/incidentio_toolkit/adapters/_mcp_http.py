"""The MCP server's streamable-HTTP transport: bearer token, Host and Origin checks, uvicorn.

Binds 127.0.0.1 by default. Every request must carry `Authorization: Bearer <token>` (compared in
constant time); Host must be a loopback name, the bound address or an allowed name (else 421); a
browser Origin must match the same names (else 403). A non-loopback bind without a token is refused.

`GET /healthz` answers `ok` to anyone (a load balancer's health check): no data, no version.
`stateless` keeps no MCP session between requests (the SDK's stateless mode), so that replicas
behind a load balancer can each answer any request; `json_response` answers plain JSON instead of
an SSE stream, for proxies that buffer.
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import logging
import os
import secrets
import socket
import sys
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcp.server.lowlevel import Server

MCP_TOKEN_ENV_VAR = "INCIDENTIO_MCP_TOKEN"  # noqa: S105 - a variable name, not a secret
MIN_TOKEN_CHARS = 16
HEALTH_PATH = "/healthz"

_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class MCPConfigError(Exception):
    """The server cannot start as configured; the message is one sentence saying what to change."""


def bind_error(host: str, port: int, exc: OSError) -> str:
    """One sentence naming the option to change when binding `host:port` failed."""
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"--host {host!r} is not an address of this machine ({exc.strerror or exc}): use "
            "127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its addresses."
        )
    return f"port {port} is in use (or not allowed) on {host}: pick another --port."


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port; `MCPConfigError` (naming --host or --port) when the
    address cannot be bound."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except OSError as exc:
        raise MCPConfigError(bind_error(host, port, exc)) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise MCPConfigError(bind_error(host, port, exc)) from None
    return sock


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
    """Answers `GET /healthz`; checks Host (421) and Origin (403), then the bearer token (401),
    before the MCP app."""

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
        if scope["type"] == "websocket":  # MCP has no websocket transport: refuse outright
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        from starlette.requests import Request
        from starlette.responses import PlainTextResponse, Response

        if scope["path"] == HEALTH_PATH and scope["method"] in ("GET", "HEAD"):
            health = PlainTextResponse("ok\n", headers={"Cache-Control": "no-store"})
            await health(scope, receive, send)
            return

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
    stateless: bool = False,
    json_response: bool = False,
) -> ASGIApp:
    """The streamable-HTTP ASGI app of `server`, behind Host/Origin validation and a bearer token
    (`stateless`: no MCP session between requests; `json_response`: JSON instead of SSE)."""
    from mcp.server.transport_security import TransportSecuritySettings

    hosts, origins = _host_patterns(host, allowed_hosts)
    app = server.streamable_http_app(
        streamable_http_path=path,
        stateless_http=stateless,
        json_response=json_response,
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
    stateless: bool = False,
    json_response: bool = False,
) -> None:
    """Serve streamable HTTP on host:port until interrupted (requires a bearer token).

    The toolkit's warnings (such as pacing falling back from Redis) go to stderr with a time.
    Raises `MCPConfigError` when host:port cannot be bound (a port in use, an address that is not
    this machine's). Port 0 picks a free port (the printed URL names it).
    """
    import anyio
    import uvicorn

    from incidentio_toolkit.client import RedactingFormatter
    from incidentio_toolkit.defaults import SERVER_KEEP_ALIVE_SECONDS

    token, generated = resolve_token(host, auth_token)
    sock = bind_socket(host, port)
    port = sock.getsockname()[1]
    app = http_app(
        server,
        token=token,
        host=host,
        allowed_hosts=allowed_hosts,
        stateless=stateless,
        json_response=json_response,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets=[token]))
    package_logger = logging.getLogger("incidentio_toolkit")
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        lifespan="on",
        timeout_keep_alive=SERVER_KEEP_ALIVE_SECONDS,
    )
    web = uvicorn.Server(config)
    bound = f"[{host}]" if ":" in host else host
    package_logger.addHandler(handler)
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(web.serve, [sock])
            while not web.started:
                if web.should_exit:
                    return
                await anyio.sleep(0.02)
            mode = " (stateless)" if stateless else ""
            lines = [
                f"incidentio MCP server{mode}: http://{bound}:{port}/mcp "
                "(Authorization: Bearer <token>)"
            ]
            if generated:
                lines.append(
                    f"Generated bearer token (set {MCP_TOKEN_ENV_VAR} to fix one): {token}"
                )
            print("\n".join(lines), file=sys.stderr, flush=True)
    finally:
        package_logger.removeHandler(handler)
        sock.close()
