"""Shared helpers for the MCP tests: a person answering elicitations, and result readers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import mcp_types as types
from mcp import StdioServerParameters
from mcp.client.session import ClientRequestContext

Answer = Literal["accept", "decline", "cancel"]


@dataclass
class Person:
    """An elicitation callback that answers every question the same way and keeps them."""

    answer: Answer = "accept"
    questions: list[str] = field(default_factory=list[str])

    async def __call__(
        self, context: ClientRequestContext, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        self.questions.append(params.message)
        content: dict[str, Any] | None = {} if self.answer == "accept" else None
        return types.ElicitResult(action=self.answer, content=content)


def structured(result: types.CallToolResult) -> dict[str, Any]:
    content: Any = result.structured_content
    assert isinstance(content, dict)
    return cast(dict[str, Any], content)


def stdio(*args: str) -> StdioServerParameters:
    """`incidentio mcp --sandbox ARGS` as a subprocess of this interpreter."""
    return StdioServerParameters(
        command=sys.executable, args=["-m", "incidentio_toolkit.cli", "mcp", "--sandbox", *args]
    )


HTTP_TOKEN = "confirm-test-token-0123456789"


@contextmanager
def http_server(*args: str) -> Generator[str]:
    """`incidentio mcp --sandbox --transport http ARGS` on a free loopback port; yields its URL."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "INCIDENTIO_MCP_TOKEN": HTTP_TOKEN}
    env.pop("INCIDENTIO_API_KEY", None)
    command = [*stdio().args, "--transport", "http", "--port", str(port), *args]
    process = subprocess.Popen(
        [sys.executable, *command],
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
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()
