"""Read-only settings, users, incident roles and custom fields over raw HTTP."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_severities_are_listed_by_rank(client: httpx2.AsyncClient) -> None:
    severities = (await client.get("/v1/severities")).json()["severities"]
    assert [s["name"] for s in severities] == ["Minor", "Major", "Critical"]
    assert [s["rank"] for s in severities] == [1, 2, 3]


async def test_incident_statuses_cover_every_category(client: httpx2.AsyncClient) -> None:
    statuses = (await client.get("/v1/incident_statuses")).json()["incident_statuses"]
    assert {s["category"] for s in statuses} == {
        "triage",
        "live",
        "learning",
        "closed",
        "declined",
        "merged",
        "canceled",
    }


async def test_incident_types_have_exactly_one_default(client: httpx2.AsyncClient) -> None:
    types = (await client.get("/v1/incident_types")).json()["incident_types"]
    assert [t["id"] for t in types if t["is_default"]] == [seed.INCIDENT_TYPE_DEFAULT_ID]


async def test_incident_timestamps_list_and_show(client: httpx2.AsyncClient) -> None:
    timestamps = (await client.get("/v2/incident_timestamps")).json()["incident_timestamps"]
    assert [t["rank"] for t in timestamps] == [1, 2, 3, 4, 5]
    shown = await client.get(f"/v2/incident_timestamps/{seed.TIMESTAMP_CLOSED_ID}")
    assert shown.json()["incident_timestamp"]["name"] == "Closed at"
    assert (await client.get("/v2/incident_timestamps/01NOPE")).status_code == 404


async def test_users_list_pages_and_hides_inactive_users_by_default(
    client: httpx2.AsyncClient,
) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"page_size": 4}
        if after:
            params["after"] = after
        body = (await client.get("/v2/users", params=params)).json()
        assert body["pagination_meta"]["page_size"] == 4
        seen += [u["id"] for u in body["users"]]
        after = body["pagination_meta"].get("after")
        if after is None:
            break
    assert len(seen) == len(set(seen)) == 9
    assert seed.USER_NOAH_ID not in seen
    everyone = (
        await client.get("/v2/users", params={"include_inactive": "true", "page_size": 50})
    ).json()
    assert len(everyone["users"]) == 10


async def test_users_list_filters_by_email_and_slack_id(client: httpx2.AsyncClient) -> None:
    by_email = (
        await client.get("/v2/users", params={"email": "Kenji.Tanaka@northwind.example"})
    ).json()
    assert [u["id"] for u in by_email["users"]] == [seed.USER_KENJI_ID]
    by_slack = (await client.get("/v2/users", params={"slack_user_id": "U04SOFIA003"})).json()
    assert [u["id"] for u in by_slack["users"]] == [seed.USER_SOFIA_ID]
    assert (await client.get("/v2/users", params={"email": "ghost@example.com"})).json()[
        "users"
    ] == []


async def test_users_large_page_sizes_are_served_in_pages_of_at_most_250(
    client: httpx2.AsyncClient,
) -> None:
    body = (await client.get("/v2/users", params={"page_size": 10000})).json()
    assert body["pagination_meta"]["page_size"] == 250
    assert (await client.get("/v2/users", params={"page_size": 10001})).status_code == 422


async def test_user_show_and_404(client: httpx2.AsyncClient) -> None:
    user = (await client.get(f"/v2/users/{seed.USER_MARCUS_ID}")).json()["user"]
    assert user["email"] == "marcus.johnson@northwind.example"
    assert user["base_role"]["slug"] == "admin"
    assert (await client.get("/v2/users/01NOPE")).status_code == 404


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
