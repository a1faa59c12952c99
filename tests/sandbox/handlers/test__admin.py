"""The admin endpoints under `/_sandbox/`: reset, seed, the request log and stats (faults:
test_faults.py)."""

from __future__ import annotations

from datetime import timedelta

import httpx2
import pytest
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app, seed
from incidentio_toolkit.sandbox._util import fmt_time
from incidentio_toolkit.sandbox.testing import ClientFactory, FakeClock

pytestmark = pytest.mark.anyio


async def test_reset_restores_the_seeded_organisation(client: httpx2.AsyncClient) -> None:
    created = await client.post(
        "/v2/incidents", json={"idempotency_key": "r", "visibility": "public"}
    )
    await client.delete(f"/v2/workflows/{seed.WORKFLOW_NOTIFY_CRITICAL_ID}")
    response = await client.post("/_sandbox/reset")
    assert response.json() == {"reset": True, "seeded": True}
    assert (
        await client.get(f"/v2/incidents/{created.json()['incident']['id']}")
    ).status_code == 404
    assert (
        await client.get(f"/v2/workflows/{seed.WORKFLOW_NOTIFY_CRITICAL_ID}")
    ).status_code == 200
    again = await client.post(
        "/v2/incidents", json={"idempotency_key": "r", "visibility": "public"}
    )
    assert again.json()["incident"]["reference"] == "INC-7"


async def test_reset_without_seed_leaves_an_empty_organisation_and_seed_brings_it_back(
    client: httpx2.AsyncClient,
) -> None:
    await client.post("/_sandbox/reset", json={"seed": False})
    assert (await client.get("/v2/incidents")).json()["incidents"] == []
    assert (await client.get("/v1/severities")).json()["severities"] == []
    assert (await client.get("/_sandbox/seed")).json()["seeded"] is False
    role = {"name": "Scribe", "shortform": "scribe", "description": "d", "instructions": "i"}
    kept = (await client.post("/v2/incident_roles", json=role)).json()["incident_role"]
    applied = await client.post("/_sandbox/seed")
    assert applied.json() == {"seeded": True, "created": True}
    assert len((await client.get("/v1/severities")).json()["severities"]) == 3
    assert (await client.get(f"/v2/incident_roles/{kept['id']}")).status_code == 200
    assert (await client.get(f"/v2/incidents/{seed.INCIDENT_CHECKOUT_ID}")).status_code == 200
    assert (await client.post("/_sandbox/seed")).json() == {"seeded": True, "created": False}
    assert len((await client.get("/v1/severities")).json()["severities"]) == 3


async def test_seed_endpoint_lists_the_well_known_ids(client: httpx2.AsyncClient) -> None:
    body = (await client.get("/_sandbox/seed")).json()
    assert body["seeded"] is True
    assert body["ids"]["INCIDENT_CHECKOUT_ID"] == seed.INCIDENT_CHECKOUT_ID
    assert body["ids"] == seed.seed_ids()
    assert len(set(body["ids"].values())) == len(body["ids"])


async def test_the_request_log_records_every_api_answer_but_not_admin_calls(
    app: SandboxApp, client: httpx2.AsyncClient, make_client: ClientFactory, clock: FakeClock
) -> None:
    await client.get("/v1/severities")
    clock.advance(seconds=1.5)
    await client.get("/v2/no_such_route")
    async with make_client(app, key="wrong-key-0123456789") as stranger:
        await stranger.get("/v2/incidents")
    await client.get("/_sandbox/seed")
    page = (await client.get("/_sandbox/requests")).json()
    assert [(r["method"], r["path"], r["status"]) for r in page["requests"]] == [
        ("GET", "/v1/severities", 200),
        ("GET", "/v2/no_such_route", 404),
        ("GET", "/v2/incidents", 401),
    ]
    first, unmatched, refused = page["requests"]
    assert first["operation"] == "GET /v1/severities"
    assert unmatched["operation"] is None
    assert first["time"] == fmt_time(NOW)
    assert unmatched["time"] == fmt_time(NOW + timedelta(seconds=1.5))
    assert first["key_fingerprint"] != refused["key_fingerprint"]
    assert DEMO_API_KEY not in str(page)
    assert page["next_since"] == 3


async def test_request_log_pages_with_since_and_refuses_bad_cursors(
    client: httpx2.AsyncClient,
) -> None:
    for _ in range(3):
        await client.get("/v1/severities")
    page = (await client.get("/_sandbox/requests", params={"since": 1, "limit": 1})).json()
    assert [r["seq"] for r in page["requests"]] == [2]
    for params in ({"since": "-1"}, {"since": "x"}, {"limit": "0"}, {"limit": "1001"}):
        refused = await client.get("/_sandbox/requests", params=params)
        assert refused.status_code == 422
        (error,) = refused.json()["errors"]
        assert error["source"]["field"] == next(iter(params))
        assert "whole number" in error["message"]


async def test_stats_count_rate_limited_and_dropped_answers(clock: FakeClock) -> None:
    sandbox = create_app(clock=clock, rate_limit_per_minute=3)
    try:
        async with httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=sandbox),
            base_url="http://sandbox",
            headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
        ) as http:
            statuses = [(await http.get("/v1/severities")).status_code for _ in range(2)]
            await http.put("/_sandbox/faults", json={"drop_rate": 1.0})
            with pytest.raises(httpx2.RemoteProtocolError):
                await http.get("/v2/users")
            await http.delete("/_sandbox/faults")
            statuses.append((await http.get("/v1/severities")).status_code)
            stats = (await http.get("/_sandbox/stats")).json()
    finally:
        sandbox.close()
    assert statuses == [200, 200, 429]
    assert stats == {
        "total": 4,
        "by_status": {"200": 2, "429": 1, "dropped": 1},
        "by_operation": {
            "GET /v1/severities": {"200": 2, "429": 1},
            "GET /v2/users": {"dropped": 1},
        },
    }


async def test_reset_clears_the_request_log(client: httpx2.AsyncClient) -> None:
    await client.get("/v1/severities")
    await client.post("/_sandbox/reset")
    assert (await client.get("/_sandbox/stats")).json()["total"] == 0
    assert (await client.get("/_sandbox/requests")).json()["requests"] == []
