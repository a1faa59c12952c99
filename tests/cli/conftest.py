"""Fixtures for the CLI tests: a runner and a sandbox served on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxServer

PLANTED_KEY = "planted-canary-key-9f3a7c1e5b2d4086"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def served_sandbox() -> Iterator[SandboxServer]:
    """A real sandbox on 127.0.0.1 that accepts the demo key and the planted key."""
    with SandboxServer(port=0, api_keys=(DEMO_API_KEY, PLANTED_KEY)) as server:
        yield server


@pytest.fixture
def sandbox_env(monkeypatch: pytest.MonkeyPatch, served_sandbox: SandboxServer) -> SandboxServer:
    """The environment points the CLI at the served sandbox with the demo key."""
    monkeypatch.setenv("INCIDENTIO_API_KEY", DEMO_API_KEY)
    monkeypatch.setenv("INCIDENTIO_BASE_URL", served_sandbox.base_url)
    return served_sandbox


@pytest.fixture
def fresh_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxServer]:
    """A sandbox of this test's own (writes change it), named by the environment."""
    with SandboxServer(port=0) as server:
        monkeypatch.setenv("INCIDENTIO_API_KEY", DEMO_API_KEY)
        monkeypatch.setenv("INCIDENTIO_BASE_URL", server.base_url)
        yield server
