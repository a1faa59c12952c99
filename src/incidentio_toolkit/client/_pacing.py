"""Client-side pacing: stay under incident.io's per-key rate limits, across processes when asked.

The budget is a moving window from the `limits` library, counted over the server's window plus a
one-second margin: in memory by default, or in Redis when a URL is given, so every process and
host using the key shares it. The Redis keys name a hash of the API key, never the key.

If Redis cannot be reached the calls go on, paced in memory, and the pacer says so once. Processes
that shared the budget keep under it together without Redis:

- each takes an equal share, `budget // n`, where n is the number of processes that registered as
  sharing it in the last `SHARER_MEMORY_SECONDS` (each registers every `REGISTER_SECONDS`, also
  while it waits for the budget);
- its own sends of the last window count against its share and, when it shares with others, the
  rest of the share for that window too: for one window, no process sends more than it sent in the
  window before, so the shared window (which held at most the budget) is never exceeded;
- every `PROBE_SECONDS` the next call pings Redis; once Redis answers it shares again (and says
  so), and for `RESUME_WINDOWS` windows also keeps to its share: a restarted Redis has forgotten
  what was sent without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, Protocol
from uuid import uuid4

import anyio

from incidentio_toolkit.client._errors import DeadlineExceededError
from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE

if TYPE_CHECKING:
    from limits import RateLimitItem
    from limits.storage import MemoryStorage

logger = logging.getLogger("incidentio_toolkit.pacing")


@lru_cache(maxsize=1)
def paging_actions() -> frozenset[str]:
    """Actions with their own, smaller budget: the creates that page people."""
    from incidentio_toolkit.actions import ACTIONS

    return frozenset(a.name for a in ACTIONS.values() if a.pages_people)


REGISTER_SECONDS = 5.0
"""How often a process sharing the budget registers in Redis (on its next call)."""
SHARER_MEMORY_SECONDS = 300.0
"""A process counts as sharing the budget for this long after it last registered. Longer than a
window, so that a process idle for a minute still gets counted; a dead one only makes shares
smaller for a while."""
PROBE_SECONDS = 5.0
"""How often, while Redis is unreachable, the next call checks whether it is back."""
RESUME_WINDOWS = 2
"""Windows after Redis is back during which each process also keeps to its share."""

Mode = Literal["memory", "shared", "fallback"]


class SharedBudget(Protocol):
    """Where processes share the budget (`RedisBudget`); any method may raise when unreachable."""

    async def hit(self, item: RateLimitItem, key: str, scope: str) -> bool: ...
    async def reset_time(self, item: RateLimitItem, key: str, scope: str) -> float: ...
    async def register(self, key: str, now: float, memory: float) -> int: ...
    async def unregister(self, keys: list[str]) -> None: ...
    async def reachable(self) -> bool: ...
    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PacingLimits:
    """The per-key budgets: `per_minute` requests, `escalations_per_minute` escalation creates.

    `window` is the server's moving window in seconds (60 for incident.io's per-minute limits;
    tests shrink it, together with the amounts, to run in seconds). The pacer counts over
    `window + margin` seconds: a request is counted when it leaves the pacer and reaches the server
    a little later, by a delay that varies, so a window of exactly the server's could let the server
    count one more than the budget in its own window.
    """

    per_minute: int = REQUESTS_PER_MINUTE
    escalations_per_minute: int = ESCALATION_CREATES_PER_MINUTE
    window: int = 60
    margin: int = 1

    def __post_init__(self) -> None:
        if self.per_minute < 1 or self.escalations_per_minute < 1 or self.window < 1:
            raise ValueError("PacingLimits amounts and window must be at least 1.")
        if self.margin < 0:
            raise ValueError("PacingLimits margin must be 0 or more seconds.")

    @property
    def paced_window(self) -> int:
        """The window the pacer counts over: `window + margin` seconds."""
        return self.window + self.margin


@lru_cache(maxsize=64)
def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible name for the key's budget."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:24]


@lru_cache(maxsize=1)
def _loop_memory_storage() -> type[MemoryStorage]:
    """`limits`' memory storage, trimming expired entries inline instead of on a timer thread.

    The library's timer thread drops a key's lock while it trims that key's entries, so a hit
    counted on the event loop at that moment can be lost, and the window then admits more than its
    limit (seen under CPU load). A pacer uses its storage from one event loop only, so trimming
    inline is safe, and it spares a thread start whenever calls are more than 10 ms apart.
    """
    from limits.storage import MemoryStorage

    class LoopMemoryStorage(MemoryStorage):
        def __init__(self) -> None:
            super().__init__()
            self.timer.cancel()
            self.timer.join()

        def _MemoryStorage__schedule_expiry(self) -> None:  # called by every acquire_entry
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]

    return LoopMemoryStorage


class _LocalWindows:
    """This process's own sends per (key, scope), on `limits`' in-memory moving window storage.

    The synchronous storage is used from the event loop: a memory hit never blocks, and it avoids
    the async storage's expiry task hopping to a worker thread after every hit.
    """

    def __init__(self, window: int) -> None:
        self._storage = _loop_memory_storage()()
        self._window = window

    def take(self, name: str, limit: int) -> bool:
        """Count one send if fewer than `limit` are in the window."""
        return self._storage.acquire_entry(name, limit, self._window)

    def record(self, name: str) -> None:
        """Count one send that another window admitted."""
        self._storage.acquire_entry(name, 1 << 30, self._window)

    def count(self, name: str) -> int:
        return self._storage.get_moving_window(name, 1 << 30, self._window)[1]

    def reset_time(self, name: str) -> float:
        """When the oldest send in the window leaves it."""
        return self._storage.get_moving_window(name, 1 << 30, self._window)[0] + self._window

    def fill(self, name: str, limit: int) -> None:
        """Count sends now until the window holds `limit` (nothing if it holds that many)."""
        missing = limit - self.count(name)
        if missing > 0:
            self._storage.acquire_entry(name, 1 << 30, self._window, amount=missing)


class Pacer:
    """Waits until a request fits in the key's moving windows, then counts it."""

    def __init__(
        self,
        limits: PacingLimits | None = None,
        *,
        redis_url: str | None = None,
        shared_budget: SharedBudget | None = None,
        sleep: Callable[[float], Awaitable[None]],
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`redis_url` shares the budget through Redis (`shared_budget`: through another store)."""
        self.limits = limits or PacingLimits()
        # Imported here so that importing the toolkit stays cheap (limits pulls in several packages).
        from limits import RateLimitItemPerSecond

        window = self.limits.paced_window
        self._overall: RateLimitItem = RateLimitItemPerSecond(self.limits.per_minute, window)
        self._paging: RateLimitItem = RateLimitItemPerSecond(
            self.limits.escalations_per_minute, window
        )
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._local = _LocalWindows(window)
        self._redis: SharedBudget | None = shared_budget
        self._mode: Mode = "memory" if shared_budget is None else "shared"
        self._lock = anyio.Lock()
        self._sharers = 1
        self._keys: set[str] = set()
        self._windows: dict[str, RateLimitItem] = {}
        """Every local window used so far, with the budget it belongs to."""
        self._next_register = 0.0
        self._next_probe = 0.0
        self._fell_back_at = -math.inf
        self._keep_share_until = 0.0
        if redis_url is not None and shared_budget is None:
            try:
                from incidentio_toolkit.client._redis_budget import RedisBudget

                self._redis = RedisBudget(redis_url, instance=uuid4().hex)
                self._mode = "shared"
            except Exception as exc:  # e.g. the redis extra is not installed: never fail
                self._fall_back(exc)

    @property
    def shared(self) -> bool:
        """True while the budget lives in Redis."""
        return self._mode == "shared"

    @property
    def sharers(self) -> int:
        """How many processes shared the budget when this one last registered (1 without Redis)."""
        return self._sharers

    def share(self, item: RateLimitItem) -> int:
        """This process's part of `item`'s budget while Redis is unreachable."""
        return max(item.amount // self._sharers, 1)

    def _fall_back(self, exc: Exception) -> None:
        if self._mode == "fallback":
            return
        now = self._wall_clock()
        self._mode = "fallback"
        self._fell_back_at = now
        self._next_probe = now + PROBE_SECONDS
        if self._sharers > 1:
            for name, item in self._windows.items():
                self._local.fill(name, self.share(item))
        # Reported by exception type only: the message could carry the Redis URL (and password).
        split = f", its share of {self._sharers} processes" if self._sharers > 1 else ""
        logger.warning(
            "Redis pacing unavailable (%s): pacing in this process only, at %d of %d requests "
            "per %d s%s, until Redis answers again.",
            type(exc).__name__,
            self.share(self._overall),
            self._overall.amount,
            self.limits.paced_window,
            split,
        )

    async def aclose(self) -> None:
        """Leave the register of sharers and close the Redis connections (they reopen if used)."""
        if self._redis is None:
            return
        if self._mode == "shared":
            with contextlib.suppress(Exception):
                await self._redis.unregister(sorted(self._keys))
        await self._redis.aclose()

    async def acquire(self, api_key: str, action: str, deadline: float | None = None) -> None:
        """Block until one more request for `action` fits the key's budget.

        `deadline` is a wall-clock instant: if the wait would pass it, raise DeadlineExceededError.
        """
        key = key_fingerprint(api_key)
        items = [self._overall]
        if action in paging_actions():
            items.insert(0, self._paging)
        for item in items:
            await self._take(item, key, action, deadline)

    async def _upkeep(self, key: str) -> None:
        """Register as a sharer now and then; while falling back, see whether Redis is back."""
        redis = self._redis
        if redis is None:
            return
        now = self._wall_clock()
        if self._mode == "fallback":
            if now < self._next_probe:
                return
            self._next_probe = now + PROBE_SECONDS
            if not await redis.reachable():
                return
            self._mode = "shared"
            self._keep_share_until = now + RESUME_WINDOWS * self.limits.paced_window
            self._next_register = 0.0
            logger.warning("Redis pacing is back: sharing the budget through Redis again.")
        if key not in self._keys or now >= self._next_register:
            self._keys.add(key)
            self._next_register = now + REGISTER_SECONDS
            try:
                sharers = await redis.register(key, now, SHARER_MEMORY_SECONDS)
            except Exception as exc:
                self._fall_back(exc)
                return
            # Just after Redis is back, the others may not have registered again yet.
            keeping_share = now < self._keep_share_until
            self._sharers = max(sharers, self._sharers) if keeping_share else sharers

    async def _take(
        self, item: RateLimitItem, key: str, action: str, deadline: float | None
    ) -> None:
        scope = action if item is self._paging else "all"
        name = f"{key}/{scope}"
        if name not in self._windows:
            self._windows[name] = item
            since_fallback = self._wall_clock() - self._fell_back_at
            if self._sharers > 1 and since_fallback < self.limits.paced_window:
                # Unused before Redis went away: it sent nothing in the window before, either.
                self._local.fill(name, self.share(item))
        while True:
            await self._upkeep(key)
            mode = self._mode
            if mode == "shared":
                async with self._lock:
                    free_at = await self._take_shared(item, key, scope, name)
            else:
                limit = item.amount if mode == "memory" else self.share(item)
                free_at = None if self._local.take(name, limit) else self._local.reset_time(name)
            if free_at is None:
                return
            if self._mode != mode:
                continue  # Redis failed during this take: try again, paced in memory
            wait = max(free_at - self._wall_clock(), 0.001)
            if deadline is not None and self._wall_clock() + wait > deadline:
                raise DeadlineExceededError(
                    f"Retry {action} in {math.ceil(wait)} s: client-side pacing keeps this API key "
                    f"under {item.amount} requests per {self.limits.paced_window} s, and that budget is "
                    f"used up for {wait:.1f} s more, past this call's deadline. Nothing was sent.",
                    retry_after=wait,
                )
            # While waiting for the shared window, keep registering: the others' count of
            # sharers must include this process if Redis goes away meanwhile.
            await self._sleep(min(wait, REGISTER_SECONDS) if mode == "shared" else wait)

    async def _take_shared(
        self, item: RateLimitItem, key: str, scope: str, name: str
    ) -> float | None:
        """Count the send in Redis (and here); else when to try again. Falls back on failure."""
        assert self._redis is not None
        keeping_share = self._wall_clock() < self._keep_share_until
        if keeping_share and self._local.count(name) >= self.share(item):
            return self._local.reset_time(name)
        try:
            if not await self._redis.hit(item, key, scope):
                return await self._redis.reset_time(item, key, scope)
        except Exception as exc:  # a Redis failure must never fail the call
            self._fall_back(exc)
            return self._wall_clock()
        self._local.record(name)
        return None
