"""Running the sandbox as a real HTTP server (uvicorn, one worker)."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from starlette.types import Receive, Scope, Send

from incidentio_toolkit.defaults import (
    ESCALATION_CREATES_PER_MINUTE,
    REQUESTS_PER_MINUTE,
    SERVER_KEEP_ALIVE_SECONDS,
)
from incidentio_toolkit.sandbox.app import SandboxApp, create_app
from incidentio_toolkit.sandbox.auth import DEMO_API_KEY
from incidentio_toolkit.sandbox.faults import ConnectionDropped, FaultConfig

_DROPPED = "connection dropped by sandbox fault"


class _DropConnections:
    """Lets uvicorn close the socket without any response when a drop fault fires.

    uvicorn closes the transport (sending nothing) when an ASGI app returns a value other
    than `None`; that is exactly a dropped connection from the client's point of view.
    """

    def __init__(self, app: SandboxApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> Any:
        try:
            await self.app(scope, receive, send)
        except ConnectionDropped:
            return _DROPPED
        return None


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _DROPPED not in record.getMessage()


class SandboxServer:
    """A sandbox behind uvicorn on a real socket; use `run` or `start`/`stop`.

    `port=0` picks a free port; `base_url` tells which. Without `db_path` the state lives
    in a fresh temporary database that is removed on `stop`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8765,
        db_path: str | os.PathLike[str] | None = None,
        api_keys: Iterable[str] = (DEMO_API_KEY,),
        *,
        faults: FaultConfig | None = None,
        rate_limit_per_minute: int = REQUESTS_PER_MINUTE,
        escalation_create_limit_per_minute: int = ESCALATION_CREATES_PER_MINUTE,
        seed: bool = True,
        log_level: str = "warning",
        org: str | None = None,
        org_seed: int = 0,
        org_scale: float = 1.0,
    ) -> None:
        import uvicorn

        self._tmpdir: str | None = None
        if db_path is None:
            self._tmpdir = tempfile.mkdtemp(prefix="incidentio-sandbox-")
            db_path = Path(self._tmpdir) / "sandbox.db"
        self.db_path = Path(db_path)
        self.api_keys = tuple(api_keys)
        try:
            self.app = create_app(
                db_path=self.db_path,
                api_keys=self.api_keys,
                faults=faults,
                rate_limit_per_minute=rate_limit_per_minute,
                escalation_create_limit_per_minute=escalation_create_limit_per_minute,
                seed=seed,
                org=org,
                org_seed=org_seed,
                org_scale=org_scale,
            )
        except BaseException:
            if self._tmpdir is not None:
                shutil.rmtree(self._tmpdir, ignore_errors=True)
            raise
        self._seed = seed
        self.app.sandbox.network = True
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP lets asyncio recognise the socket as TCP and set TCP_NODELAY; without it
        # every small response waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((host, port))
            self._socket.listen(2048)  # connectable as soon as the URL is printed
        except OSError:
            self._socket.close()
            self.app.close()
            if self._tmpdir is not None:
                shutil.rmtree(self._tmpdir, ignore_errors=True)
            raise
        self.port: int = self._socket.getsockname()[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        self.base_url = f"http://{shown}:{self.port}"
        config = uvicorn.Config(
            _DropConnections(self.app),
            log_level=log_level,
            lifespan="off",
            ws="none",
            http="h11",
            access_log=False,
            timeout_graceful_shutdown=1,
            timeout_keep_alive=SERVER_KEEP_ALIVE_SECONDS,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self._filter = _QuietDrops()

    def banner(self) -> str:
        """What `serve` prints at start."""
        lines = [f"incident.io sandbox listening on {self.base_url}", f"database: {self.db_path}"]
        if DEMO_API_KEY in self.api_keys:
            lines.append(
                f"API key: {DEMO_API_KEY}  (send it as 'Authorization: Bearer {DEMO_API_KEY}')"
            )
        else:
            lines.append("API key: one of the keys you configured")
        lines.append(f"organisation: {self.organisation_label()}")
        return "\n".join(lines)

    def organisation_label(self) -> str:
        """The organisation the sandbox serves, in words: none when its database was started
        empty."""
        if self.app.sandbox.store.seeded:
            return self.app.sandbox.organisation.label()
        return "none (--no-seed)" if not self._seed else "none (the database was started empty)"

    def run(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C) or `stop` is called."""
        logging.getLogger("uvicorn.error").addFilter(self._filter)
        try:
            self._server.run(sockets=[self._socket])
        finally:
            logging.getLogger("uvicorn.error").removeFilter(self._filter)
            self._close()

    def start(self, timeout: float = 10.0) -> SandboxServer:
        """Serve in a background thread; returns once the server accepts connections."""
        self._thread = threading.Thread(target=self.run, name="incidentio-sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop a server started with `start` and release its resources."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _close(self) -> None:
        with contextlib.suppress(OSError):
            self._socket.close()
        self.app.close()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    db_path: str | os.PathLike[str] | None = None,
    api_keys: Iterable[str] = (DEMO_API_KEY,),
    *,
    faults: FaultConfig | None = None,
    rate_limit_per_minute: int = REQUESTS_PER_MINUTE,
    escalation_create_limit_per_minute: int = ESCALATION_CREATES_PER_MINUTE,
    seed: bool = True,
    log_level: str = "warning",
    org: str | None = None,
    org_seed: int = 0,
    org_scale: float = 1.0,
    out: IO[str] | None = None,
) -> None:
    """Run the sandbox on `host:port` until interrupted, printing its URL and the demo key.

    Without `db_path` a fresh temporary database is used (and deleted at exit); with one, state
    persists across restarts and only a new file is seeded (with `org`, see `create_app`).
    """
    server = SandboxServer(
        host,
        port,
        db_path,
        api_keys,
        faults=faults,
        rate_limit_per_minute=rate_limit_per_minute,
        escalation_create_limit_per_minute=escalation_create_limit_per_minute,
        seed=seed,
        log_level=log_level,
        org=org,
        org_seed=org_seed,
        org_scale=org_scale,
    )
    stream = out or sys.stdout
    print(server.banner(), file=stream, flush=True)
    server.run()
