"""Client-side pacing: stay under incident.io's per-key rate limits, across processes when asked.

The budget is a moving window from the `limits` library: in memory by default, or in Redis when a URL
is given, so every process and host using the key shares it. The Redis key is a hash of the API key,
never the key. If Redis cannot be reached the pacer falls back to memory, says so once, and the call
goes on.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from incidentio_toolkit.client._errors import DeadlineExceededError

logger = logging.getLogger("incidentio_toolkit.pacing")

DEFAULT_RATE_LIMIT_PER_MINUTE = 1200
DEFAULT_ESCALATION_RATE_LIMIT_PER_MINUTE = 60
PAGING_ACTIONS = frozenset({"escalations_create"})


@dataclass(frozen=True, slots=True)
class PacingLimits:
    per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE
    escalations_per_minute: int = DEFAULT_ESCALATION_RATE_LIMIT_PER_MINUTE


def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible name for the key's budget."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:24]


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
        self._overall: RateLimitItem = RateLimitItemPerMinute(self.limits.per_minute)
        self._paging: RateLimitItem = RateLimitItemPerMinute(self.limits.escalations_per_minute)
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._redis_url = redis_url
        self._limiter = MovingWindowRateLimiter(self._open_storage())
        self._fell_back = False

    @property
    def shared(self) -> bool:
        """True while the budget lives in Redis."""
        return self._redis_url is not None and not self._fell_back

    def _open_storage(self) -> Storage:
        if self._redis_url is None:
            return MemoryStorage()
        from limits.aio.storage import RedisStorage

        uri = self._redis_url
        if not uri.startswith("async+"):
            uri = "async+" + uri
        return RedisStorage(uri, implementation="redispy", key_prefix="incidentio_toolkit")

    def _fall_back(self, exc: Exception) -> None:
        if not self._fell_back:
            self._fell_back = True
            logger.warning(
                "Redis pacing unavailable (%s); pacing in this process only.", type(exc).__name__
            )
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def acquire(self, api_key: str, action: str, deadline: float | None = None) -> None:
        """Block until one more request for `action` fits the key's budget.

        `deadline` is a wall-clock instant: if the wait would pass it, raise DeadlineExceededError.
        """
        key = key_fingerprint(api_key)
        items = [self._overall]
        if action in PAGING_ACTIONS:
            items.insert(0, self._paging)
        for item in items:
            await self._take(item, key, action, deadline)

    async def _take(self, item: RateLimitItem, key: str, action: str, deadline: float | None) -> None:
        while True:
            try:
                if await self._limiter.hit(item, key, action if item is self._paging else "all"):
                    return
                stats = await self._limiter.get_window_stats(
                    item, key, action if item is self._paging else "all"
                )
            except Exception as exc:  # any storage failure: never fail the call
                if self._redis_url is None or self._fell_back:
                    raise
                self._fall_back(exc)
                continue
            wait = max(stats.reset_time - self._wall_clock(), 0.001)
            if deadline is not None and self._wall_clock() + wait > deadline:
                raise DeadlineExceededError(
                    f"Client-side pacing: the {item.amount}/minute budget is used up for "
                    f"{wait:.1f} s more, past this call's deadline; retry in {wait:.0f} s.",
                    retry_after=wait,
                )
            await self._sleep(wait)
