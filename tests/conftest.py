"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest


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
    ):
        monkeypatch.delenv(name, raising=False)
