"""`/v2/incident_timestamps`."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_incident_timestamps_list_and_show(client: httpx2.AsyncClient) -> None:
    timestamps = (await client.get("/v2/incident_timestamps")).json()["incident_timestamps"]
    assert [t["rank"] for t in timestamps] == [1, 2, 3, 4, 5]
    shown = await client.get(f"/v2/incident_timestamps/{seed.TIMESTAMP_CLOSED_ID}")
    assert shown.json()["incident_timestamp"]["name"] == "Closed at"
    assert (await client.get("/v2/incident_timestamps/01NOPE")).status_code == 404
