"""`/v2/incident_updates`: recorded by incident edits that change status or severity, listed newest first."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import create_incident

from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox.testing import FakeClock

pytestmark = pytest.mark.anyio


async def test_incident_edit_status_change_records_an_incident_update(
    client: httpx2.AsyncClient, clock: FakeClock
) -> None:
    created = (await create_incident(client, "edit-1", severity_id=seed.SEVERITY_MINOR_ID)).json()[
        "incident"
    ]
    clock.advance(minutes=30)
    response = await client.post(
        f"/v2/incidents/{created['id']}/actions/edit",
        json={
            "incident": {"incident_status_id": seed.STATUS_FIXING_ID, "summary": "Found it"},
            "notify_incident_channel": True,
        },
    )
    assert response.status_code == 200
    edited = response.json()["incident"]
    assert edited["incident_status"]["id"] == seed.STATUS_FIXING_ID
    assert edited["summary"] == "Found it"
    assert edited["updated_at"] == "2026-01-14T12:30:00Z"
    assert edited["created_at"] == created["created_at"]
    updates = (
        await client.get("/v2/incident_updates", params={"incident_id": created["id"]})
    ).json()
    assert len(updates["incident_updates"]) == 1
    update = updates["incident_updates"][0]
    assert update["new_incident_status"]["id"] == seed.STATUS_FIXING_ID
    assert update["new_severity"]["id"] == seed.SEVERITY_MINOR_ID
    assert update["created_at"] == "2026-01-14T12:30:00Z"
    assert "api_key" in update["updater"]


async def test_incident_edit_severity_change_records_an_update_but_a_rename_does_not(
    client: httpx2.AsyncClient,
) -> None:
    incident_id = (await create_incident(client, "edit-2")).json()["incident"]["id"]

    async def edit(changes: dict[str, Any]) -> httpx2.Response:
        return await client.post(
            f"/v2/incidents/{incident_id}/actions/edit",
            json={"incident": changes, "notify_incident_channel": False},
        )

    await edit({"name": "Renamed"})
    assert (await client.get("/v2/incident_updates", params={"incident_id": incident_id})).json()[
        "incident_updates"
    ] == []
    await edit({"severity_id": seed.SEVERITY_CRITICAL_ID})
    updates = (await client.get("/v2/incident_updates", params={"incident_id": incident_id})).json()
    assert [u["new_severity"]["id"] for u in updates["incident_updates"]] == [
        seed.SEVERITY_CRITICAL_ID
    ]
    assert "Severity changed from none to Critical" in updates["incident_updates"][0]["message"]


async def test_incident_updates_page_newest_first(client: httpx2.AsyncClient) -> None:
    first = await client.get(
        "/v2/incident_updates", params={"incident_id": seed.INCIDENT_CHECKOUT_ID, "page_size": 3}
    )
    body = first.json()
    assert [u["new_incident_status"]["name"] for u in body["incident_updates"]] == [
        "Closed",
        "Documenting",
        "Monitoring",
    ]
    rest = await client.get(
        "/v2/incident_updates",
        params={
            "incident_id": seed.INCIDENT_CHECKOUT_ID,
            "page_size": 3,
            "after": body["pagination_meta"]["after"],
        },
    )
    assert [u["new_incident_status"]["name"] for u in rest.json()["incident_updates"]] == ["Fixing"]
    assert "after" not in rest.json()["pagination_meta"]
