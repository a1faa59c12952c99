"""The pacer: moving-window budgets per key, a separate one for pages, Redis with a memory fallback."""

from __future__ import annotations

import asyncio
import bisect
import heapq
import logging
import time
from itertools import count
from typing import TYPE_CHECKING, Protocol

import anyio
import httpx2
import pytest
import time_machine
from tests.services_support import refused_port

from incidentio_toolkit import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.client import DeadlineExceededError
from incidentio_toolkit.client._pacing import Pacer, key_fingerprint

if TYPE_CHECKING:
    from limits import RateLimitItem

START = 1_900_000_000.0
KEY = "sk_test_pacer_0123456789abcdef"


class Traveller(Protocol):
    def shift(self, delta: float) -> None: ...
    def move_to(self, destination: float) -> None: ...


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
    assert PacingLimits() == PacingLimits(
        per_minute=1200, escalations_per_minute=60, window=60, margin=1
    )
    assert PacingLimits().paced_window == 61
    with pytest.raises(ValueError, match="margin must be 0 or more"):
        PacingLimits(margin=-1)


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
        # The server's 60 s window plus the 1 s margin for requests that arrive late.
        assert sum(sleep.waits) == pytest.approx(61, abs=0.01)
        assert time.time() - START >= 61


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
        assert sum(sleep.waits) == pytest.approx(61, abs=0.01)


@pytest.mark.anyio
async def test_a_wait_past_the_deadline_fails_at_once_naming_the_wait() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(PacingLimits(per_minute=1), sleep=sleep)
        await pacer.acquire(KEY, "users_list")
        with pytest.raises(DeadlineExceededError) as info:
            await pacer.acquire(KEY, "users_list", deadline=time.time() + 10)
        assert sleep.waits == []
        assert info.value.retry_after == pytest.approx(61, abs=0.01)
        assert str(info.value).startswith("Retry users_list in 61 s")


@pytest.mark.anyio
async def test_unreachable_redis_falls_back_to_memory_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls = 0

    def handler(request: httpx2.Request) -> httpx2.Response:
        nonlocal calls
        calls += 1
        return httpx2.Response(200, json={"severities": []})

    caplog.set_level(logging.DEBUG)
    with refused_port() as port:
        url = f"redis://:hunter2-redis-password@127.0.0.1:{port}/0"
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
    with refused_port() as port, time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        pacer = Pacer(
            PacingLimits(per_minute=2), redis_url=f"redis://127.0.0.1:{port}/0", sleep=sleep
        )
        for _ in range(3):
            await pacer.acquire(KEY, "users_list")
        assert pacer.shared is False
        assert sum(sleep.waits) == pytest.approx(61, abs=0.01)


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


class FakeRedis:
    """A shared budget in memory that is unreachable between two instants, and comes back
    empty (like a restarted redis-server without persistence)."""

    def __init__(self, down_from: float, down_until: float) -> None:
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self.down = (down_from, down_until)
        self.storage = MemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.sharers: dict[str, dict[str, float]] = {}
        self.restarted = False
        self.probes = 0

    def available(self) -> bool:
        now = time.time()
        if self.down[0] <= now < self.down[1]:
            return False
        if now >= self.down[1] and not self.restarted:
            self.restarted = True
            self.storage.reset()
            self.sharers.clear()
        return True

    def view(self, instance: str) -> FakeRedisView:
        return FakeRedisView(self, instance)


class FakeRedisView:
    """What one process sees of `FakeRedis` (the `SharedBudget` protocol)."""

    def __init__(self, redis: FakeRedis, instance: str) -> None:
        self.redis = redis
        self.instance = instance

    def _check(self) -> None:
        if not self.redis.available():
            raise ConnectionError("redis is down")

    async def hit(self, item: RateLimitItem, key: str, scope: str) -> bool:
        self._check()
        return self.redis.limiter.hit(item, key, scope)

    async def reset_time(self, item: RateLimitItem, key: str, scope: str) -> float:
        self._check()
        return self.redis.limiter.get_window_stats(item, key, scope).reset_time

    async def register(self, key: str, now: float, memory: float) -> int:
        self._check()
        seen = self.redis.sharers.setdefault(key, {})
        seen[self.instance] = now
        return sum(1 for at in seen.values() if at >= now - memory)

    async def unregister(self, keys: list[str]) -> None:
        self._check()
        for key in keys:
            self.redis.sharers.get(key, {}).pop(self.instance, None)

    async def reachable(self) -> bool:
        self.redis.probes += 1
        return self.redis.available()

    async def aclose(self) -> None:
        return None


