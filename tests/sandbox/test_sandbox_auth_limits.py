"""Authentication, rate limits, unknown routes and unreadable bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx2
import pytest
import time_machine

from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app, seed
from incidentio_toolkit.sandbox.testing import ClientFactory

pytestmark = pytest.mark.anyio


async def test_missing_key_is_401_missing_authorization_material(
    app: SandboxApp, make_client: ClientFactory
) -> None:
    async with make_client(app, key=None) as anonymous:
        response = await anonymous.get("/v2/incidents")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "missing_authorization_material"


@pytest.mark.parametrize(
    "header", ["Bearer not-the-key", "Basic c2FuZGJveA==", "Bearer", "sandbox-demo-key"]
)
async def test_wrong_key_is_401_invalid_authorization(
    app: SandboxApp, make_client: ClientFactory, header: str
) -> None:
    async with make_client(app, key=None) as anonymous:
        response = await anonymous.get("/v2/incidents", headers={"Authorization": header})
    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["code"] == "invalid_authorization"
    assert "not-the-key" not in response.text


async def test_configured_keys_replace_the_demo_key(make_client: ClientFactory) -> None:
    app = create_app(api_keys=["team-key-1", "team-key-2"])
    try:
        async with make_client(app, key="team-key-2") as team, make_client(app) as demo:
            assert (await team.get("/v1/severities")).status_code == 200
            assert (await demo.get("/v1/severities")).status_code == 401
    finally:
        app.close()


async def test_admin_endpoints_need_the_key_too(
    app: SandboxApp, make_client: ClientFactory
) -> None:
    async with make_client(app, key=None) as anonymous:
        for method, path in [
            ("POST", "/_sandbox/reset"),
            ("GET", "/_sandbox/faults"),
            ("GET", "/_sandbox/seed"),
        ]:
            assert (await anonymous.request(method, path)).status_code == 401


@pytest.fixture
async def limited(
    make_client: ClientFactory,
) -> AsyncIterator[tuple[SandboxApp, httpx2.AsyncClient]]:
    app = create_app(rate_limit_per_minute=3, escalation_create_limit_per_minute=2)
    async with make_client(app) as client:
        yield app, client
    app.close()


async def test_requests_over_the_per_key_limit_get_429_with_retry_after(
    make_client: ClientFactory,
) -> None:
    app = create_app(api_keys=["key-a", "key-b"], rate_limit_per_minute=3)
    try:
        async with make_client(app, key="key-a") as first, make_client(app, key="key-b") as second:
            for _ in range(3):
                assert (await first.get("/v1/severities")).status_code == 200
            response = await first.get("/v1/severities")
            assert response.status_code == 429
            assert 1 <= int(response.headers["retry-after"]) <= 60
            body = response.json()
            assert body["rate_limit"]["name"] == "public_api"
            assert body["rate_limit"]["limit"] == 3
            assert (
                await second.get("/v1/severities")
            ).status_code == 200  # each key has its own budget
    finally:
        app.close()


async def test_the_limit_is_a_moving_window(limited: tuple[SandboxApp, httpx2.AsyncClient]) -> None:
    _, client = limited
    start = datetime.now().astimezone()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(3):
            await client.get("/v1/severities")
        assert (await client.get("/v1/severities")).status_code == 429
        traveller.shift(timedelta(seconds=30))
        assert (await client.get("/v1/severities")).status_code == 429
        traveller.shift(timedelta(seconds=31))
        assert (await client.get("/v1/severities")).status_code == 200


async def test_escalation_creates_have_their_own_smaller_limit(make_client: ClientFactory) -> None:
    app = create_app(escalation_create_limit_per_minute=2)
    try:
        async with make_client(app) as client:
            for i in range(2):
                body = {"idempotency_key": f"k{i}", "title": "t", "user_ids": [seed.USER_KENJI_ID]}
                assert (await client.post("/v2/escalations", json=body)).status_code == 201
            third = await client.post(
                "/v2/escalations",
                json={"idempotency_key": "k3", "title": "t", "user_ids": [seed.USER_KENJI_ID]},
            )
            assert third.status_code == 429
            assert third.json()["rate_limit"] | {"retry_after": ""} == {
                "name": "escalations_create",
                "limit": 2,
                "remaining": 0,
                "retry_after": "",
            }
            assert (await client.get("/v2/escalations")).status_code == 200
            assert len((await client.get("/v2/escalations")).json()["escalations"]) == 4
    finally:
        app.close()


async def test_reset_clears_rate_limit_counters(
    limited: tuple[SandboxApp, httpx2.AsyncClient],
) -> None:
    _, client = limited
    for _ in range(3):
        await client.get("/v1/severities")
    assert (await client.get("/v1/severities")).status_code == 429
    assert (await client.post("/_sandbox/reset")).status_code == 200
    assert (await client.get("/v1/severities")).status_code == 200


async def test_demo_key_constant(client: httpx2.AsyncClient) -> None:
    assert DEMO_API_KEY == "sandbox-demo-key"
    assert client.headers["authorization"] == "Bearer sandbox-demo-key"
