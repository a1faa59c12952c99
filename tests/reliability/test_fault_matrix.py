"""The fault matrix: every action x 32 faults through the real client and a fault-injecting transport.

Every cell checks: no exception escapes `call`; the result validates against the action's output
model; `success` is true only for a 2xx whose body parsed (or that has none, as deletes); the number
of requests matches the retry table; error texts carry status, type, codes, messages, fields and
request_id, stay within 2,000 characters, quote at most 500 characters of a raw body, and never
contain a piece of the key.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx2
import pytest
from tests.arguments_support import FULL_ARGUMENTS
from tests.reliability.faults import (
    FAULTS,
    REQUEST_ID,
    STATUS_FAULTS,
    FaultServer,
    envelope,
    expected_attempts,
    fault_status,
    is_ambiguous_for,
    leaked_pieces,
    no_sleep,
)
from tests.reliability.figures_support import add_to_figure, record_figure

from incidentio_toolkit import ACTIONS, AsyncIncidentIO
from incidentio_toolkit.actions import Action
from incidentio_toolkit.sandbox import DEMO_API_KEY, FaultConfig, create_app

KEY = "sk_live_MATRIXcanary_4fK2pQ9xLm3vB8nRz"


async def run_cell(
    action: Action, fault: str | None
) -> tuple[dict[str, Any], FaultServer, list[float]]:
    server = FaultServer(action, fault)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async with AsyncIncidentIO(KEY, transport=server.transport(), pacing=None, sleep=sleep) as io:
        result = await io.call(action.name, FULL_ARGUMENTS[action.name])
    return result, server, waits


def cell_problems(
    action: Action, fault: str, result: dict[str, Any], server: FaultServer
) -> list[str]:
    problems: list[str] = []
    model = action.output.model_validate(result)
    if set(result) != set(action.output.model_fields):
        problems.append(f"fields {sorted(result)}")
    status = fault_status(fault, action)
    parsed_2xx = status is not None and 200 <= status < 300 and action.result is None
    if model.success != parsed_2xx:
        problems.append(f"success={model.success}, expected {parsed_2xx}")
    attempts = expected_attempts(action, fault)
    if len(server.requests) != attempts:
        problems.append(f"{len(server.requests)} requests, expected {attempts}")
    if model.success:
        return problems
    error = model.error or ""
    if not error:
        problems.append("empty error")
    if len(error) > 2000:
        problems.append(f"error is {len(error)} chars")
    if leaked_pieces(error, KEY):
        problems.append("key leaked")
    if is_ambiguous_for(action, fault) and not (
        error.startswith("Outcome unknown") and "check with" in error
    ):
        problems.append(f"ambiguous failure not reported as outcome unknown: {error[:120]!r}")
    if fault in STATUS_FAULTS and status is not None and status >= 300:
        body = envelope(status)
        expected = [str(status), body["type"], REQUEST_ID]
        for item in body["errors"]:
            expected += [item["code"], item["message"], *item["source"].values()]
        missing = [text for text in expected if text not in error]
        if missing:
            problems.append(f"error lacks {missing}: {error[:200]!r}")
    if fault == "body_html" and (error.count("H") > 500 or "502" not in error):
        problems.append("raw HTML body not cut to 500 chars or status missing")
    if fault == "body_envelope_missing_fields" and not (
        "422" in error and "validation_error" in error
    ):
        problems.append(f"envelope without request_id/status/errors: {error!r}")
    if fault == "body_source_without_pointer" and not all(
        text in error for text in ("invalid_value", "Bad value", REQUEST_ID)
    ):
        problems.append(f"source without pointer: {error!r}")
    return problems


@pytest.mark.anyio
async def test_every_action_succeeds_without_a_fault() -> None:
    for action in ACTIONS.values():
        result, server, _ = await run_cell(action, None)
        assert result["success"] is True, (action.name, result)
        assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("fault", FAULTS)
async def test_every_action_under_fault_keeps_the_contract(fault: str) -> None:
    failures: dict[str, list[str]] = {}
    counts = {"cells": 0, "uncaught": 0, "invalid_outputs": 0, "false_successes": 0}
    longest_error = 0
    for action in ACTIONS.values():
        counts["cells"] += 1
        try:
            result, server, waits = await run_cell(action, fault)
        except Exception as exc:  # the figure: 0 uncaught exceptions
            counts["uncaught"] += 1
            failures[action.name] = [f"uncaught {type(exc).__name__}: {exc}"]
            continue
        try:
            problems = cell_problems(action, fault, result, server)
        except Exception as exc:
            counts["invalid_outputs"] += 1
            problems = [f"output does not validate: {exc}"]
        if result.get("success") and fault_status(fault, action) is None:
            counts["false_successes"] += 1
        if fault == "status_429" and waits and set(waits) != {1.0}:
            problems.append(f"waited {waits}, not the Retry-After of 1 s")
        longest_error = max(longest_error, len(result.get("error") or ""))
        if problems:
            failures[action.name] = problems
    add_to_figure(
        f"fault matrix ({len(ACTIONS)} actions x {len(FAULTS)} faults)",
        "{cells} cells, {uncaught} uncaught exceptions, {invalid_outputs} invalid outputs, "
        "{false_successes} false successes, longest error {longest_error} chars",
        counts,
        {"longest_error": longest_error},
    )
    assert not failures, failures


@pytest.mark.anyio
async def test_hung_transport_every_action_gives_up_at_its_deadline() -> None:
    deadline = 0.5
    timeouts: dict[str, list[dict[str, float]]] = {name: [] for name in ACTIONS}
    cancelled: list[str] = []
    results: dict[str, dict[str, Any]] = {}

    async def one(action: Action) -> None:
        async def hang(request: httpx2.Request) -> httpx2.Response:
            timeouts[action.name].append(request.extensions["timeout"])
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                cancelled.append(action.name)
                raise
            raise AssertionError("unreachable")

        async with AsyncIncidentIO(
            KEY, transport=httpx2.MockTransport(hang), pacing=None, deadline=deadline
        ) as io:
            results[action.name] = await io.call(action.name, FULL_ARGUMENTS[action.name])

    # Only so that a client that never gives up fails instead of hanging.
    with anyio.fail_after(60):
        async with anyio.create_task_group() as group:
            for action in ACTIONS.values():
                group.start_soon(one, action)
    assert len(results) == len(ACTIONS)
    for name, result in results.items():
        assert result["success"] is False, name
        ACTIONS[name].output.model_validate(result)
        assert "deadline" in result["error"] or "Outcome unknown" in result["error"], result
    record_figure(
        f"hung transport, {len(ACTIONS)} actions",
        f"{sum(map(len, timeouts.values()))} requests, {len(cancelled)} abandoned at the "
        f"{deadline} s deadline",
    )
    # One attempt each, given no more than the deadline, and abandoned when it ran out.
    assert {name: len(sent) for name, sent in timeouts.items()} == dict.fromkeys(ACTIONS, 1)
    for name, (sent,) in timeouts.items():
        assert all(0 < seconds <= deadline for seconds in sent.values()), (name, sent)
    assert sorted(cancelled) == sorted(ACTIONS)


class LastAnswer(httpx2.AsyncBaseTransport):
    """Forwards to the sandbox and remembers the last answer (status, whether the body parsed)."""

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner
        self.last: tuple[int, bool] | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.last = None
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        try:
            parsed = isinstance(json.loads(body), dict)
        except ValueError:
            parsed = False
        self.last = (response.status_code, parsed)
        return httpx2.Response(response.status_code, headers=response.headers, content=body)


@pytest.mark.anyio
async def test_every_action_against_the_sandbox_fault_mode_keeps_the_contract() -> None:
    app = create_app(
        faults=FaultConfig(
            seed=11,
            error_rate=0.2,
            drop_rate=0.1,
            rate_limit_rate=0.1,
            malformed_rate=0.2,
            commit_timeout_rate=0.1,
        ),
        rate_limit_per_minute=10**7,
        escalation_create_limit_per_minute=10**7,
    )
    transport = LastAnswer(httpx2.ASGITransport(app=app))
    counts = {"calls": 0, "succeeded": 0}
    async with AsyncIncidentIO(
        DEMO_API_KEY, base_url="http://sandbox", transport=transport, pacing=None, sleep=no_sleep
    ) as io:
        for action in ACTIONS.values():
            for _ in range(10):
                result = await io.call(action.name, FULL_ARGUMENTS[action.name])
                counts["calls"] += 1
                model = action.output.model_validate(result)
                if model.success:
                    counts["succeeded"] += 1
                    assert transport.last is not None, action.name
                    status, parsed = transport.last
                    assert 200 <= status < 300, (action.name, status)
                    assert parsed or action.result is None, action.name
                else:
                    assert model.error
                    assert len(model.error) <= 2000
    record_figure(
        "sandbox fault mode, every action",
        f"{counts['calls']} calls, {counts['succeeded']} succeeded (each on a parsed 2xx), 0 uncaught",
    )
    assert counts["succeeded"] > 0
