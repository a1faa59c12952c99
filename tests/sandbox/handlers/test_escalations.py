"""`/v2/escalations`: idempotent creates that page whoever is on call, filters, pages."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_escalation_via_path_pages_whoever_is_on_call(client: httpx2.AsyncClient) -> None:
    response = await client.post(
        "/v2/escalations",
        json={
            "idempotency_key": "esc-1",
            "title": "Replication lag",
            "escalation_path_id": seed.ESCALATION_PATH_URGENT_ID,
            "incident_id": seed.INCIDENT_WEBHOOKS_ID,
        },
    )
    assert response.status_code == 201
    escalation = response.json()["escalation"]
    assert escalation["status"] == "triggered"
    assert escalation["escalation_path_id"] == seed.ESCALATION_PATH_URGENT_ID
    notified = next(e for e in escalation["events"] if e["event"] == "notified_users")
    assert {u["id"] for u in notified["users"]} == {seed.USER_AMARA_ID, seed.USER_LIAM_ID}
    assert escalation["related_incidents"][0]["status_category"] == "active"
    assert escalation["related_incidents"][0]["reference"] == "INC-5"
    shown = (await client.get(f"/v2/escalations/{escalation['id']}")).json()["escalation"]
    assert shown == escalation


async def test_escalation_create_is_idempotent(client: httpx2.AsyncClient) -> None:
    body = {"idempotency_key": "esc-2", "title": "Paging Kenji", "user_ids": [seed.USER_KENJI_ID]}
    first = await client.post("/v2/escalations", json=body)
    again = await client.post("/v2/escalations", json={**body, "title": "Different"})
    assert first.status_code == again.status_code == 201
    assert again.json()["escalation"] == first.json()["escalation"]
    keyed = await client.get("/v2/escalations", params={"idempotency_key[is]": "esc-2"})
    assert len(keyed.json()["escalations"]) == 1


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"title": "t", "user_ids": [seed.USER_KENJI_ID]}, "missing_field", "idempotency_key"),
        ({"idempotency_key": "k", "user_ids": [seed.USER_KENJI_ID]}, "missing_field", "title"),
        ({"idempotency_key": "k", "title": "t"}, "invalid_value", "escalation_path_id"),
        (
            {"idempotency_key": "k", "title": "t", "user_ids": []},
            "invalid_value",
            "escalation_path_id",
        ),
        (
            {
                "idempotency_key": "k",
                "title": "t",
                "user_ids": [seed.USER_KENJI_ID],
                "escalation_path_id": seed.ESCALATION_PATH_URGENT_ID,
            },
            "invalid_value",
            "user_ids",
        ),
        (
            {"idempotency_key": "k", "title": "t", "escalation_path_id": "01NOPE"},
            "not_found",
            "escalation_path_id",
        ),
        (
            {"idempotency_key": "k", "title": "t", "user_ids": [seed.USER_KENJI_ID, "01NOPE"]},
            "not_found",
            "user_ids[1]",
        ),
        ({"idempotency_key": "k", "title": "t", "user_ids": "a,b"}, "invalid_value", "user_ids"),
        (
            {
                "idempotency_key": "k",
                "title": "t",
                "user_ids": [seed.USER_KENJI_ID],
                "incident_id": "01NOPE",
            },
            "not_found",
            "incident_id",
        ),
    ],
)
async def test_escalation_create_validation(
    client: httpx2.AsyncClient, body: dict[str, Any], code: str, field: str
) -> None:
    response = await client.post("/v2/escalations", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["code"], error["source"]["field"]) == (code, field)
    assert len((await client.get("/v2/escalations")).json()["escalations"]) == 2


async def test_escalations_follow_incident_edits(client: httpx2.AsyncClient) -> None:
    await client.post(
        f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}/actions/edit",
        json={
            "incident": {"incident_status_id": seed.STATUS_DOCUMENTING_ID, "name": "Webhooks late"},
            "notify_incident_channel": False,
        },
    )
    escalation = (await client.get(f"/v2/escalations/{seed.ESCALATION_WEBHOOKS_ID}")).json()[
        "escalation"
    ]
    assert escalation["related_incidents"][0]["status_category"] == "post-incident"
    assert escalation["related_incidents"][0]["name"] == "Webhooks late"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [seed.ESCALATION_WEBHOOKS_ID, seed.ESCALATION_CHECKOUT_ID]),
        (
            {"escalation_path[one_of]": seed.ESCALATION_PATH_URGENT_ID},
            [seed.ESCALATION_CHECKOUT_ID],
        ),
        (
            {"escalation_path[not_in]": seed.ESCALATION_PATH_URGENT_ID},
            [seed.ESCALATION_WEBHOOKS_ID],
        ),
        ({"status[one_of]": "acked"}, [seed.ESCALATION_WEBHOOKS_ID]),
        (
            [("status[one_of]", "acked"), ("status[one_of]", "resolved")],
            [seed.ESCALATION_WEBHOOKS_ID, seed.ESCALATION_CHECKOUT_ID],
        ),
        ({"status[not_in]": "acked"}, [seed.ESCALATION_CHECKOUT_ID]),
        ({"idempotency_key[starts_with]": "seed-escalation-w"}, [seed.ESCALATION_WEBHOOKS_ID]),
        ({"idempotency_key[starts_with]": "SEED-ESCALATION-W"}, []),  # case counts
        ({"idempotency_key[starts_with]": "seed_escalation"}, []),  # no LIKE wildcards
        ({"idempotency_key[starts_with]": "seed-escalation-%"}, []),
        ({"created_at[lte]": "2025-03-31"}, [seed.ESCALATION_CHECKOUT_ID]),
        ({"created_at[date_range]": "2025-06-01~2025-06-30"}, [seed.ESCALATION_WEBHOOKS_ID]),
        ({"alert[one_of]": seed.ALERT_CHECKOUT_ERRORS_ID}, []),  # no alert escalated
        ({"incident[one_of]": seed.INCIDENT_CHECKOUT_ID}, [seed.ESCALATION_CHECKOUT_ID]),
        ({"incident[not_in]": seed.INCIDENT_CHECKOUT_ID}, [seed.ESCALATION_WEBHOOKS_ID]),
        (
            [
                ("incident[one_of]", seed.INCIDENT_CHECKOUT_ID),
                ("incident[one_of]", seed.INCIDENT_WEBHOOKS_ID),
            ],
            [seed.ESCALATION_WEBHOOKS_ID, seed.ESCALATION_CHECKOUT_ID],
        ),
        ({"page_size": 1}, [seed.ESCALATION_WEBHOOKS_ID]),
    ],
)
async def test_escalation_list_filters(
    client: httpx2.AsyncClient, params: Any, expected: list[str]
) -> None:
    response = await client.get("/v2/escalations", params=params)
    assert response.status_code == 200
    assert [e["id"] for e in response.json()["escalations"]] == expected


@pytest.mark.parametrize(
    "params",
    [{"page_size": 51}, {"page_size": 0}, {"status[one_of]": "sleeping"}, {"status[gte]": "acked"}],
)
async def test_escalation_list_rejects_bad_parameters(
    client: httpx2.AsyncClient, params: dict[str, Any]
) -> None:
    assert (await client.get("/v2/escalations", params=params)).status_code == 422


async def test_escalation_list_pages(client: httpx2.AsyncClient) -> None:
    first = (await client.get("/v2/escalations", params={"page_size": 1})).json()
    assert first["pagination_meta"] == {"page_size": 1, "after": seed.ESCALATION_WEBHOOKS_ID}
    second = (
        await client.get(
            "/v2/escalations", params={"page_size": 1, "after": seed.ESCALATION_WEBHOOKS_ID}
        )
    ).json()
    assert [e["id"] for e in second["escalations"]] == [seed.ESCALATION_CHECKOUT_ID]
    assert "after" not in second["pagination_meta"]
    assert (await client.get("/v2/escalations/01NOPE")).status_code == 404
