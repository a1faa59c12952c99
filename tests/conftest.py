"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from tests.reliability import figures_support
from tests.services_support import RedisServer

from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, so that with several workers (`-n`) the longest ones start at once
    instead of trailing behind everything else."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_sessionfinish(session: pytest.Session) -> None:
    figures_support.hand_to_controller(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """pytest-xdist's controller: a worker finished (or crashed)."""
    figures_support.take_from_worker(node)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    figures_support.report(terminalreporter)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key, base URL or Redis from the environment."""
    for name in (
        "INCIDENTIO_API_KEY",
        "INCIDENT_IO_API_KEY",
        "INCIDENTIO_BASE_URL",
        "INCIDENTIO_REDIS_URL",
        "INCIDENTIO_MCP_TOKEN",
        "INCIDENTIO_REQUESTS_PER_MINUTE",
        "INCIDENTIO_ESCALATIONS_PER_MINUTE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True, scope="session")
def _sandbox_cache_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Generated organisations are cached for this test session only, never in the user's cache
    (and every test of the session shares them)."""
    before = os.environ.get(SANDBOX_CACHE_DIR_ENV_VAR)
    os.environ[SANDBOX_CACHE_DIR_ENV_VAR] = str(tmp_path_factory.mktemp("sandbox-cache"))
    yield
    if before is None:
        del os.environ[SANDBOX_CACHE_DIR_ENV_VAR]
    else:
        os.environ[SANDBOX_CACHE_DIR_ENV_VAR] = before


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real redis-server on a free loopback port, without persistence, stopped afterwards.

    Missing redis-server fails under CI=true (scripts/ensure-redis.sh installs it) and skips
    elsewhere.
    """
    with RedisServer() as server:
        yield server.url
