"""The sandbox's small helpers: RFC 3339 times, ULID-shaped ids."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from incidentio_toolkit.sandbox._util import (
    _base32,  # pyright: ignore[reportPrivateUsage] - checked against the definition
    fmt_time,
    new_id,
    parse_time,
    seeded_ids,
    stable_id,
)


def test_times_are_written_in_utc_with_z_and_read_back() -> None:
    paris = datetime(2026, 3, 29, 3, 30, tzinfo=timezone(timedelta(hours=2)))
    assert fmt_time(paris) == "2026-03-29T01:30:00Z"
    assert fmt_time(paris.replace(microsecond=5)) == "2026-03-29T01:30:00.000005Z"
    assert parse_time("2026-03-29T01:30:00Z") == paris
    assert parse_time("2026-03-29t03:30:00.000000000+02:00") == paris
    assert parse_time("2026-03-29T01:30:00.1234567Z") == paris.replace(microsecond=123456)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-29",
        "2026-03-29T01:30:00",  # RFC 3339 needs an offset
        "2026-03-29T01:30Z",
        "2026-03-29 01:30:00Z",
        "20260329T013000Z",
        "2026-03-29T01:30:00+0200",
        " 2026-03-29T01:30:00Z",
    ],
)
def test_only_rfc_3339_date_times_are_read(text: str) -> None:
    with pytest.raises(ValueError, match="not an RFC 3339 date-time"):
        parse_time(text)


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_date_times_outside_the_years_1_to_9999_in_utc_are_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="out of range"):
        parse_time(text)


def test_new_ids_sort_by_time_and_stable_ids_repeat() -> None:
    now = datetime(2026, 1, 14, tzinfo=UTC)
    earlier, later = new_id(now), new_id(now + timedelta(milliseconds=1))
    assert len(earlier) == len(later) == 26
    assert earlier < later
    assert new_id(now) != new_id(now)  # random after the timestamp
    assert stable_id("a", "b") == stable_id("a", "b") != stable_id("ab")


def test_ids_drawn_inside_seeded_ids_repeat_for_the_same_seed() -> None:
    now = datetime(2026, 1, 14, tzinfo=UTC)
    with seeded_ids(random.Random(1)):
        first = [new_id(now) for _ in range(3)]
    with seeded_ids(random.Random(1)):
        again = [new_id(now) for _ in range(3)]
    assert first == again
    assert len(set(first)) == 3
    assert new_id(now) not in first  # outside the block, random again


def _reference_base32(number: int, length: int) -> str:
    digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    out = ""
    for _ in range(length):
        out = digits[number % 32] + out
        number //= 32
    return out


@pytest.mark.parametrize("bits", [0, 1, 48, 80, 128])
def test_ids_are_the_lowest_crockford_base32_digits(bits: int) -> None:
    rng = random.Random(bits)
    for length in (1, 10, 16, 24, 26):
        number = rng.getrandbits(bits) if bits else 0
        assert _base32(number, length) == _reference_base32(number, length)
