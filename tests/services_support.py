"""Real services for the tests: redis-server and haproxy on free loopback ports.

`scripts/ensure-redis.sh` and `scripts/ensure-haproxy.sh` (run by `make services`, which `make test`
runs) install the binaries; a test that needs a missing one fails under CI=true and is skipped
elsewhere. Every process started here is stopped by the test that started it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def require_binary(name: str, script: str) -> str:
    """The path of `name`, or fail (CI) / skip (elsewhere) naming the script that installs it."""
    binary = shutil.which(name)
    if binary is None:
        message = f"{name} is not installed: run scripts/{script} (make services)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return binary


def wait_until(ready: object, what: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    """Poll `ready()` (a callable returning bool) until true, the process dies, or time runs out."""
    deadline = time.monotonic() + seconds
    while not ready():  # type: ignore[operator]
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready within {seconds:g} s")
        time.sleep(0.02)


class RedisServer:
    """A redis-server without persistence on a fixed loopback port; stop and start it again to
    simulate an outage (it comes back empty, as a restarted cache does)."""

    def __init__(self, port: int | None = None) -> None:
        self.binary = require_binary("redis-server", "ensure-redis.sh")
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, "redis-server", self.process, 10)
        return self

    def ping(self) -> bool:
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)
        try:
            return bool(client.ping())  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]
        except redis.ConnectionError:
            return False
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


HAPROXY_EXAMPLE = ROOT / "docs" / "haproxy.cfg"
"""The load balancer configuration docs/mcp.md shows, used as is by the tests and benchmarks."""


class HAProxy:
    """haproxy with docs/haproxy.cfg, listening on a free port in front of `backends` (host:port;
    the example names three servers, so fewer backends are repeated)."""

    def __init__(self, backends: list[str], log: IO[bytes] | None = None) -> None:
        self.binary = require_binary("haproxy", "ensure-haproxy.sh")
        self.port = free_port()
        self.backends = backends
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    def environment(self) -> dict[str, str]:
        servers = [self.backends[i % len(self.backends)] for i in range(3)]
        return {
            **os.environ,
            "MCP_LISTEN": f"127.0.0.1:{self.port}",
            **{f"MCP_REPLICA_{i + 1}": server for i, server in enumerate(servers)},
        }

    def start(self) -> HAProxy:
        check = subprocess.run(
            [self.binary, "-c", "-q", "-f", str(HAPROXY_EXAMPLE)],
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            raise RuntimeError(f"haproxy rejected {HAPROXY_EXAMPLE}: {check.stderr}")
        self.process = subprocess.Popen(
            [self.binary, "-db", "-f", str(HAPROXY_EXAMPLE)],
            env=self.environment(),
            stdout=self.log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), "haproxy", self.process, 10)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGUSR1)  # soft stop: finish what is in flight
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> HAProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
