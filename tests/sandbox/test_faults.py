"""Fault injection: each kind is observable, deterministic per seed, and switchable at runtime."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx2
import pytest

from incidentio_toolkit.sandbox import (
    CommitTimeout,
    ConnectionDropped,
    FaultConfig,
    SandboxApp,
    create_app,
)
from incidentio_toolkit.sandbox.testing import ClientFactory, assert_error_envelope

pytestmark = pytest.mark.anyio


NEW_INCIDENT = {"idempotency_key": "fault-1", "visibility": "public", "name": "Under faults"}


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleeper() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def faulty(sleeper: RecordingSleep) -> Iterator[SandboxApp]:
    app = create_app(sleep=sleeper)
    yield app
    app.close()


@pytest.fixture
async def raw(faulty: SandboxApp, make_client: ClientFactory) -> AsyncIterator[httpx2.AsyncClient]:
    async with make_client(faulty, checked=False) as client:
        yield client


async def _set(client: httpx2.AsyncClient, **config: object) -> None:
    response = await client.put("/_sandbox/faults", json=config)
    assert response.status_code == 200, response.text


async def _incident_count(client: httpx2.AsyncClient) -> int:
    await client.delete("/_sandbox/faults")
    count: int = (await client.get("/v2/incidents")).json()["pagination_meta"]["total_record_count"]
    return count


async def test_latency_is_added_through_the_injected_sleep(
    raw: httpx2.AsyncClient, sleeper: RecordingSleep
) -> None:
    await _set(raw, latency_ms=250)
    response = await raw.get("/v1/severities")
    assert response.status_code == 200
    assert sleeper.calls == [0.25]


async def test_error_rate_answers_5xx_without_touching_state(raw: httpx2.AsyncClient) -> None:
    await _set(raw, error_rate=1.0, error_statuses=[500])
    response = await raw.post("/v2/incidents", json=NEW_INCIDENT)
    assert response.status_code == 500
    assert assert_error_envelope(response)["type"] == "internal_error"
    assert await _incident_count(raw) == 5


async def test_gateway_errors_come_back_as_html(raw: httpx2.AsyncClient) -> None:
    await _set(raw, error_rate=1.0, error_statuses=[502, 503, 504])
    statuses: set[int] = set()
    for _ in range(12):
        response = await raw.get("/v1/severities")
        assert response.headers["content-type"].startswith("text/html")
        statuses.add(response.status_code)
    assert statuses == {502, 503, 504}


async def test_rate_limit_fault_answers_429_with_retry_after(raw: httpx2.AsyncClient) -> None:
    await _set(raw, rate_limit_rate=1.0, rate_limit_retry_after=7)
    response = await raw.get("/v2/users")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert assert_error_envelope(response)["rate_limit"]["name"] == "sandbox_fault"


async def test_dropped_connection_is_a_transport_error_and_nothing_is_created(
    raw: httpx2.AsyncClient,
) -> None:
    await _set(raw, drop_rate=1.0)
    with pytest.raises(httpx2.RemoteProtocolError) as caught:
        await raw.post("/v2/incidents", json=NEW_INCIDENT)
    assert isinstance(caught.value, ConnectionDropped)
    assert await _incident_count(raw) == 5


async def test_malformed_bodies_are_truncated_json(raw: httpx2.AsyncClient) -> None:
    await _set(raw, malformed_rate=1.0)
    response = await raw.get("/v1/severities")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    await raw.delete("/_sandbox/faults")
    whole = await raw.get("/v1/severities")
    assert whole.content.startswith(response.content)
    assert len(response.content) < len(whole.content)


async def test_commit_then_timeout_commits_the_create_before_failing(
    raw: httpx2.AsyncClient,
) -> None:
    await _set(raw, commit_timeout_rate=1.0)
    assert (await raw.get("/v1/severities")).status_code == 200  # reads are not affected
    with pytest.raises(httpx2.ReadTimeout) as caught:
        await raw.post("/v2/incidents", json=NEW_INCIDENT)
    assert isinstance(caught.value, CommitTimeout)
    assert await _incident_count(raw) == 6
    again = await raw.post("/v2/incidents", json=NEW_INCIDENT)  # the idempotent retry finds it
    assert again.status_code == 200
    assert again.json()["incident"]["name"] == "Under faults"
    assert await _incident_count(raw) == 6


async def _statuses(app: SandboxApp, make_client: ClientFactory, n: int = 30) -> list[int]:
    async with make_client(app, checked=False) as client:
        return [(await client.get("/v1/severities")).status_code for _ in range(n)]


async def test_faults_are_deterministic_for_a_seed(make_client: ClientFactory) -> None:
    apps = [
        create_app(faults=FaultConfig(seed=seed, error_rate=0.5, error_statuses=(500,)))
        for seed in (7, 7, 8)
    ]
    try:
        first, same, other = [await _statuses(app, make_client) for app in apps]
    finally:
        for app in apps:
            app.close()
    assert first == same
    assert first != other
    assert set(first) == {200, 500}


async def test_faults_can_target_one_method_and_path(raw: httpx2.AsyncClient) -> None:
    await _set(
        raw, error_rate=1.0, error_statuses=[503], methods=["post"], path_prefix="/v2/escalations"
    )
    assert (await raw.get("/v2/escalations")).status_code == 200
    assert (await raw.post("/v2/incidents", json=NEW_INCIDENT)).status_code == 200
    assert (await raw.post("/v2/escalations", json={})).status_code == 503


async def test_admin_endpoints_are_never_faulted(raw: httpx2.AsyncClient) -> None:
    await _set(raw, error_rate=1.0, drop_rate=1.0)
    shown = await raw.get("/_sandbox/faults")
    assert shown.status_code == 200
    assert shown.json()["faults"]["drop_rate"] == 1.0
    cleared = await raw.delete("/_sandbox/faults")
    assert cleared.json()["faults"] == FaultConfig().to_json()
    assert (await raw.get("/v1/severities")).status_code == 200


@pytest.mark.parametrize(
    "config",
    [
        {"error_rate": 2},
        {"drop_rate": -0.1},
        {"surprise": 1},
        {"error_statuses": [404]},
        {"latency_ms": "slow"},
    ],
)
async def test_bad_fault_configs_are_rejected(
    raw: httpx2.AsyncClient, config: dict[str, object]
) -> None:
    response = await raw.put("/_sandbox/faults", json=config)
    assert response.status_code == 422
    assert_error_envelope(response)
    assert (await raw.get("/_sandbox/faults")).json()["faults"] == FaultConfig().to_json()


def test_fault_config_round_trips_through_json() -> None:
    config = FaultConfig(
        seed=3, latency_ms=5, error_statuses=(503,), methods=("POST",), path_prefix="/v2/"
    )
    assert FaultConfig.from_json(config.to_json()) == config
    assert not FaultConfig().active
    assert config.active
    with pytest.raises(ValueError, match="malformed_rate"):
        FaultConfig(malformed_rate=1.5)
