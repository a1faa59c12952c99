"""Shared helpers for the MCP tests: a person answering elicitations, and result readers."""

from __future__ import annotations

import os
import re
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
_SERVING = re.compile(r"incidentio MCP server[^:]*: (http://\S+/mcp) ")


def http_process(*args: str, token: str = HTTP_TOKEN) -> subprocess.Popen[str]:
    """`incidentio mcp --sandbox --transport http --port 0 ARGS` requiring `token`: the server
    takes a free port and names it in the first line it prints (see `serving`)."""
    env = {**os.environ, "INCIDENTIO_MCP_TOKEN": token}
    env.pop("INCIDENTIO_API_KEY", None)
    return subprocess.Popen(
        [sys.executable, *stdio().args, "--transport", "http", "--port", "0", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def url_in(banner: str) -> str:
    """The URL a server's first line names."""
    found = _SERVING.search(banner)
    assert found is not None, banner
    return found[1]


@contextmanager
def serving(*processes: subprocess.Popen[str]) -> Generator[list[str]]:
    """Wait (at most 30 s) for each server's first line, printed once it accepts connections;
    yield those lines, and stop every server at the end."""
    watchdog = threading.Timer(30, lambda: [process.kill() for process in processes])
    watchdog.start()
    try:
        banners = [process.stderr.readline() if process.stderr else "" for process in processes]
        watchdog.cancel()
        for banner in banners:
            url_in(banner)
        yield banners
    finally:
        watchdog.cancel()
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
            if process.stderr is not None:
                process.stderr.close()


@contextmanager
def http_server(*args: str, token: str = HTTP_TOKEN) -> Generator[str]:
    """`incidentio mcp --sandbox --transport http ARGS` on a free loopback port; yields its URL."""
    with serving(http_process(*args, token=token)) as (banner,):
        yield url_in(banner)
