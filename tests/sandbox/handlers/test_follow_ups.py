"""`/v2/follow_ups`: the seeded follow-ups of incidents, filtered by incident and assigned team."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_follow_ups_list_filters_by_incident_and_team(client: httpx2.AsyncClient) -> None:
    follow_ups = (
        await client.get("/v2/follow_ups", params={"incident_id": seed.INCIDENT_CHECKOUT_ID})
    ).json()
    assert {f["id"] for f in follow_ups["follow_ups"]} == {
        seed.FOLLOW_UP_CHECKOUT_ALERTS_ID,
        seed.FOLLOW_UP_DEPLOY_GUARD_ID,
    }
    team = follow_ups["follow_ups"][0]["assignee_team"]["id"]
    by_team = (await client.get("/v2/follow_ups", params={"assignee_team_id": team})).json()[
        "follow_ups"
    ]
    assert len(by_team) == 2
    assert (await client.get("/v2/follow_ups", params={"incident_mode": "test"})).json()[
        "follow_ups"
    ] == []


async def test_follow_up_show_and_404(client: httpx2.AsyncClient) -> None:
    shown = await client.get(f"/v2/follow_ups/{seed.FOLLOW_UP_DEPLOY_GUARD_ID}")
    assert shown.json()["follow_up"]["incident_id"] == seed.INCIDENT_CHECKOUT_ID
    assert (await client.get("/v2/follow_ups/01NOPE")).status_code == 404