class VirtualTime:
    """Sleeps that wait on time-machine's clock: when every task is blocked, the clock jumps to the
    earliest wake-up and wakes that sleeper, so concurrent sleeps overlap as real ones do."""

    def __init__(self, traveller: Traveller) -> None:
        self.traveller = traveller
        self.sleepers: list[tuple[float, int, anyio.Event]] = []
        self.order = count()

    async def sleep(self, seconds: float) -> None:
        wake = anyio.Event()
        heapq.heappush(self.sleepers, (time.time() + seconds, next(self.order), wake))
        await wake.wait()

    async def drive(self) -> None:
        """Run until cancelled: move the clock whenever everything else waits."""
        while True:
            await _all_other_tasks_blocked()
            if self.sleepers:
                at, _, wake = heapq.heappop(self.sleepers)
                if at > time.time():
                    self.traveller.move_to(at)
                wake.set()


async def _all_other_tasks_blocked() -> None:
    """anyio.wait_all_tasks_blocked without its 0.1 s real sleeps between checks (asyncio only)."""
    me = asyncio.current_task()
    while True:
        await asyncio.sleep(0)
        waiting = (
            getattr(task, "_fut_waiter", None) for task in asyncio.all_tasks() if task is not me
        )
        if all(waiter is not None and not waiter.done() for waiter in waiting):
            return


async def share_a_budget(
    redis: FakeRedis, callers: list[int], limits: PacingLimits, until: float, clock: VirtualTime
) -> list[list[float]]:
    """Pacers with these numbers of callers each, sending until `until`: each one's send times."""
    sent: list[list[float]] = [[] for _ in callers]
    pacers = [
        Pacer(limits, shared_budget=redis.view(f"process-{i}"), sleep=clock.sleep)
        for i in range(len(callers))
    ]

    async def caller(index: int) -> None:
        while time.time() < until:
            await pacers[index].acquire(KEY, "users_list")
            sent[index].append(time.time())
            await clock.sleep(0.01)  # each call takes a moment

    async with anyio.create_task_group() as outer:
        outer.start_soon(clock.drive)
        async with anyio.create_task_group() as group:
            for index, n in enumerate(callers):
                for _ in range(n):
                    group.start_soon(caller, index)
        outer.cancel_scope.cancel()
    for pacer in pacers:
        assert pacer.shared == (time.time() >= redis.down[1])
        await pacer.aclose()
    return sent


def busiest(times: list[float], width: float) -> int:
    ordered = sorted(times)
    return max(
        (bisect.bisect_right(ordered, t + width) - i for i, t in enumerate(ordered)), default=0
    )


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("down", "callers"),
    [((100, 250), [1, 3, 8]), ((10, 400), [12, 1, 1]), ((61.5, 200), [4, 4, 4])],
    ids=["uneven-load", "one-busy-process", "even-load"],
)
async def test_processes_sharing_a_budget_stay_under_it_while_redis_is_away_and_after(
    caplog: pytest.LogCaptureFixture, down: tuple[float, float], callers: list[int]
) -> None:
    limits = PacingLimits(per_minute=120, window=60)
    redis = FakeRedis(down_from=START + down[0], down_until=START + down[1])
    caplog.set_level(logging.WARNING, logger="incidentio_toolkit.pacing")
    with time_machine.travel(START, tick=False) as traveller:
        # With uneven load an equal split of the budget alone would let the quiet processes add
        # their unused share on top of what the busy one already sent in the window.
        sent = await share_a_budget(redis, callers, limits, START + 500, VirtualTime(traveller))
    everything = [t for times in sent for t in times]
    assert busiest(everything, limits.window) <= 120
    assert busiest(everything, limits.window) >= 110, "the budget was used, not wasted"
    during = [sum(START + down[0] <= t < START + down[1] for t in times) for times in sent]
    assert all(n > 0 for n in during), "every process kept serving without Redis"
    messages = [r.getMessage() for r in caplog.records]
    unavailable = [m for m in messages if "Redis pacing unavailable" in m]
    assert len(unavailable) == 3, "each process says so once"
    assert all("at 40 of 120 requests per 61 s, its share of 3 processes" in m for m in unavailable)
    assert len([m for m in messages if "Redis pacing is back" in m]) == 3
    outage = down[1] - down[0]
    assert redis.probes <= 3 * (outage / 5 + 2), "Redis is probed every 5 s, not on every call"


