"""Small helpers shared by the sandbox: time formatting, ids, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

JSON = dict[str, Any]
Clock = Callable[[], datetime]

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def system_clock() -> datetime:
    """The default clock: the current time in UTC."""
    return datetime.now(UTC)


def fmt_time(value: datetime) -> str:
    """RFC 3339 in UTC with a `Z` suffix (microseconds only when non-zero)."""
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + "Z"


_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def parse_time(text: str) -> datetime:
    """Parse an RFC 3339 date-time (`2026-01-14T12:00:00Z`, an offset required, as the API's
    `date-time` format says); raises `ValueError` when it is not one."""
    if not _RFC3339.fullmatch(text):
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    date_part, _, fraction = text.partition(".")
    if fraction:  # Python takes at most microseconds; RFC 3339 allows any number of digits
        digits = re.match(r"[0-9]+", fraction)
        assert digits is not None
        text = date_part + "." + digits[0][:6].ljust(6, "0") + fraction[len(digits[0]) :]
    return datetime.fromisoformat(text.upper()).astimezone(UTC)


def to_micros(value: datetime) -> int:
    """Microseconds since the Unix epoch (used for ordered SQL columns)."""
    delta = value.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _base32(number: int, length: int) -> str:
    chars: list[str] = []
    for _ in range(length):
        chars.append(_CROCKFORD[number % 32])
        number //= 32
    return "".join(reversed(chars))


def new_id(now: datetime) -> str:
    """A ULID-style id: 48-bit millisecond timestamp then 80 random bits, Crockford base32."""
    millis = to_micros(now) // 1000
    return _base32(millis, 10) + _base32(int.from_bytes(os.urandom(10), "big"), 16)


def stable_id(*parts: str) -> str:
    """A deterministic ULID-shaped id derived from `parts` (for computed objects)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return "01" + _base32(int.from_bytes(digest[:16], "big"), 24)


def dumps(value: Any) -> str:
    """Compact JSON text."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def loads_object(text: str) -> JSON:
    """Parse stored JSON text that is known to hold an object."""
    value: JSON = json.loads(text)
    return value
