"""The budget shared through Redis: `limits`' moving windows, and the register of the processes
that share them (so that each knows its share if Redis goes away).

Keys are prefixed `incidentio_toolkit` and name the API key only by its fingerprint. Every method
may raise whatever the Redis client raises; the pacer decides what a failure means.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from limits import RateLimitItem
    from limits.aio.storage import RedisStorage

KEY_PREFIX = "incidentio_toolkit"
REDIS_TIMEOUT_SECONDS = 2.0
"""Connect and socket timeout for the shared budget: a hung Redis must not hang the call."""


class RedisBudget:
    """The moving windows of one or more API keys in Redis, plus the register of their sharers."""

    def __init__(self, redis_url: str, *, instance: str) -> None:
        from limits.aio.storage import RedisStorage
        from limits.aio.strategies import MovingWindowRateLimiter

        uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
        self._storage: RedisStorage = RedisStorage(
            uri,
            implementation="redispy",
            key_prefix=KEY_PREFIX,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._instance = instance

    async def hit(self, item: RateLimitItem, key: str, scope: str) -> bool:
        """Count one request if it fits the window."""
        return await self._limiter.hit(item, key, scope)

    async def reset_time(self, item: RateLimitItem, key: str, scope: str) -> float:
        """When (Unix seconds) the oldest request in the full window leaves it."""
        return (await self._limiter.get_window_stats(item, key, scope)).reset_time

    async def register(self, key: str, now: float, memory: float) -> int:
        """Note that this process shares `key`'s budget now; return how many processes did in
        the last `memory` seconds (this one included)."""
        name = f"{KEY_PREFIX}:sharers:{key}"
        async with self._connection().pipeline(transaction=True) as pipe:
            pipe.zadd(name, {self._instance: now})
            pipe.zremrangebyscore(name, "-inf", now - memory)
            pipe.zcard(name)
            pipe.expire(name, int(memory) + 1)
            replies: list[Any] = await pipe.execute()
        return max(int(replies[2]), 1)

    async def unregister(self, keys: list[str]) -> None:
        """Leave the registers (a clean shutdown: the next count no longer includes this one)."""
        for key in keys:
            await self._connection().zrem(f"{KEY_PREFIX}:sharers:{key}", self._instance)

    async def reachable(self) -> bool:
        """True when Redis answers a PING on a new connection. The pooled ones are dropped first:
        they may be from before an outage (a restarted Redis has closed them all)."""
        with contextlib.suppress(Exception):
            await self._connection().connection_pool.disconnect()
        return await self._storage.check()

    async def aclose(self) -> None:
        """Close the connections (they reopen if used again)."""
        with contextlib.suppress(Exception):
            await self._connection().aclose()

    def _connection(self) -> Any:
        bridge: Any = self._storage.bridge
        return bridge.get_connection()
