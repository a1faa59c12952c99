"""Fixtures for the cross-cutting reliability tests: a real redis-server, loopback servers, figures.

Measured figures are printed in the terminal summary (and with `-s` as they happen); set
`INCIDENTIO_FIGURES_FILE=path.json` to also write them to a file.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

FIGURES: dict[str, Any] = {}


def record_figure(name: str, value: Any) -> None:
    """Keep a measured figure for the summary (docs/reliability.md quotes them)."""
    FIGURES[name] = value
    print(f"\nFIGURE {name}: {value}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name}: {value}")
    target = os.environ.get("INCIDENTIO_FIGURES_FILE")
    if target:
        Path(target).write_text(json.dumps(FIGURES, indent=1, sort_keys=True) + "\n")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any) -> Generator[str]:
    """Run an ASGI app under uvicorn on a free loopback port in a thread; yield its base URL."""
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
    # and accepted sockets inherit it; without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", backlog=512)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def figure() -> Callable[[str, Any], None]:
    return record_figure
