"""The pacer: moving-window budgets per key, a separate one for pages, Redis with a memory fallback."""

from __future__ import annotations

import logging
import socket
import time
from typing import Protocol

import httpx2
import pytest
import time_machine

from incidentio_toolkit import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.client import DeadlineExceededError
from incidentio_toolkit.client._pacing import Pacer, key_fingerprint

START = 1_900_000_000.0
KEY = "sk_test_pacer_0123456789abcdef"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Traveller(Protocol):
    def shift(self, delta: float) -> None: ...


class MovingSleep:
    """An injected sleep that moves time-machine's clock instead of waiting."""

    def __init__(self, traveller: Traveller) -> None:
        self.traveller = traveller
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.traveller.shift(seconds)


def test_pacing_limits_reject_empty_budgets() -> None:
    for bad in ({"per_minute": 0}, {"escalations_per_minute": 0}, {"window": 0}):
        with pytest.raises(ValueError, match="at least 1"):
            PacingLimits(**bad)  # type: ignore[arg-type]
    assert PacingLimits() == PacingLimits(per_minute=1200, escalations_per_minute=60, window=60)


def test_key_fingerprint_is_stable_and_not_the_key() -> None:
    assert key_fingerprint(KEY) == key_fingerprint(KEY)
    assert KEY not in key_fingerprint(KEY)
    assert key_fingerprint(KEY) != key_fingerprint(KEY + "x")


@pytest.mark.anyio
async def test_the_request_past_the_budget_waits_until_the_oldest_leaves_the_window() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=3), sleep=sleep)
        for _ in range(3):
            await pacer.acquire(KEY, "severities_list")
        assert sleep.waits == []
        await pacer.acquire(KEY, "severities_list")
        assert sum(sleep.waits) == pytest.approx(60, abs=0.01)
        assert time.time() - START >= 60


@pytest.mark.anyio
async def test_budgets_are_per_key() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=2), sleep=sleep)
        for key in (KEY, KEY, "another-key-0123456789", "another-key-0123456789"):
            await pacer.acquire(key, "users_list")
        assert sleep.waits == []


@pytest.mark.anyio
async def test_escalation_creates_have_their_own_smaller_budget() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=100, escalations_per_minute=2), sleep=sleep)
        await pacer.acquire(KEY, "escalations_create")
        await pacer.acquire(KEY, "escalations_create")
        await pacer.acquire(KEY, "incidents_list")
        assert sleep.waits == []
        await pacer.acquire(KEY, "escalations_create")
        assert sum(sleep.waits) == pytest.approx(60, abs=0.01)


@pytest.mark.anyio
async def test_a_wait_past_the_deadline_fails_at_once_naming_the_wait() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=1), sleep=sleep)
        await pacer.acquire(KEY, "users_list")
        with pytest.raises(DeadlineExceededError) as info:
            await pacer.acquire(KEY, "users_list", deadline=time.time() + 10)
        assert sleep.waits == []
        assert info.value.retry_after == pytest.approx(60, abs=0.01)
        assert str(info.value).startswith("Retry users_list in 60 s")


@pytest.mark.anyio
async def test_unreachable_redis_falls_back_to_memory_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"redis://:hunter2-redis-password@127.0.0.1:{closed_port()}/0"
    calls = 0

    def handler(request: httpx2.Request) -> httpx2.Response:
        nonlocal calls
        calls += 1
        return httpx2.Response(200, json={"severities": []})

    caplog.set_level(logging.DEBUG)
    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(handler), redis_url=url, pacing=PacingLimits()
    ) as io:
        results = [await io.call("severities_list", {}) for _ in range(5)]
        pacer = io._pacer  # pyright: ignore[reportPrivateUsage]
        assert pacer is not None
        assert pacer.shared is False
    assert all(result["success"] for result in results)
    assert calls == 5
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "pacing in this process only" in warnings[0].getMessage()
    assert "hunter2" not in caplog.text


@pytest.mark.anyio
async def test_fallback_still_paces_in_memory() -> None:
    url = f"redis://127.0.0.1:{closed_port()}/0"
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=2), redis_url=url, sleep=sleep)
        for _ in range(3):
            await pacer.acquire(KEY, "users_list")
        assert pacer.shared is False
        assert sum(sleep.waits) == pytest.approx(60, abs=0.01)


@pytest.mark.anyio
async def test_client_without_pacing_sends_without_waiting() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"severities": []})

    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(handler), pacing=None, sleep=sleep
    ) as io:
        for _ in range(5):
            assert (await io.call("severities_list", {}))["success"]
    assert waits == []
