"""No duplicate creates: randomized fault sequences against the sandbox's idempotency, in process.

Each create action gets 1,000 logical calls. For each, a seeded random sequence of faults is injected
by a wrapper transport around `httpx2.ASGITransport` — before forwarding (the request never reaches
the sandbox: connect error/timeout, pool timeout, a 429 or 503 from a proxy) or after forwarding (the
sandbox committed, then the answer is lost: read timeout, dropped connection, a proxy's 502/504) — and
the sandbox's own fault mode adds drops, 5xx, 429s and commit-then-time-out on top.

Keyed creates (incidents, escalations): every logical call ends with exactly one object; when the
call itself failed, the agent's retry with the same key returns that same object and creates none.
Unkeyed creates: at most one object per call, and no request is ever sent after one that may have
reached the sandbox (other than an answered 429).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest
from tests.reliability.figures_support import record_figure

from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.sandbox import DEMO_API_KEY, FaultConfig, create_app, seed

SEQUENCES = 1000

BEFORE = {
    "connect_error": httpx2.ConnectError,
    "connect_timeout": httpx2.ConnectTimeout,
    "pool_timeout": httpx2.PoolTimeout,
}
AFTER = {"read_timeout": httpx2.ReadTimeout, "dropped": httpx2.RemoteProtocolError}
TOKENS = [
    *(["pass"] * 6),
    *BEFORE,
    "proxy_429",
    "proxy_503",
    *AFTER,
    "after_502",
    "after_504",
]
TABLES = {
    "incidents_create": "incidents",
    "escalations_create": "escalations",
    "workflows_create": "workflows",
    "schedules_create": "schedules",
    "custom_fields_create": "custom_fields",
    "incident_roles_create": "incident_roles",
    "schedule_overrides_create": "schedule_overrides",
    "escalation_paths_create": "escalation_paths",
}
KEYED = ("incidents_create", "escalations_create")


def arguments(name: str, rng: random.Random) -> dict[str, Any]:
    """Valid arguments against the seeded sandbox, with unique names and keys."""
    tag = f"{rng.getrandbits(48):012x}"
    return {
        "incidents_create": {
            "idempotency_key": f"idem-{tag}",
            "severity_id": seed.SEVERITY_MINOR_ID,
            "visibility": "public",
            "name": f"Checkout down {tag}",
            "mode": "test",
        },
        "escalations_create": {
            "idempotency_key": f"esc-{tag}",
            "title": f"Checkout down {tag}",
            "user_ids": [seed.USER_PRIYA_ID],
        },
        "workflows_create": {
            "name": f"Notify {tag}",
            "trigger": "incident.created",
            "once_for": ["incident.url"],
            "runs_on_incidents": "newly_created",
            "runs_on_incident_modes": ["standard"],
            "state": "draft",
            "continue_on_step_error": True,
            "include_private_incidents": False,
            "steps": [],
            "condition_groups": [],
            "expressions": [],
        },
        "schedules_create": {
            "name": f"Primary {tag}",
            "timezone": "Europe/London",
            "rotations_config": {
                "rotations": [
                    {
                        "name": "Weekly",
                        "users": [{"id": seed.USER_PRIYA_ID}],
                        "handover_start_at": "2026-11-23T09:00:00Z",
                        "handovers": [{"interval": 1, "interval_type": "weekly"}],
                        "layers": [{"name": "Layer 1"}],
                    }
                ]
            },
        },
        "custom_fields_create": {
            "name": f"Team {tag}",
            "description": "Owning team",
            "field_type": "text",
        },
        "incident_roles_create": {
            "name": f"Scribe {tag}",
            "description": "Takes notes",
            "instructions": "Write everything down",
            "shortform": f"scribe-{tag}",
        },
        "schedule_overrides_create": {
            "rotation_id": seed.ROTATION_PRIMARY_ID,
            "layer_id": seed.LAYER_PRIMARY_ID,
            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
            "start_at": "2026-12-01T09:00:00Z",
            "end_at": "2026-12-01T17:00:00Z",
            "user_id": seed.USER_PRIYA_ID,
        },
        "escalation_paths_create": {
            "name": f"Urgent {tag}",
            "path": [
                {
                    "targets": [
                        {
                            "type": "schedule",
                            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
                            "urgency": "high",
                        }
                    ],
                    "time_to_ack_seconds": 300,
                }
            ],
        },
    }[name]


@dataclass
class Attempt:
    forwarded: bool
    reached_sandbox_and_not_429: bool


@dataclass
class FaultWrapper(httpx2.AsyncBaseTransport):
    """Injects the next scripted fault before or after forwarding to the sandbox."""

    inner: httpx2.AsyncBaseTransport
    script: list[str] = field(default_factory=lambda: [])
    attempts: list[Attempt] = field(default_factory=lambda: [])

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        token = self.script.pop(0) if self.script else "pass"
        if token in BEFORE:
            self.attempts.append(Attempt(False, False))
            raise BEFORE[token](f"injected {token}", request=request)
        if token in ("proxy_429", "proxy_503"):
            self.attempts.append(Attempt(False, False))
            status = int(token[-3:])
            headers = {"Retry-After": "1"} if status == 429 else {}
            return httpx2.Response(status, text="<html>proxy</html>", headers=headers)
        try:
            response = await self.inner.handle_async_request(request)
            body = await response.aread()
        except httpx2.TransportError:  # the sandbox's own drop / commit-then-time-out faults
            self.attempts.append(Attempt(True, True))
            raise
        self.attempts.append(Attempt(True, response.status_code != 429))
        if token in AFTER:
            raise AFTER[token](f"injected {token} after the sandbox answered", request=request)
        if token in ("after_502", "after_504"):
            return httpx2.Response(int(token[-3:]), text="<html>gateway</html>")
        return httpx2.Response(response.status_code, headers=response.headers, content=body)


def count(app: Any, table: str) -> int:
    [(rows,)] = app.store.db.query(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
    return int(rows)


async def no_sleep(seconds: float) -> None:
    assert seconds >= 0


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(TABLES))
async def test_randomized_fault_sequences_never_duplicate_a_create(name: str) -> None:
    rng = random.Random(f"no-duplicates-{name}")
    app = create_app(
        faults=FaultConfig(
            seed=7,
            drop_rate=0.05,
            error_rate=0.05,
            rate_limit_rate=0.05,
            rate_limit_retry_after=1,
            commit_timeout_rate=0.15,
            methods=("POST",),
        ),
        rate_limit_per_minute=10**7,
        escalation_create_limit_per_minute=10**7,
    )
    wrapper = FaultWrapper(httpx2.ASGITransport(app=app))
    table = TABLES[name]
    keyed = name in KEYED
    outcomes = {"succeeded": 0, "failed": 0, "recovered_by_retry": 0, "duplicates": 0}
    started = time.perf_counter()
    async with AsyncIncidentIO(
        DEMO_API_KEY, base_url="http://sandbox", transport=wrapper, pacing=None, sleep=no_sleep
    ) as io:
        for _ in range(SEQUENCES):
            args = arguments(name, rng)
            wrapper.script = [rng.choice(TOKENS) for _ in range(3)]
            wrapper.attempts = []
            before = count(app, table)
            result = await io.call(name, args)
            created = count(app, table) - before
            assert created <= 1, (wrapper.attempts, result)
            if result["success"]:
                outcomes["succeeded"] += 1
                assert created == 1, result
            else:
                outcomes["failed"] += 1
                assert result["error"], result
            if not keyed:
                # Never re-sent after an attempt that may have reached the sandbox (bar a 429).
                for attempt in wrapper.attempts[:-1]:
                    assert not attempt.reached_sandbox_and_not_429, (wrapper.attempts, result)
            elif not result["success"]:
                # The agent retries the same logical call (same key) until it succeeds; the
                # sandbox's faults stay on, only the wrapper's stop.
                again: dict[str, Any] = {}
                for _ in range(20):
                    wrapper.script = []
                    again = await io.call(name, args)
                    if again["success"]:
                        break
                assert again["success"], again
                assert count(app, table) - before == 1, "a same-key retry created a second object"
                outcomes["recovered_by_retry"] += 1
            outcomes["duplicates"] += max(created - 1, 0)
    elapsed = time.perf_counter() - started
    record_figure(
        f"no duplicates: {name}",
        f"{SEQUENCES} sequences, {outcomes['succeeded']} succeeded, {outcomes['failed']} failed "
        f"({outcomes['recovered_by_retry']} then recovered by a same-key retry), "
        f"{outcomes['duplicates']} duplicates, {elapsed:.1f} s",
    )
    assert outcomes["duplicates"] == 0
    assert outcomes["succeeded"] > SEQUENCES // 4  # the faults did not simply block everything
    assert outcomes["failed"] > 0  # and they did bite
