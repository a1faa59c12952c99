"""The retry policy: which failures are retried for which kind of request, as data.

| request                      | retried on                                                    |
|------------------------------|---------------------------------------------------------------|
| GET, PUT, keyed POST         | connect error, any timeout, protocol error, 408/429/5xx(*)    |
| other POST, DELETE           | only failures that provably never reached incident.io, and 429 |

(*) 500, 502, 503, 504. Anything else is final. For the second row, an ambiguous failure (a read or
write timeout after sending, a broken connection, 408 or a 5xx) becomes `OutcomeUnknownError`, never
a re-send. The table is `SAFE` / `UNSAFE` below; tests/client/test__retry.py checks it cell by cell.

Backoff before retry n (0-based) is `min(0.5 * 2**n, 8)` seconds, jittered down by up to 25 %. A
`Retry-After` header (delta-seconds or HTTP-date) or the body's `rate_limit.retry_after` (RFC 1123 or
RFC 3339) replaces it, unjittered, so nothing is sent before the instant the server named.
"""

from __future__ import annotations

import email.utils
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from incidentio_toolkit.client._errors import (
    APIConnectionError,
    APIStatusError,
    IncidentIOError,
)

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
AMBIGUOUS_STATUSES = frozenset({408, 500, 502, 503, 504})
"""Answers after which an unsafe request may have taken effect (a proxy's 408/5xx can follow it)."""
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
JITTER = 0.25


@dataclass(frozen=True, slots=True)
class RetryRule:
    """How one class of request may be retried."""

    retry_statuses: frozenset[int]
    retry_sent_transport_errors: bool
    """Whether transport failures that may have reached the server are retried."""

    def should_retry(self, exc: IncidentIOError) -> bool:
        if isinstance(exc, APIStatusError):
            return exc.status in self.retry_statuses
        if isinstance(exc, APIConnectionError):
            return self.retry_sent_transport_errors or not exc.reached_server
        return False

    def is_ambiguous(self, exc: IncidentIOError) -> bool:
        """A failure after which the request may have taken effect, for a request unsafe to repeat."""
        if self.retry_sent_transport_errors:
            return False
        if isinstance(exc, APIStatusError):
            return exc.status in AMBIGUOUS_STATUSES
        return isinstance(exc, APIConnectionError) and exc.reached_server


SAFE = RetryRule(retry_statuses=RETRY_STATUSES, retry_sent_transport_errors=True)
UNSAFE = RetryRule(retry_statuses=frozenset({429}), retry_sent_transport_errors=False)


def rule_for(method: str, keyed: bool) -> RetryRule:
    """GET and PUT are idempotent; a POST is only when it carries an idempotency key."""
    if method in ("GET", "PUT") or (method == "POST" and keyed):
        return SAFE
    return UNSAFE


def backoff(retry_index: int, rand: Callable[[], float] = random.random) -> float:
    """Wait before retry n (0-based): min(0.5 * 2^n, 8) s, jittered down by up to 25 %."""
    delay = min(BACKOFF_BASE * 2**retry_index, BACKOFF_CAP)
    return delay * (1 - JITTER * rand())


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After value: delta-seconds, an HTTP-date or an RFC 3339 time."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    moment: datetime | None = None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            moment = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(moment.timestamp() - now, 0.0)
