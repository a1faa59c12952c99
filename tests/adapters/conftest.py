"""Fixtures for the agent-surface tests: a request-counting fake API and sandbox-backed clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx2
import pytest

from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO

PLANTED_KEY = "planted-canary-key-9f3a7c1e5b2d4086"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class RequestLog:
    """A fake incident.io that records every request and answers 500 (no test expects a request)."""

    def __init__(self) -> None:
        self.requests: list[httpx2.Request] = []

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return httpx2.Response(500, json={"type": "internal_error", "status": 500})


@pytest.fixture
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
async def counting_client(request_log: RequestLog) -> AsyncIterator[AsyncIncidentIO]:
    async with AsyncIncidentIO(
        "counting-test-key-0001",
        base_url="http://incident.invalid",
        transport=httpx2.MockTransport(request_log.handler),
        pacing=None,
        max_retries=0,
    ) as client:
        yield client


@pytest.fixture
def sync_counting_client(request_log: RequestLog) -> Iterator[IncidentIO]:
    with IncidentIO(
        "counting-test-key-0001",
        base_url="http://incident.invalid",
        transport=httpx2.MockTransport(request_log.handler),
        pacing=None,
        max_retries=0,
    ) as client:
        yield client


@pytest.fixture
async def sandbox_io() -> AsyncIterator[AsyncIncidentIO]:
    """A client wired in-process to a fresh seeded sandbox."""
    from incidentio_toolkit.client import sandbox_client

    async with sandbox_client() as client:
        yield client


def sandbox_io_with_keys(key: str, accepted: tuple[str, ...]) -> AsyncIncidentIO:
    """A client sending `key` to an in-process sandbox that accepts only `accepted`."""
    from incidentio_toolkit.client._http import asgi_transport
    from incidentio_toolkit.sandbox import create_app

    return AsyncIncidentIO(
        key,
        base_url="http://sandbox.invalid",
        transport=asgi_transport(create_app(api_keys=accepted)),
        pacing=None,
    )
