"""The retry policy of RELIABILITY.md, cell by cell, on an injected clock (no real sleeps).

The expected table is written out here from RELIABILITY.md, not read from `client/_retry.py`.
"""

from __future__ import annotations

import email.utils
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx2
import pytest

from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.client._errors import (
    ConnectError,
    ConnectTimeout,
    PoolTimeout,
    ProtocolError,
    ReadTimeout,
    WriteTimeout,
)
from incidentio_toolkit.client._retry import SAFE, UNSAFE, backoff, parse_retry_after, rule_for

KEY = "sk_test_retrytable_0123456789"
START = 1_800_000_000.0  # a whole second, so HTTP-dates line up exactly

# request kind -> (action, arguments)
REQUESTS: dict[str, tuple[str, dict[str, object]]] = {
    "GET": ("workflows_show", {"id": "01WF"}),
    "PUT": (
        "custom_fields_update",
        {"id": "01JCF000000000000000000000", "name": "Team", "description": "Owning team"},
    ),
    "keyed POST": (
        "incidents_create",
        {
            "idempotency_key": "idem-7",
            "severity_id": "01JSEV00000000000000000000",
            "visibility": "public",
        },
    ),
    "unkeyed POST": (
        "custom_fields_create",
        {"name": "Team", "description": "Owning team", "field_type": "text"},
    ),
    "DELETE": ("workflows_delete", {"id": "01WF"}),
}
SAFE_KINDS = ("GET", "PUT", "keyed POST")
UNSAFE_KINDS = ("unkeyed POST", "DELETE")

TRANSPORT = {
    "connect error": httpx2.ConnectError,
    "connect timeout": httpx2.ConnectTimeout,
    "read timeout": httpx2.ReadTimeout,
    "write timeout": httpx2.WriteTimeout,
    "pool timeout": httpx2.PoolTimeout,
    "protocol error": httpx2.RemoteProtocolError,
}
# RELIABILITY.md: "retried on" for GET/PUT/keyed POST, and for other POST/DELETE.
SAFE_RETRIED = {*TRANSPORT, 408, 429, 500, 502, 503, 504}
SAFE_FINAL = {400, 401, 403, 404, 405, 406, 412, 413, 422}
UNSAFE_RETRIED = {"connect error", "connect timeout", "pool timeout", 429}
# 408 too: a proxy may answer 408 after the request reached incident.io (RELIABILITY.md lists
# read timeouts and 5xx as examples of ambiguous failures).
UNSAFE_AMBIGUOUS = {"read timeout", "write timeout", "protocol error", 408, 500, 502, 503, 504}
FAULTS: list[str | int] = [*TRANSPORT, *sorted(SAFE_FINAL | {408, 409, 429, 500, 502, 503, 504})]


@dataclass
class FakeTime:
    """Monotonic and wall clocks that only move when the client sleeps."""

    now: float = START
    waits: list[float] = field(default_factory=lambda: [])

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@dataclass
class Script:
    """A transport answering each request with the next scripted step, recording send times."""

    time: FakeTime
    steps: list[Callable[[httpx2.Request], httpx2.Response]]
    requests: list[httpx2.Request] = field(default_factory=lambda: [])
    sent_at: list[float] = field(default_factory=lambda: [])

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        self.sent_at.append(self.time.now)
        step = self.steps[min(len(self.requests), len(self.steps)) - 1]
        return step(request)


def fault(kind: str | int) -> Callable[[httpx2.Request], httpx2.Response]:
    def answer(request: httpx2.Request) -> httpx2.Response:
        if isinstance(kind, str):
            raise TRANSPORT[kind](f"injected {kind}", request=request)
        return httpx2.Response(kind, json={"type": "x", "request_id": "req-1", "errors": []})

    return answer


def ok(request: httpx2.Request) -> httpx2.Response:
    if request.method == "DELETE":
        return httpx2.Response(204)
    name = {"/v2/workflows/01WF": "workflow", "/v2/incidents": "incident"}.get(
        request.url.path, "custom_field"
    )
    return httpx2.Response(200, json={name: {"id": "01X"}})


def client(script: Script, time: FakeTime, **options: object) -> AsyncIncidentIO:
    return AsyncIncidentIO(
        KEY,
        transport=httpx2.MockTransport(script),
        pacing=None,
        sleep=time.sleep,
        clock=time.clock,
        wall_clock=time.clock,
        jitter=lambda: 0.0,
        **options,  # type: ignore[arg-type]
    )


