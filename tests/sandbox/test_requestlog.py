"""The request log: bounded, numbered, paged with `since`, counts that outlive the log."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from incidentio_toolkit.sandbox.requestlog import RequestLog, key_fingerprint

T0 = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
KEY = "sandbox-demo-key"


def fill(log: RequestLog, statuses: list[int | None]) -> None:
    for i, status in enumerate(statuses):
        log.record(
            time=T0 + timedelta(seconds=i),
            method="GET",
            path=f"/v2/incidents/{i}",
            operation="GET /v2/incidents/{id}",
            status=status,
            authorization=f"Bearer {KEY}",
        )


def test_entries_carry_time_method_path_status_and_a_fingerprint_never_the_key() -> None:
    log = RequestLog()
    fill(log, [200])
    (entry,) = log.page()["requests"]
    assert entry == {
        "seq": 1,
        "time": "2025-03-04T12:00:00Z",
        "method": "GET",
        "path": "/v2/incidents/0",
        "operation": "GET /v2/incidents/{id}",
        "status": 200,
        "key_fingerprint": hashlib.sha256(KEY.encode()).hexdigest()[:16],
    }
    assert KEY not in repr(log.page()) + repr(log.stats())


@pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer ", "Bearer    "])
def test_no_bearer_key_has_no_fingerprint(header: str | None) -> None:
    assert key_fingerprint(header) is None


def test_since_pages_forward_and_limit_cuts_pages() -> None:
    log = RequestLog()
    fill(log, [200] * 5)
    first = log.page(since=0, limit=2)
    assert [r["seq"] for r in first["requests"]] == [1, 2]
    assert first["next_since"] == 2
    rest = log.page(since=first["next_since"])
    assert [r["seq"] for r in rest["requests"]] == [3, 4, 5]
    empty = log.page(since=rest["next_since"])
    assert empty == {"requests": [], "next_since": 5, "missed": 0}


def test_the_log_is_bounded_and_says_how_many_a_reader_missed() -> None:
    log = RequestLog(capacity=3)
    fill(log, [200] * 10)
    page = log.page(since=2)
    assert [r["seq"] for r in page["requests"]] == [8, 9, 10]
    assert page["missed"] == 5  # 3..7 were forgotten
    assert log.stats()["total"] == 10  # the counts keep everything


def test_stats_count_answers_by_status_and_operation_with_drops() -> None:
    log = RequestLog()
    fill(log, [200, 200, 429, None])
    log.record(time=T0, method="GET", path="/nope", operation=None, status=404, authorization=None)
    assert log.stats() == {
        "total": 5,
        "by_status": {"200": 2, "404": 1, "429": 1, "dropped": 1},
        "by_operation": {
            "GET /v2/incidents/{id}": {"200": 2, "429": 1, "dropped": 1},
            "unmatched": {"404": 1},
        },
    }


def test_clear_forgets_requests_and_counts_but_keeps_numbering() -> None:
    log = RequestLog()
    fill(log, [200, 200])
    log.clear()
    assert log.stats() == {"total": 0, "by_status": {}, "by_operation": {}}
    fill(log, [201])
    assert [r["seq"] for r in log.page(since=2)["requests"]] == [3]


def test_capacity_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        RequestLog(capacity=0)
