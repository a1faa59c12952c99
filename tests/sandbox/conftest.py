"""Fixtures for the sandbox tests: a fixed clock, an in-process app and a client whose every
response is checked — 2xx bodies against the official OpenAPI spec (never against our models),
error bodies against incident.io's error envelope."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
import pytest
from openapi_core import OpenAPI
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app
from incidentio_toolkit.sandbox.testing import ClientFactory, FakeClock, SpecChecker, load_spec


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="session")
def openapi(spec: dict[str, Any]) -> OpenAPI:
    return OpenAPI.from_dict(spec)


@pytest.fixture
def checker(openapi: OpenAPI, spec: dict[str, Any]) -> SpecChecker:
    return SpecChecker(spec, openapi)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(clock: FakeClock) -> Iterator[SandboxApp]:
    sandbox = create_app(clock=clock)
    yield sandbox
    sandbox.close()


@pytest.fixture
def make_client(checker: SpecChecker) -> ClientFactory:
    """Build a client for an app; `checked=False` skips response checks (for faults)."""

    def factory(
        app: SandboxApp, *, key: str | None = DEMO_API_KEY, checked: bool = True
    ) -> httpx2.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
        hooks: dict[str, list[Any]] = {"response": [checker.hook]} if checked else {}
        return httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=app),
            base_url="http://sandbox",
            headers=headers,
            event_hooks=hooks,
        )

    return factory


@pytest.fixture
async def client(app: SandboxApp, make_client: ClientFactory) -> AsyncIterator[httpx2.AsyncClient]:
    async with make_client(app) as http:
        yield http
