"""End to end through the real client (AsyncIncidentIO) against the sandbox.

Every scenario runs twice: in process (ASGI transport) and against the sandbox started as a real
uvicorn server on a loopback port with a database file. Every response on either transport is
validated against the official OpenAPI spec before the client sees it. The support modules are in
client_scenarios/: `support.py` (launchers, the checking transport, result helpers) and the
resource scenarios, every public coroutine function of the other modules there (a new module is
picked up by itself); the error scenarios (401, 422, 429) are below, and then a test checks that
every action of the registry ran.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import tests.sandbox.client_scenarios
from tests.sandbox.client_scenarios.support import (
    KINDS,
    Kind,
    Launcher,
    Scenario,
    failed,
    launched,
    ok,
)

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.sandbox import FaultConfig
from incidentio_toolkit.sandbox import seed as s
from incidentio_toolkit.sandbox.testing import SpecChecker

pytestmark = pytest.mark.anyio

WRONG_KEY = "wrong-key-7f3a9c1e5b2d"


@pytest.fixture(params=KINDS)
async def launch(
    request: pytest.FixtureRequest, checker: SpecChecker, tmp_path: Path
) -> AsyncIterator[Launcher]:
    kind: Kind = request.param
    async with launched(kind, checker, tmp_path) as launcher:
        yield launcher


async def unauthorized(launch: Launcher) -> None:
    sandbox = launch()
    io = sandbox.client(WRONG_KEY)
    listed = await io.incidents_list(page_size=5)
    created = await io.call(
        "incidents_create",
        {"idempotency_key": "no-key", "severity_id": s.SEVERITY_MINOR_ID, "visibility": "public"},
    )
    deleted = await io.call("workflows_delete", {"id": s.WORKFLOW_SUMMARY_NUDGE_ID})
    for result in (listed, created, deleted):
        error = failed(result, "401", "authentication_error", "invalid_authorization")
        assert WRONG_KEY not in error
        assert "INCIDENTIO_API_KEY" in error  # says what to fix
    good = sandbox.client()
    assert ok(await good.incidents_list())["pagination_meta"]["total_record_count"] == 5
    ok(await good.workflows_show(id=s.WORKFLOW_SUMMARY_NUDGE_ID))


async def unprocessable(launch: Launcher) -> None:
    io = launch().client()
    bad_severity = await io.incidents_create(
        idempotency_key="bad-severity",
        severity_id="01JNSVCHSEVERTY00000000000",
        visibility="public",
    )
    failed(bad_severity, "422", "validation_error", "'severity_id'", "01JNSVCHSEVERTY00000000000")
    bad_target = await io.call(
        "escalation_paths_create",
        {
            "name": "Nobody",
            "path": [{"targets": [{"type": "user", "user_id": "01JNSVCHVSER00000000000000"}]}],
        },
    )
    failed(bad_target, "422", "'path[0].level.targets[0].id'", "01JNSVCHVSER00000000000000")
    failed(await io.incident_roles_delete(id=s.ROLE_LEAD_ID), "422", "lead role cannot be deleted")
    failed(await io.escalations_list(after="01NOSUCHCURSOR"), "422", "'after'")
    # Nothing was created or deleted.
    assert ok(await io.incidents_list())["pagination_meta"]["total_record_count"] == 5
    assert len(ok(await io.escalation_paths_list())["escalation_paths"]) == 2
    ok(await io.incident_roles_show(id=s.ROLE_LEAD_ID))


def seconds(pattern: str, error: str) -> int:
    match = re.search(pattern, error)
    assert match is not None, error
    wait = int(match[1])
    assert 1 <= wait <= 60, error
    return wait


async def rate_limited(launch: Launcher) -> None:
    sandbox = launch(rate_limit_per_minute=3)
    io = sandbox.client(max_retries=0)
    for _ in range(3):
        ok(await io.severities_list())
    error = failed(await io.severities_list(), "429", "too_many_requests")
    seconds(r"incident\.io asks to wait (\d+) s before retrying", error)
    # With retries, the client waits exactly what Retry-After says (a recording sleep here).
    waits: list[float] = []

    async def sleep(delay: float) -> None:
        waits.append(delay)

    honouring = sandbox.client(max_retries=2, deadline=600.0, sleep=sleep)
    failed(await honouring.severities_list(), "429", "asks to wait")
    assert len(waits) == 2
    assert all(1 <= wait <= 60 and wait == int(wait) for wait in waits), waits
    # Retries allowed, but the server's Retry-After is past the deadline: no sleeping, and the
    # error says when to come back.
    patient = sandbox.client(max_retries=5, deadline=1.0)
    error = failed(await patient.call("incidents_list", {"page_size": 1}), "429")
    seconds(r"Retry incidents_list in (\d+) s", error)

    # The escalation-create bucket: the refused create created nothing.
    sandbox = launch(escalation_create_limit_per_minute=1)
    io = sandbox.client(deadline=1.0)
    page = {"title": "Page", "user_ids": [s.USER_LIAM_ID]}
    ok(await io.call("escalations_create", {**page, "idempotency_key": "first"}))
    error = failed(await io.call("escalations_create", {**page, "idempotency_key": "second"}))
    seconds(r"Retry escalations_create in (\d+) s", error)
    assert "429" in error
    assert len(ok(await io.escalations_list())["escalations"]) == 3  # 2 seeded + 1


def _resource_scenarios() -> dict[str, Scenario]:
    """Every public coroutine function defined in the modules of client_scenarios/ but support."""
    package = tests.sandbox.client_scenarios
    found: dict[str, Scenario] = {}
    for info in pkgutil.iter_modules(list(package.__path__)):
        if info.name == "support":
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.iscoroutinefunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                assert name not in found, f"two scenarios are called {name}"
                found[name] = function
    return found


SCENARIOS: dict[str, Scenario] = {
    **_resource_scenarios(),
    "unauthorized": unauthorized,
    "unprocessable": unprocessable,
    "rate_limited": rate_limited,
}


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
async def test_scenario(launch: Launcher, scenario: Scenario) -> None:
    await scenario(launch)
    assert launch.violations == []
    assert launch.checked  # the responses did go through the spec check


async def test_every_action_runs_end_to_end(checker: SpecChecker, tmp_path: Path) -> None:
    async with launched("in_process", checker, tmp_path) as launch:
        for scenario in SCENARIOS.values():
            await scenario(launch)
    assert launch.violations == []
    assert launch.succeeded == set(ACTIONS)
    # ... and each of their operations answered 2xx with a body valid under the spec.
    assert checker.seen == {action.operation_id for action in ACTIONS.values()}


async def test_the_spec_check_catches_a_bad_response(checker: SpecChecker, tmp_path: Path) -> None:
    """The harness itself: a body cut in half fails the call and is reported as a violation."""
    async with launched("in_process", checker, tmp_path) as launch:
        io = launch(faults=FaultConfig(malformed_rate=1.0)).client(max_retries=0)
        result = await io.severities_list()
    assert not result.success
    assert [v.split(":")[0] for v in launch.violations] == ["GET /v1/severities"]


@pytest.mark.anyio
async def test_paginate_yields_each_schedule_entry_once(
    checker: SpecChecker, tmp_path: Path
) -> None:
    window = {
        "schedule_id": s.SCHEDULE_PLATFORM_ID,
        "entry_window_start": "2026-01-05T00:00:00Z",
        "entry_window_end": "2026-03-02T00:00:00Z",
    }
    async with launched("in_process", checker, tmp_path) as launch:
        io = launch().client()
        pages = [page async for page in io.pages("schedule_entries_list", window)]
        entries = [entry async for entry in io.paginate("schedule_entries_list", window)]
    assert len(pages) == 2
    repeated = [key for key, n in Counter(e["entry_id"] for e in entries).items() if n > 1]
    assert repeated == []
