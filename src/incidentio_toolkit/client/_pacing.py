"""Client-side pacing: stay under incident.io's per-key rate limits, across processes when asked.

The budget is a moving window from the `limits` library: in memory by default, or in Redis when a URL
is given, so every process and host using the key shares it. The Redis key is a hash of the API key,
never the key. If Redis cannot be reached the pacer falls back to memory, says so once, and the call
goes on.
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
from typing import TYPE_CHECKING, Any

from incidentio_toolkit.client._errors import DeadlineExceededError
from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE

if TYPE_CHECKING:
    from limits import RateLimitItem, WindowStats
    from limits.aio.storage import Storage
    from limits.aio.strategies import MovingWindowRateLimiter

logger = logging.getLogger("incidentio_toolkit.pacing")


@lru_cache(maxsize=1)
def paging_actions() -> frozenset[str]:
    """Actions with their own, smaller budget: the creates that page people."""
    from incidentio_toolkit.actions import ACTIONS

    return frozenset(
        a.name for a in ACTIONS.values() if a.kind == "destructive" and a.verb == "create"
    )


REDIS_TIMEOUT_SECONDS = 2.0
"""Connect and socket timeout for the shared budget: a hung Redis must not hang the call."""


@dataclass(frozen=True, slots=True)
class PacingLimits:
    """The per-key budgets: `per_minute` requests, `escalations_per_minute` escalation creates.

    `window` is the moving window in seconds (60 for incident.io's per-minute limits; tests shrink
    it, together with the amounts, to run in seconds).
    """

    per_minute: int = REQUESTS_PER_MINUTE
    escalations_per_minute: int = ESCALATION_CREATES_PER_MINUTE
    window: int = 60

    def __post_init__(self) -> None:
        if self.per_minute < 1 or self.escalations_per_minute < 1 or self.window < 1:
            raise ValueError("PacingLimits amounts and window must be at least 1.")


@lru_cache(maxsize=64)
def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible name for the key's budget."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:24]


class _InProcessLimiter:
    """`limits`' synchronous in-memory moving window behind the async limiter's interface.

    The async MemoryStorage schedules an expiry task that hops to a worker thread after every hit
    (about 100 µs of CPU per call); the synchronous storage does the same bookkeeping inline, and a
    memory hit never blocks, so it is safe to call from the event loop.
    """

    def __init__(self) -> None:
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def hit(self, item: RateLimitItem, *identifiers: str) -> bool:
        return self._limiter.hit(item, *identifiers)

    async def get_window_stats(self, item: RateLimitItem, *identifiers: str) -> WindowStats:
        return self._limiter.get_window_stats(item, *identifiers)


class Pacer:
    """Waits until a request fits in the key's moving windows, then counts it."""

    def __init__(
        self,
        limits: PacingLimits | None = None,
        *,
        redis_url: str | None = None,
        sleep: Callable[[float], Awaitable[None]],
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.limits = limits or PacingLimits()
        # Imported here so that importing the toolkit stays cheap (limits pulls in several packages).
        from limits import RateLimitItemPerSecond
        from limits.aio.strategies import MovingWindowRateLimiter

        window = self.limits.window
        self._overall: RateLimitItem = RateLimitItemPerSecond(self.limits.per_minute, window)
        self._paging: RateLimitItem = RateLimitItemPerSecond(
            self.limits.escalations_per_minute, window
        )
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._redis_url = redis_url
        self._fell_back = False
        self._redis_limiter: MovingWindowRateLimiter | None = None
        self._redis_storage: Storage | None = None
        self._limiter: MovingWindowRateLimiter | _InProcessLimiter = _InProcessLimiter()
        if redis_url is not None:
            try:
                self._redis_storage = self._open_storage(redis_url)
                self._redis_limiter = MovingWindowRateLimiter(self._redis_storage)
                self._limiter = self._redis_limiter
            except Exception as exc:  # e.g. the redis extra is not installed: never fail
                self._fall_back(exc)

    @property
    def shared(self) -> bool:
        """True while the budget lives in Redis."""
        return self._redis_url is not None and not self._fell_back

    @staticmethod
    def _open_storage(redis_url: str) -> Storage:
        from limits.aio.storage import RedisStorage

        uri = redis_url
        if not uri.startswith("async+"):
            uri = "async+" + uri
        return RedisStorage(
            uri,
            implementation="redispy",
            key_prefix="incidentio_toolkit",
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )

    def _fall_back(self, exc: Exception) -> None:
        # Reported once per pacer, by exception type only: the message could carry the Redis URL
        # (and its password).
        if not self._fell_back:
            self._fell_back = True
            logger.warning(
                "Redis pacing unavailable (%s); pacing in this process only from now on.",
                type(exc).__name__,
            )
            self._limiter = _InProcessLimiter()

    async def aclose(self) -> None:
        """Close the Redis connections (the pacer reconnects if used again)."""
        bridge: Any = getattr(self._redis_storage, "bridge", None)
        if bridge is None:
            return
        with contextlib.suppress(Exception):
            await bridge.get_connection().aclose()

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

    async def _take(
        self, item: RateLimitItem, key: str, action: str, deadline: float | None
    ) -> None:
        scope = action if item is self._paging else "all"
        while True:
            limiter = self._limiter
            try:
                if await limiter.hit(item, key, scope):
                    return
                stats = await limiter.get_window_stats(item, key, scope)
            except Exception as exc:  # a Redis failure must never fail the call
                if limiter is not self._redis_limiter:
                    raise
                self._fall_back(exc)
                continue
            wait = max(stats.reset_time - self._wall_clock(), 0.001)
            if deadline is not None and self._wall_clock() + wait > deadline:
                raise DeadlineExceededError(
                    f"Retry {action} in {math.ceil(wait)} s: client-side pacing keeps this API key "
                    f"under {item.amount} requests per {self.limits.window} s, and that budget is "
                    f"used up for {wait:.1f} s more, past this call's deadline. Nothing was sent.",
                    retry_after=wait,
                )
            await self._sleep(wait)
