"""Reads for dry runs and composites: one output field, and several reads at once."""

from __future__ import annotations

import anyio
import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.actions import gather, read
from incidentio_toolkit.client import NotFoundError


@pytest.mark.anyio
async def test_read_returns_the_named_field_of_the_output() -> None:
    async with pinned() as sandbox:
        incident = await read(sandbox.client, "incidents_show", {"id": "5"}, "incident")
    assert incident["reference"] == "INC-5"


@pytest.mark.anyio
async def test_gather_runs_calls_concurrently_and_keys_their_results() -> None:
    started: list[str] = []
    both = anyio.Event()

    def call(key: str):  # each waits until both have started: only concurrency finishes
        async def run() -> str:
            started.append(key)
            if len(started) == 2:
                both.set()
            with anyio.fail_after(5):
                await both.wait()
            return key.upper()

        return run

    assert await gather({"a": call("a"), "b": call("b")}) == {"a": "A", "b": "B"}


@pytest.mark.anyio
async def test_gather_raises_the_first_failure() -> None:
    async with pinned() as sandbox:
        with pytest.raises(NotFoundError):
            await gather(
                {
                    "ok": lambda: read(sandbox.client, "incidents_show", {"id": "5"}, "incident"),
                    "missing": lambda: read(
                        sandbox.client, "incidents_show", {"id": "99"}, "incident"
                    ),
                }
            )
