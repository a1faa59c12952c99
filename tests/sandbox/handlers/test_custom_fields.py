"""`/v2/custom_fields`: CRUD, validation, cascades to incidents."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_custom_field_lifecycle(client: httpx2.AsyncClient) -> None:
    created = await client.post(
        "/v2/custom_fields",
        json={"name": "Region", "description": "Where it broke", "field_type": "text"},
    )
    assert created.status_code == 201
    field = created.json()["custom_field"]
    assert field["field_type"] == "text"
    updated = await client.put(
        f"/v2/custom_fields/{field['id']}",
        json={"name": "Regions", "description": "Where", "field_type": "numeric"},
    )
    assert updated.json()["custom_field"]["name"] == "Regions"
    assert updated.json()["custom_field"]["field_type"] == "text"  # cannot change
    ids = [f["id"] for f in (await client.get("/v2/custom_fields")).json()["custom_fields"]]
    assert field["id"] in ids
    assert (await client.delete(f"/v2/custom_fields/{field['id']}")).status_code == 204
    assert (await client.get(f"/v2/custom_fields/{field['id']}")).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "d", "field_type": "text"}, "name"),
        ({"name": "n", "field_type": "text"}, "description"),
        ({"name": "n", "description": "d"}, "field_type"),
        ({"name": "n", "description": "d", "field_type": "date"}, "field_type"),
        ({"name": "n" * 51, "description": "d", "field_type": "text"}, "name"),  # maxLength 50
    ],
)
async def test_custom_field_create_validation(
    client: httpx2.AsyncClient, body: dict[str, Any], field: str
) -> None:
    response = await client.post("/v2/custom_fields", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": field}


async def test_custom_field_changes_reach_incidents(client: httpx2.AsyncClient) -> None:
    await client.put(
        f"/v2/custom_fields/{seed.CUSTOM_FIELD_AFFECTED_TEAM_ID}",
        json={"name": "Owning team", "description": "Who owns the fix"},
    )
    incident = (await client.get(f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}")).json()["incident"]
    entry = [
        e
        for e in incident["custom_field_entries"]
        if e["custom_field"]["id"] == seed.CUSTOM_FIELD_AFFECTED_TEAM_ID
    ]
    assert entry[0]["custom_field"]["name"] == "Owning team"
    assert entry[0]["values"][0]["value_option"]["value"] == "Payments"
    await client.delete(f"/v2/custom_fields/{seed.CUSTOM_FIELD_AFFECTED_TEAM_ID}")
    incident = (await client.get(f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}")).json()["incident"]
    assert seed.CUSTOM_FIELD_AFFECTED_TEAM_ID not in {
        e["custom_field"]["id"] for e in incident["custom_field_entries"]
    }
