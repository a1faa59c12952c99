"""The admin endpoints under `/_sandbox/`: reset and seed (faults: test_faults.py)."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

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
