"""The in-process sandbox client: a real seeded sandbox, no key to set, no socket opened."""

from __future__ import annotations

import pytest

from incidentio_toolkit.client import sandbox_client


@pytest.mark.anyio
async def test_the_sandbox_client_reads_the_seeded_organisation() -> None:
    async with sandbox_client() as io:
        severities = await io.call("severities_list")
        assert io.config.pacing is None
    assert severities["success"] is True
    assert severities["severities"]


@pytest.mark.anyio
async def test_the_sandbox_client_takes_settings() -> None:
    async with sandbox_client(max_retries=0, deadline=5) as io:
        assert (io.config.max_retries, io.config.deadline) == (0, 5)