@pytest.mark.anyio
async def test_a_process_alone_keeps_the_whole_budget_when_redis_goes_away() -> None:
    limits = PacingLimits(per_minute=120, window=60)
    redis = FakeRedis(down_from=START + 30, down_until=START + 1000)
    with time_machine.travel(START, tick=False) as traveller:
        sent = await share_a_budget(redis, [4], limits, START + 200, VirtualTime(traveller))
    # Nobody else shares the key: memory holds the same window Redis did, nothing is held back.
    assert busiest(sent[0], limits.window) == 120
    assert len(sent[0]) >= 120 * 3


def test_the_share_is_the_budget_split_between_the_sharers() -> None:
    pacer = Pacer(PacingLimits(per_minute=1200, escalations_per_minute=60), sleep=anyio.sleep)
    assert pacer.sharers == 1
    pacer._sharers = 7  # pyright: ignore[reportPrivateUsage]
    assert pacer.share(pacer._overall) == 171  # pyright: ignore[reportPrivateUsage]
    assert pacer.share(pacer._paging) == 8  # pyright: ignore[reportPrivateUsage]
    pacer._sharers = 100  # pyright: ignore[reportPrivateUsage]
    assert pacer.share(pacer._paging) == 1  # pyright: ignore[reportPrivateUsage]


@pytest.mark.anyio
async def test_after_redis_comes_back_empty_each_process_keeps_to_its_share_for_two_windows(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limits = PacingLimits(per_minute=120, window=60)
    redis = FakeRedis(down_from=START + 10, down_until=START + 20)
    caplog.set_level(logging.WARNING, logger="incidentio_toolkit.pacing")
    with time_machine.travel(START, tick=False) as traveller:
        sleep = MovingSleep(traveller)
        for other in ("process-1", "process-2"):
            await redis.view(other).register(key_fingerprint(KEY), time.time(), 300)
        pacer = Pacer(limits, shared_budget=redis.view("process-0"), sleep=sleep)
        for _ in range(40):  # its share of 120 between 3 processes, through Redis
            await pacer.acquire(KEY, "users_list")
        traveller.shift(12)
        with pytest.raises(DeadlineExceededError):  # Redis is away: its share is used up
            await pacer.acquire(KEY, "users_list", deadline=time.time() + 1)
        assert pacer.shared is False
        traveller.shift(13)  # Redis is back, and has forgotten every request
        asked_at = time.time()
        await pacer.acquire(KEY, "users_list")
        assert pacer.shared is True
        # Redis alone would have let it send at once; its 40 sends of 25 s ago still count.
        assert time.time() - asked_at == pytest.approx(61 - 25, abs=0.01)
        traveller.shift(2 * 61)
        waits = len(sleep.waits)
        for _ in range(100):  # two windows later, the shared budget alone applies again
            await pacer.acquire(KEY, "users_list")
        assert len(sleep.waits) == waits
    assert caplog.text.count("Redis pacing is back") == 1


def test_the_in_process_window_trims_inline_and_starts_no_thread() -> None:
    import threading

    import time_machine

    from incidentio_toolkit.client._pacing import _LocalWindows  # pyright: ignore[reportPrivateUsage]

    with time_machine.travel(1_800_000_000, tick=False) as traveller:
        # A thread of an earlier test (an idle worker of anyio's pool) may end meanwhile: the
        # check is that none starts.
        threads = set(threading.enumerate())
        windows = _LocalWindows(60)
        assert [windows.take("k", 2) for _ in range(3)] == [True, True, False]
        traveller.shift(61)
        assert windows.take("k", 2) is True  # the old entries left the window
        assert windows.count("k") == 1
        assert set(threading.enumerate()) <= threads
