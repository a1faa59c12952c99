from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from incidentio_toolkit.adapters.mcp import (
    MCPConfigError,
    create_server,
    http_app,
    resolve_token,
)
from incidentio_toolkit.client import sandbox_client
from incidentio_toolkit.composites import TOOLS

TOKEN = "test-token-0123456789abcdef"
READS = sum(1 for a in TOOLS.values() if a.kind == "read")
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "0"},
    },
}
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}


def guarded_client() -> httpx2.AsyncClient:
    """An in-process HTTP client for the guarded app (rejections need no lifespan)."""
    app = http_app(create_server(sandbox_client()), token=TOKEN)
    return httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),  # pyright: ignore[reportArgumentType]
        base_url="http://127.0.0.1:8000",
    )


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong-token-0123456789"}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": f"Bearer {TOKEN}", "Host": "evil.example"}, 421),
        ({"Authorization": f"Bearer {TOKEN}", "Host": "evil.example:8000"}, 421),
        ({"Authorization": f"Bearer {TOKEN}", "Origin": "http://evil.example"}, 403),
        ({"Host": "attacker.example"}, 421),
    ],
    ids=["no-token", "wrong-token", "not-bearer", "host", "host-port", "origin", "host-first"],
)
async def test_guard_rejects_missing_tokens_and_foreign_hosts_or_origins(
    headers: dict[str, str], status: int
) -> None:
    async with guarded_client() as http:
        response = await http.post("/mcp", json=INITIALIZE, headers={**MCP_HEADERS, **headers})
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_binding_a_non_loopback_address_without_a_token_is_refused() -> None:
    with pytest.raises(MCPConfigError, match="INCIDENTIO_MCP_TOKEN"):
        resolve_token("0.0.0.0", None)  # noqa: S104
    with pytest.raises(MCPConfigError, match="non-loopback"):
        resolve_token("192.168.1.20", None)


def test_loopback_without_a_token_generates_one_and_env_token_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token, generated = resolve_token("127.0.0.1", None)
    assert generated
    assert len(token) >= 32
    monkeypatch.setenv("INCIDENTIO_MCP_TOKEN", TOKEN)
    assert resolve_token("0.0.0.0", None) == (TOKEN, False)  # noqa: S104
    assert resolve_token("::1", "x" * 20) == ("x" * 20, False)


def test_a_short_token_is_refused() -> None:
    with pytest.raises(MCPConfigError, match="too short"):
        resolve_token("127.0.0.1", "short")


def test_cli_refuses_to_bind_all_interfaces_without_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "INCIDENTIO_MCP_TOKEN"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "incidentio_toolkit.cli",
            "mcp",
            "--sandbox",
            "--transport",
            "http",
            "--host",
            "0.0.0.0",  # noqa: S104 - the refusal under test; nothing is bound
            "--port",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "without a bearer token" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@dataclass
class RunningServer:
    url: str
    port: int


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def http_server() -> Iterator[RunningServer]:
    port = _free_port()
    env = {**os.environ, "INCIDENTIO_MCP_TOKEN": TOKEN}
    env.pop("INCIDENTIO_API_KEY", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "incidentio_toolkit.cli",
            "mcp",
            "--sandbox",
            "--transport",
            "http",
            "--port",
            str(port),
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    watchdog = threading.Timer(30, process.kill)
    watchdog.start()
    try:
        assert process.stderr is not None
        banner = process.stderr.readline()  # printed once the server accepts connections
        assert "incidentio MCP server" in banner, banner
        watchdog.cancel()
        yield RunningServer(f"http://127.0.0.1:{port}/mcp", port)
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


@pytest.mark.anyio
async def test_http_server_lists_tools_for_a_client_with_the_token(
    http_server: RunningServer,
) -> None:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"}) as http,
        Client(streamable_http_client(http_server.url, http_client=http)) as client,
    ):
        tools = (await client.list_tools()).tools
        result = await client.call_tool("severities_list", {})
    assert len(tools) == READS
    assert result.is_error is False


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": f"Bearer {TOKEN}", "Host": "evil.example"}, 421),
        ({"Authorization": f"Bearer {TOKEN}", "Origin": "http://evil.example"}, 403),
    ],
    ids=["no-token", "host", "origin"],
)
async def test_http_server_on_a_real_port_enforces_token_host_and_origin(
    http_server: RunningServer, headers: dict[str, str], status: int
) -> None:
    async with httpx2.AsyncClient() as http:
        response = await http.post(
            http_server.url, json=INITIALIZE, headers={**MCP_HEADERS, **headers}
        )
    assert response.status_code == status


@pytest.mark.anyio
async def test_guard_closes_websockets_before_the_app() -> None:
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: Any) -> None:
        sent.append(message)

    app = http_app(create_server(sandbox_client()), token=TOKEN)
    scope: dict[str, Any] = {"type": "websocket", "path": "/mcp", "headers": []}
    await app(scope, receive, send)
    assert sent == [{"type": "websocket.close", "code": 1008}]
