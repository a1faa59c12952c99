"""What the sandbox was asked: a bounded log of recent requests and counts of every answer.

Tests of agents read it through `GET /_sandbox/requests` ("did it page anyone?") and
`GET /_sandbox/stats` ("how many 429s did it cause?"). A request is logged with its time, method,
path, status and a fingerprint of the key it presented, never the key. Admin requests are not
logged.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incidentio_toolkit.sandbox._util import fmt_time

DEFAULT_CAPACITY = 10_000
"""Requests kept in the log; older ones are forgotten (the counts keep them)."""
MAX_PAGE = 1000


def key_fingerprint(authorization: str | None) -> str | None:
    """The first 16 hex digits of SHA-256 of the bearer key presented, or None without one."""
    if not authorization:
        return None
    scheme, _, key = authorization.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        return None
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One answered (or dropped) request."""

    seq: int
    time: datetime
    method: str
    path: str
    operation: str | None
    """`METHOD /path/{template}` of the route, or None when no route matched."""
    status: int | None
    """None when the connection was dropped without an answer (a fault)."""
    key: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": fmt_time(self.time),
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "status": self.status,
            "key_fingerprint": self.key,
        }


class RequestLog:
    """The last `capacity` requests, numbered from 1, and counts of every answer since the start
    (or the last `clear`)."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("the request log must keep at least 1 request")
        self._entries: deque[LoggedRequest] = deque(maxlen=capacity)
        self._seq = 0
        self._by_status: Counter[str] = Counter()
        self._by_operation: dict[str, Counter[str]] = {}

    def record(
        self,
        *,
        time: datetime,
        method: str,
        path: str,
        operation: str | None,
        status: int | None,
        authorization: str | None,
    ) -> None:
        self._seq += 1
        self._entries.append(
            LoggedRequest(
                self._seq, time, method, path, operation, status, key_fingerprint(authorization)
            )
        )
        answer = "dropped" if status is None else str(status)
        self._by_status[answer] += 1
        self._by_operation.setdefault(operation or "unmatched", Counter())[answer] += 1

    def page(self, since: int = 0, limit: int = MAX_PAGE) -> dict[str, Any]:
        """The requests numbered after `since`, oldest first, at most `limit` of them.

        `next_since` is the number to send next time; `missed` counts requests after `since` that
        the log no longer holds (it keeps only the last `capacity`).
        """
        oldest = self._entries[0].seq if self._entries else self._seq + 1
        missed = max(0, oldest - since - 1)
        start = max(since + 1 - oldest, 0)
        taken = [self._entries[i] for i in range(start, min(start + limit, len(self._entries)))]
        return {
            "requests": [entry.to_json() for entry in taken],
            "next_since": taken[-1].seq if taken else max(since, oldest - 1),
            "missed": missed,
        }

    def stats(self) -> dict[str, Any]:
        """Answers counted by status and by operation (`"dropped"` for dropped connections)."""
        return {
            "total": sum(self._by_status.values()),
            "by_status": dict(sorted(self._by_status.items())),
            "by_operation": {
                name: dict(sorted(counts.items()))
                for name, counts in sorted(self._by_operation.items())
            },
        }

    def clear(self) -> None:
        """Forget the requests and the counts (numbering goes on, so cursors stay valid)."""
        self._entries.clear()
        self._by_status.clear()
        self._by_operation.clear()
