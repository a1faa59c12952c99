"""A client on an in-process sandbox whose clock is pinned, so "now" is the same for the sandbox
(who is on call, `created_at`) and the client (composites, dry runs)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx2

from incidentio_toolkit.client import AsyncIncidentIO
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app
from incidentio_toolkit.sandbox.testing import FakeClock

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
"""A Tuesday: INC-5 is live, Liam and Sofia are on Primary On-call, Hannah on Platform Support."""


@dataclass
class Recorder(httpx2.AsyncBaseTransport):
    """The client's transport to the sandbox, keeping every request it carries."""

    inner: httpx2.AsyncBaseTransport
    requests: list[httpx2.Request] = field(default_factory=list[httpx2.Request])

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


@dataclass
class Pinned:
    client: AsyncIncidentIO
    app: SandboxApp
    transport: Recorder
    clock: FakeClock


@asynccontextmanager
async def pinned(now: datetime = NOW, **settings: Any) -> AsyncGenerator[Pinned]:
    """A seeded sandbox and a client on it, both at `now`; every request is recorded."""
    clock = FakeClock(now)
    app = create_app(clock=clock)
    transport = Recorder(httpx2.ASGITransport(app=app))
    settings.setdefault("pacing", None)
    client = AsyncIncidentIO(
        DEMO_API_KEY,
        base_url="http://sandbox.invalid",
        transport=transport,
        wall_clock=lambda: clock.now.timestamp(),
        **settings,
    )
    try:
        async with client:
            yield Pinned(client, app, transport, clock)
    finally:
        app.close()
