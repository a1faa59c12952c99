"""Per-key rate limits (moving window, in memory) using the `limits` library."""

from __future__ import annotations

import hashlib
import math
import time
from datetime import UTC, datetime
from email.utils import format_datetime

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE
from incidentio_toolkit.sandbox.errors import TooManyRequestsError

GLOBAL_LIMIT_NAME = "public_api"
ESCALATION_CREATE_LIMIT_NAME = "escalations_create"


def too_many_requests(
    name: str, limit: int, wait: int, message: str | None = None
) -> TooManyRequestsError:
    """A 429 carrying `Retry-After` (delta-seconds) and the `rate_limit` body block."""
    when = datetime.fromtimestamp(time.time() + wait, UTC)
    return TooManyRequestsError(
        message or f"Rate limit {name!r} of {limit} requests per minute exceeded; retry in {wait}s",
        headers={"Retry-After": str(wait)},
        extra={
            "rate_limit": {
                "name": name,
                "limit": limit,
                "remaining": 0,
                "retry_after": format_datetime(when, usegmt=True),
            }
        },
    )


class RateLimiter:
    """incident.io's budgets: requests per minute per key, and a smaller one for escalation creates
    (defaults from `incidentio_toolkit.defaults`)."""

    def __init__(
        self,
        per_minute: int = REQUESTS_PER_MINUTE,
        escalation_create_per_minute: int = ESCALATION_CREATES_PER_MINUTE,
    ) -> None:
        if per_minute < 1 or escalation_create_per_minute < 1:
            raise ValueError("rate limits must be at least 1 request per minute")
        self.per_minute = per_minute
        self._storage = MemoryStorage()
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._limits: dict[str, RateLimitItem] = {
            GLOBAL_LIMIT_NAME: RateLimitItemPerMinute(per_minute),
            ESCALATION_CREATE_LIMIT_NAME: RateLimitItemPerMinute(escalation_create_per_minute),
        }
        self._ids: dict[str, str] = {}

    def hit(self, key: str, bucket: str | None = None) -> None:
        """Count one request for `key` (and `bucket`), or raise a 429."""
        identity = self._ids.get(key)
        if identity is None:
            identity = hashlib.sha256(key.encode()).hexdigest()[:16]
            self._ids[key] = identity
        for name in (GLOBAL_LIMIT_NAME, bucket):
            if name is None:
                continue
            item = self._limits[name]
            if not self._limiter.hit(item, name, identity):
                stats = self._limiter.get_window_stats(item, name, identity)
                wait = max(1, math.ceil(stats.reset_time - time.time()))
                raise too_many_requests(name, item.amount, wait)

    def reset(self) -> None:
        """Forget every request counted so far."""
        self._storage.reset()
