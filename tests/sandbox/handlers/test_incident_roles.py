"""`/v2/incident_roles`: CRUD, the built-in roles, cascades to incidents."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


ROLE = {
    "name": "Scribe",
    "shortform": "scribe",
    "description": "Keeps notes",
    "instructions": "Write it down",
}


async def test_incident_role_lifecycle(client: httpx2.AsyncClient) -> None:
    created = await client.post("/v2/incident_roles", json=ROLE)
    assert created.status_code == 201
    role = created.json()["incident_role"]
    assert role["role_type"] == "custom"
    assert (await client.get(f"/v2/incident_roles/{role['id']}")).json()["incident_role"] == role
    updated = await client.put(
        f"/v2/incident_roles/{role['id']}", json={**ROLE, "name": "Note taker"}
    )
    assert updated.json()["incident_role"]["name"] == "Note taker"
    listed = (await client.get("/v2/incident_roles")).json()["incident_roles"]
    assert [r["name"] for r in listed][-1] == "Note taker"
    deleted = await client.delete(f"/v2/incident_roles/{role['id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert (await client.get(f"/v2/incident_roles/{role['id']}")).status_code == 404
    assert (await client.delete(f"/v2/incident_roles/{role['id']}")).status_code == 404


async def test_incident_role_create_requires_every_text(client: httpx2.AsyncClient) -> None:
    response = await client.post(
        "/v2/incident_roles", json={k: v for k, v in ROLE.items() if k != "instructions"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": "instructions"}


async def test_the_lead_role_cannot_be_deleted(client: httpx2.AsyncClient) -> None:
    response = await client.delete(f"/v2/incident_roles/{seed.ROLE_LEAD_ID}")
    assert response.status_code == 422
    assert (await client.get(f"/v2/incident_roles/{seed.ROLE_LEAD_ID}")).status_code == 200


async def test_role_rename_and_delete_reach_the_incidents_that_use_it(
    client: httpx2.AsyncClient,
) -> None:
    await client.put(f"/v2/incident_roles/{seed.ROLE_COMMS_ID}", json={**ROLE, "name": "Comms"})
    incident = (await client.get(f"/v2/incidents/{seed.INCIDENT_CHECKOUT_ID}")).json()["incident"]
    names = {a["role"]["id"]: a["role"]["name"] for a in incident["incident_role_assignments"]}
    assert names[seed.ROLE_COMMS_ID] == "Comms"
    await client.delete(f"/v2/incident_roles/{seed.ROLE_COMMS_ID}")
    incident = (await client.get(f"/v2/incidents/{seed.INCIDENT_CHECKOUT_ID}")).json()["incident"]
    assert seed.ROLE_COMMS_ID not in {
        a["role"]["id"] for a in incident["incident_role_assignments"]
    }


@pytest.mark.parametrize("text", ["name", "description"])
async def test_a_role_needs_a_name_and_a_description_of_a_character_or_more(
    client: httpx2.AsyncClient, text: str
) -> None:
    response = await client.post("/v2/incident_roles", json={**ROLE, text: ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": text}


async def test_a_role_may_have_no_shortform_or_instructions_as_the_reporter_has_none(
    client: httpx2.AsyncClient,
) -> None:
    reporter = (await client.get(f"/v2/incident_roles/{seed.ROLE_REPORTER_ID}")).json()
    assert reporter["incident_role"]["shortform"] == ""
    created = await client.post(
        "/v2/incident_roles", json={**ROLE, "shortform": "", "instructions": ""}
    )
    assert created.status_code == 201, created.text
    role = created.json()["incident_role"]
    assert (role["shortform"], role["instructions"]) == ("", "")
