"""Real services for the tests: redis-server and haproxy on free loopback ports.

`scripts/ensure-redis.sh` and `scripts/ensure-haproxy.sh` (run by `make services`, which `make test`
runs) install the binaries; a test that needs a missing one fails under CI=true and is skipped
elsewhere. Every process started here is stopped by the test that started it.

Neither can be told to take any free port and say which (haproxy refuses port 0; redis-server
takes it as "no TCP"), so each is given one that was free a moment before: when another process
(another pytest-xdist worker's server) took it meanwhile, the server exits saying so and is
started again.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
PORT_IN_USE = "Address already in use"
"""What redis-server and haproxy print when another process holds the port they were given."""
START_ATTEMPTS = 5


class ExitedEarlyError(RuntimeError):
    """A server process exited before it was ready."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (another process may take it
    before the server told to use it binds it: see `start_on_port`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def refused_port() -> Generator[int]:
    """A loopback port where a connection is refused, held for the block: a socket bound to it
    that never listens keeps other processes off it, and Linux answers a connection to a port
    without a listener with a reset."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def listens_on(process: subprocess.Popen[bytes], port: int) -> bool:
    """True once `process` itself listens on `port` (not some other process that took it)."""
    try:
        connections = psutil.Process(process.pid).net_connections(kind="tcp")
    except psutil.Error:
        return False
    return any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in connections)


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
            raise ExitedEarlyError(f"{what} exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready within {seconds:g} s")
        time.sleep(0.02)


def start_on_port(
    command: Callable[[int], list[str]],
    port: int,
    *,
    what: str,
    ready: Callable[[subprocess.Popen[bytes], int], bool] = listens_on,
    keep_port: bool = False,
    environment: Callable[[int], dict[str, str]] | None = None,
    log: IO[bytes] | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `command(port)` (in `environment(port)`) and wait until `ready`; returns the process
    and its port. When the port was taken meanwhile, start it again on another free port, or on
    the same one a moment later with `keep_port` (a server restarted at the address its clients
    know). Its output is kept to say why it exited; `log` takes its standard output instead."""
    for attempt in range(1, START_ATTEMPTS + 1):
        with tempfile.TemporaryFile() as said:
            process = subprocess.Popen(
                command(port),
                env=None if environment is None else environment(port),
                stdin=subprocess.DEVNULL,
                stdout=log if log is not None else said,
                stderr=said,
            )
            try:
                wait_until(partial(ready, process, port), what, process, 10)
                return process, port
            except ExitedEarlyError as exc:
                said.seek(0)
                output = said.read().decode(errors="replace")
                if PORT_IN_USE not in output or attempt == START_ATTEMPTS:
                    raise ExitedEarlyError(f"{exc}: {output[-2000:]}") from None
            except BaseException:
                stop(process)
                raise
        if keep_port:
            time.sleep(0.5)
        else:
            port = free_port()
    raise AssertionError("unreachable")


def stop(process: subprocess.Popen[bytes], stop_signal: int = signal.SIGTERM) -> None:
    """Ask `process` to stop, kill it after 10 s, and reap it."""
    if process.poll() is None:
        process.send_signal(stop_signal)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RedisServer:
    """A redis-server without persistence on a loopback port; stop and start it again to simulate
    an outage (it comes back empty, as a restarted cache does, at the same address)."""

    def __init__(self) -> None:
        self.binary = require_binary("redis-server", "ensure-redis.sh")
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._started_before = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process, self.port = start_on_port(
            lambda port: [
                *(self.binary, "--port", str(port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            self.port,
            what="redis-server",
            ready=lambda process, port: listens_on(process, port) and _redis_answers(port),
            keep_port=self._started_before,
        )
        self._started_before = True
        return self

    def ping(self) -> bool:
        return _redis_answers(self.port)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
        self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _redis_answers(port: int) -> bool:
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
    try:
        return bool(client.ping())  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]
    except redis.ConnectionError:
        return False
    finally:
        client.close()


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

    def environment(self, port: int | None = None) -> dict[str, str]:
        """What docs/haproxy.cfg reads: where to listen (`port`, else this balancer's) and the
        replicas."""
        servers = [self.backends[i % len(self.backends)] for i in range(3)]
        return {
            **os.environ,
            "MCP_LISTEN": f"127.0.0.1:{port or self.port}",
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

        self.process, self.port = start_on_port(
            lambda port: [self.binary, "-db", "-f", str(HAPROXY_EXAMPLE)],
            self.port,
            what="haproxy",
            environment=self.environment,
            log=self.log,
        )
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, signal.SIGUSR1)  # soft stop: finish what is in flight
        self.process = None

    def __enter__(self) -> HAProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