async def run(
    kind: str, steps: list[Callable[[httpx2.Request], httpx2.Response]], **options: object
):
    time = FakeTime()
    script = Script(time, steps)
    name, arguments = REQUESTS[kind]
    async with client(script, time, **options) as io:
        result = await io.call(name, arguments)
    return result, script, time


def expected_attempts(kind: str, failure: str | int) -> int:
    retried = SAFE_RETRIED if kind in SAFE_KINDS else UNSAFE_RETRIED
    return 3 if failure in retried else 1


@pytest.mark.anyio
@pytest.mark.parametrize("failure", FAULTS, ids=str)
@pytest.mark.parametrize("kind", list(REQUESTS))
async def test_retry_table_cell(kind: str, failure: str | int) -> None:
    result, script, time = await run(kind, [fault(failure)])
    attempts = expected_attempts(kind, failure)
    assert len(script.requests) == attempts
    assert result["success"] is False
    error = result["error"]
    ambiguous = kind in UNSAFE_KINDS and failure in UNSAFE_AMBIGUOUS
    assert error.startswith("Outcome unknown") == ambiguous, error
    if ambiguous:
        check = {"unkeyed POST": "custom_fields_list", "DELETE": "workflows_show"}[kind]
        assert f"check with {check} before retrying" in error
    if isinstance(failure, int):
        assert str(failure) in error
    if attempts > 1 and failure != 429:
        assert time.waits == [0.5, 1.0]  # backoff 0.5 * 2^n, no jitter drawn


@pytest.mark.anyio
@pytest.mark.parametrize("kind", list(REQUESTS))
@pytest.mark.parametrize("failure", [*TRANSPORT, 429, 503], ids=str)
async def test_retried_cells_recover_when_the_fault_clears(kind: str, failure: str | int) -> None:
    result, script, _ = await run(kind, [fault(failure), ok])
    retried = failure in (SAFE_RETRIED if kind in SAFE_KINDS else UNSAFE_RETRIED)
    assert result["success"] is retried
    assert len(script.requests) == (2 if retried else 1)


def test_rule_for_maps_methods_to_the_two_rows() -> None:
    assert rule_for("GET", False) is SAFE
    assert rule_for("PUT", False) is SAFE
    assert rule_for("POST", True) is SAFE
    assert rule_for("POST", False) is UNSAFE
    assert rule_for("DELETE", False) is UNSAFE


def test_rule_knows_which_transport_failures_never_reached_the_server() -> None:
    for never_sent in (ConnectError("x"), ConnectTimeout("x"), PoolTimeout("x")):
        assert UNSAFE.should_retry(never_sent)
        assert not UNSAFE.is_ambiguous(never_sent)
    for maybe_sent in (ReadTimeout("x"), WriteTimeout("x"), ProtocolError("x")):
        assert not UNSAFE.should_retry(maybe_sent)
        assert UNSAFE.is_ambiguous(maybe_sent)
        assert SAFE.should_retry(maybe_sent)
        assert not SAFE.is_ambiguous(maybe_sent)


@pytest.mark.parametrize(
    ("retry", "expected"),
    [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (12, 8.0)],
)
def test_backoff_is_half_a_second_doubling_capped_at_eight(retry: int, expected: float) -> None:
    assert backoff(retry, lambda: 0.0) == expected
    assert backoff(retry, lambda: 1.0) == pytest.approx(expected * 0.75)
    for _ in range(200):
        assert expected * 0.75 <= backoff(retry) <= expected


@pytest.mark.anyio
async def test_backoff_waits_grow_and_are_jittered_down_by_at_most_a_quarter() -> None:
    time = FakeTime()
    script = Script(time, [fault(503)])
    draws = iter([1.0, 0.5, 0.0, 0.2, 0.9])
    async with AsyncIncidentIO(
        KEY,
        transport=httpx2.MockTransport(script),
        pacing=None,
        sleep=time.sleep,
        clock=time.clock,
        wall_clock=time.clock,
        jitter=lambda: next(draws),
        max_retries=5,
    ) as io:
        await io.call("workflows_show", {"id": "01WF"})
    assert time.waits == pytest.approx([0.375, 0.875, 2.0, 3.8, 6.2])
    assert len(script.requests) == 6


def http_date(moment: float) -> str:
    return email.utils.format_datetime(datetime.fromtimestamp(moment, UTC), usegmt=True)


