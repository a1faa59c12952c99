"""Per-key rate limits: 429 with Retry-After, a moving window, the escalation-create budget."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx2
import pytest
import time_machine

from incidentio_toolkit.sandbox import SandboxApp, create_app, seed
from incidentio_toolkit.sandbox.testing import ClientFactory

pytestmark = pytest.mark.anyio


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
