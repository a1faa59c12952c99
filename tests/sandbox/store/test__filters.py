"""Query filters shared by the list endpoints: bracket parameters and date conditions."""

from __future__ import annotations

import pytest

from incidentio_toolkit.sandbox.errors import UnprocessableEntityError
from incidentio_toolkit.sandbox.store._filters import parse_brackets, time_condition

DAY = 86_400_000_000


@pytest.mark.parametrize("text", ["20250101", "2025-W01-1", "2025-001", "2025-1-1", "2025-01"])
def test_a_date_is_only_read_as_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        time_condition("created_us", "gte", text, "created_at[gte]")
    assert caught.value.field == "created_at[gte]"


def test_a_date_covers_its_whole_day_in_utc() -> None:
    _, (start,) = time_condition("created_us", "gte", "2025-01-01", "created_at[gte]")
    _, (end,) = time_condition("created_us", "lte", "2025-01-01", "created_at[lte]")
    assert end - start == DAY - 1


def test_the_last_day_of_the_year_9999_is_a_date_like_any_other() -> None:
    sql, bounds = time_condition("created_us", "date_range", "9999-12-30~9999-12-31", "x")
    assert sql == "created_us BETWEEN ? AND ?"
    assert bounds[1] - bounds[0] == 2 * DAY - 1


def test_repeated_bracket_keys_merge_their_values() -> None:
    params = parse_brackets([("status[one_of]", "a"), ("status[one_of]", "b"), ("plain", "x")])
    assert [(p.name, p.keys, p.values) for p in params] == [("status", ("one_of",), ("a", "b"))]