def rfc3339(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat().replace("+00:00", "Z")


def limited(header: str | None = None, body_retry_after: str | None = None):
    def answer(request: httpx2.Request) -> httpx2.Response:
        body: dict[str, object] = {"type": "too_many_requests", "errors": []}
        if body_retry_after is not None:
            body["rate_limit"] = {"name": "key", "limit": 1200, "retry_after": body_retry_after}
        headers = {} if header is None else {"Retry-After": header}
        return httpx2.Response(429, content=json.dumps(body).encode(), headers=headers)

    return answer


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        ("0", 0.0),
        (" 3 ", 3.0),
        (http_date(START + 12), 12.0),
        (rfc3339(START + 9), 9.0),
        ("2027-01-15T08:00:04.5+00:00", 4.5),
        (http_date(START - 30), 0.0),
        ("soon", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        (None, None),
    ],
)
def test_parse_retry_after_accepts_every_form_incident_io_sends(
    value: str | None, seconds: float | None
) -> None:
    now = (
        START
        if "2027" not in (value or "")
        else datetime(2027, 1, 15, 8, 0, 0, tzinfo=UTC).timestamp()
    )
    assert parse_retry_after(value, now) == seconds


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("header", "body", "named"),
    [
        ("7", None, START + 7),
        (http_date(START + 12), None, START + 12),
        (None, http_date(START + 5), START + 5),
        (None, rfc3339(START + 9), START + 9),
        (None, "2", START + 2),
    ],
    ids=["delta-seconds", "http-date", "body-rfc1123", "body-rfc3339", "body-seconds"],
)
async def test_nothing_is_sent_before_the_instant_the_server_named(
    header: str | None, body: str | None, named: float
) -> None:
    result, script, time = await run("unkeyed POST", [limited(header, body), ok])
    assert result["success"] is True
    assert len(script.requests) == 2
    assert script.sent_at[1] >= named
    assert script.sent_at[1] == pytest.approx(named)  # and not needlessly later
    assert time.waits == [pytest.approx(named - START)]


@pytest.mark.anyio
async def test_header_retry_after_wins_over_the_body() -> None:
    _, script, _ = await run("GET", [limited("4", rfc3339(START + 30)), ok])
    assert script.sent_at[1] == START + 4


@pytest.mark.anyio
async def test_a_wait_longer_than_the_deadline_left_fails_at_once_saying_how_long() -> None:
    result, script, time = await run("GET", [limited("120"), ok], deadline=60.0)
    assert len(script.requests) == 1
    assert time.waits == []
    assert result["success"] is False
    assert result["error"].startswith("Retry workflows_show in 120 s")


@pytest.mark.anyio
async def test_a_long_retry_after_on_the_last_attempt_still_names_the_wait() -> None:
    result, script, _ = await run("GET", [limited("30")], max_retries=0)
    assert len(script.requests) == 1
    assert "wait 30 s" in result["error"]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", list(REQUESTS))
async def test_max_retries_zero_sends_exactly_once(kind: str) -> None:
    result, script, time = await run(kind, [fault("connect error")], max_retries=0)
    assert len(script.requests) == 1
    assert time.waits == []
    assert result["success"] is False


@pytest.mark.anyio
async def test_backoff_past_the_deadline_stops_retrying() -> None:
    result, script, _ = await run("GET", [fault(503)], deadline=0.7)
    assert len(script.requests) == 2  # waits 0.5, then 1.0 would pass the 0.7 s deadline
    assert "503" in result["error"]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", SAFE_KINDS)
async def test_retried_requests_are_byte_identical(kind: str) -> None:
    result, script, _ = await run(kind, [fault("read timeout"), fault(503), ok])
    assert result["success"] is True
    first, *rest = script.requests
    for again in rest:
        assert again.method == first.method
        assert str(again.url) == str(first.url)
        assert again.url.raw_path == first.url.raw_path
        assert again.headers.raw == first.headers.raw
        assert again.content == first.content
    if kind == "keyed POST":
        assert json.loads(first.content)["idempotency_key"] == "idem-7"


@pytest.mark.anyio
@pytest.mark.parametrize("kind", UNSAFE_KINDS)
@pytest.mark.parametrize(
    "failure", ["read timeout", "write timeout", "protocol error", 500, 502, 503, 504], ids=str
)
async def test_ambiguous_unkeyed_failure_is_reported_not_resent(
    kind: str, failure: str | int
) -> None:
    result, script, time = await run(kind, [fault(failure), ok])
    assert len(script.requests) == 1
    assert time.waits == []
    assert result["success"] is False
    assert result["error"].startswith("Outcome unknown")
    assert "was\nnot re-sent" not in result["error"]
    assert "not re-sent" in result["error"]
