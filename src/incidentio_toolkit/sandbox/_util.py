"""Small helpers shared by the sandbox: time formatting, ids, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from collections.abc import Callable, Generator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

JSON = dict[str, Any]
Clock = Callable[[], datetime]

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_PAIRS = [high + low for high in _CROCKFORD for low in _CROCKFORD]
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_random_bytes: ContextVar[Callable[[int], bytes]] = ContextVar("random_bytes", default=os.urandom)


def system_clock() -> datetime:
    """The default clock: the current time in UTC."""
    return datetime.now(UTC)


def fmt_time(value: datetime) -> str:
    """RFC 3339 in UTC with a `Z` suffix (microseconds only when non-zero)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def parse_time(text: str) -> datetime:
    """Parse an RFC 3339 date-time (`2026-01-14T12:00:00Z`, an offset required, as the API's
    `date-time` format says); raises `ValueError` when it is not one, or when it lies outside the
    years 1 to 9999 in UTC (`0001-01-01T00:00:00+01:00`)."""
    if not _RFC3339.fullmatch(text):
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    date_part, _, fraction = text.partition(".")
    if fraction:  # Python takes at most microseconds; RFC 3339 allows any number of digits
        digits = re.match(r"[0-9]+", fraction)
        assert digits is not None
        text = date_part + "." + digits[0][:6].ljust(6, "0") + fraction[len(digits[0]) :]
    try:
        return datetime.fromisoformat(text.upper()).astimezone(UTC)
    except OverflowError:
        raise ValueError(f"date-time out of range: {text!r}") from None


def to_micros(value: datetime) -> int:
    """Microseconds since the Unix epoch (used for ordered SQL columns)."""
    delta = value.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _base32(number: int, length: int) -> str:
    """The lowest `length` Crockford base32 digits of `number`, two digits (10 bits) a step."""
    chunks: list[str] = []
    for _ in range(length // 2):
        chunks.append(_CROCKFORD_PAIRS[number & 1023])
        number >>= 10
    if length % 2:
        chunks.append(_CROCKFORD[number & 31])
    return "".join(reversed(chunks))


def new_id(now: datetime) -> str:
    """A ULID-style id: 48-bit millisecond timestamp then 80 random bits, Crockford base32."""
    millis = to_micros(now) // 1000
    return _base32(millis, 10) + _base32(int.from_bytes(_random_bytes.get()(10), "big"), 16)


@contextmanager
def seeded_ids(rng: random.Random) -> Generator[None]:
    """Within the block, `new_id` draws its random bits from `rng` (in this context only), so
    that a generated organisation gets the same ids every time it is written."""
    token = _random_bytes.set(rng.randbytes)
    try:
        yield
    finally:
        _random_bytes.reset(token)


def stable_id(*parts: str) -> str:
    """A deterministic ULID-shaped id derived from `parts` (for computed objects)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return "01" + _base32(int.from_bytes(digest[:16], "big"), 24)


def dumps(value: Any) -> str:
    """Compact JSON text."""
    return _ENCODER.encode(value)


def loads_object(text: str) -> JSON:
    """Parse stored JSON text that is known to hold an object."""
    value: JSON = json.loads(text)
    return value
