"""Fixtures for the sandbox tests: a fixed clock, an in-process app and a client whose every
response is checked — 2xx bodies against the official OpenAPI spec (never against our models),
error bodies against incident.io's error envelope."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
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


SMALL_SCALE = 0.05
"""The scale of the large organisation most tests use (500 incidents; built in about a second)."""


@pytest.fixture(scope="session")
def small_org_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the large organisation at `SMALL_SCALE` (built once a session;
    copy it before serving it)."""
    path = tmp_path_factory.mktemp("small-org") / "small.db"
    create_app(db_path=path, org="large", org_scale=SMALL_SCALE).close()
    return path


@pytest.fixture(scope="session")
def full_org_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the full large organisation (built once a session)."""
    path = tmp_path_factory.mktemp("full-org") / "full.db"
    create_app(db_path=path, org="large").close()
    return path
