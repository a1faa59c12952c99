"""The budget in a real redis-server: moving windows, the register of sharers, reachability."""

from __future__ import annotations

import pytest
from limits import RateLimitItemPerSecond
from tests.services_support import RedisServer

from incidentio_toolkit.client._redis_budget import RedisBudget

KEY = "0123456789abcdef01234567"


@pytest.mark.anyio
async def test_sharers_are_counted_once_each_and_forgotten_after_the_memory(redis_url: str) -> None:
    budgets = [RedisBudget(redis_url, instance=f"replica-{i}") for i in range(3)]
    try:
        assert await budgets[0].register(KEY, now=1000.0, memory=300) == 1
        assert await budgets[1].register(KEY, now=1001.0, memory=300) == 2
        assert await budgets[1].register(KEY, now=1002.0, memory=300) == 2  # once each
        assert await budgets[2].register(KEY, now=1003.0, memory=300) == 3
        # replica-0 last registered 301 s before: it no longer counts
        assert await budgets[2].register(KEY, now=1301.5, memory=300) == 2
        await budgets[2].unregister([KEY])
        assert await budgets[1].register(KEY, now=1302.0, memory=300) == 1
        assert await budgets[1].register("another-key", now=1302.0, memory=300) == 1
    finally:
        for budget in budgets:
            await budget.unregister([KEY, "another-key"])
            await budget.aclose()


@pytest.mark.anyio
async def test_two_budgets_share_one_moving_window(redis_url: str) -> None:
    item = RateLimitItemPerSecond(3, 60)
    first = RedisBudget(redis_url, instance="a")
    second = RedisBudget(redis_url, instance="b")
    try:
        hits = [await budget.hit(item, KEY, "shared-window") for budget in (first, second) * 2]
        assert hits == [True, True, True, False]
        assert await second.reset_time(item, KEY, "shared-window") > 0
    finally:
        await first.aclose()
        await second.aclose()


@pytest.mark.anyio
async def test_reachable_follows_the_server_going_away_and_coming_back() -> None:
    server = RedisServer()
    with server:  # the first start settles the port; every restart keeps it
        budget = RedisBudget(server.url, instance="a")
    try:
        assert await budget.reachable() is False
        with server:
            assert await budget.reachable() is True
        assert await budget.reachable() is False
        with pytest.raises(Exception, match=r"(?i)connect"):
            await budget.register(KEY, now=1.0, memory=300)
        with server:
            assert await budget.register(KEY, now=2.0, memory=300) == 1
            assert await budget.register(KEY, now=3.0, memory=300) == 1
        with server:  # restarted: the pooled connections are dead, the probe replaces them
            assert await budget.reachable() is True
            assert await budget.register(KEY, now=4.0, memory=300) == 1
            assert await budget.hit(RateLimitItemPerSecond(3, 60), KEY, "after-restart")
    finally:
        await budget.aclose()
