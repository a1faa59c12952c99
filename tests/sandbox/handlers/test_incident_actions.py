"""`/v2/actions`: the seeded actions of incidents, filtered by incident and incident mode."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_actions_list_filters_by_incident_and_mode(client: httpx2.AsyncClient) -> None:
    actions = (await client.get("/v2/actions")).json()["actions"]
    assert len(actions) == 4
    for_webhooks = (
        await client.get("/v2/actions", params={"incident_id": seed.INCIDENT_WEBHOOKS_ID})
    ).json()
    assert {a["id"] for a in for_webhooks["actions"]} == {
        seed.ACTION_SCALE_WORKERS_ID,
        seed.ACTION_CONTACT_PROVIDER_ID,
    }
    assert (await client.get("/v2/actions", params={"incident_mode": "test"})).json()[
        "actions"
    ] == []
    bad = await client.get("/v2/actions", params={"incident_mode": "live"})
    assert bad.status_code == 422


async def test_action_show_and_404(client: httpx2.AsyncClient) -> None:
    assert (await client.get(f"/v2/actions/{seed.ACTION_ROLLBACK_ID}")).json()["action"][
        "status"
    ] == "completed"
    assert (await client.get("/v2/actions/01NOPE")).status_code == 404
