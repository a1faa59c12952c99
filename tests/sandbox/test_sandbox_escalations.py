"""Escalation paths and escalations: validation against real paths, users and schedules."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


def _path(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Database team",
        "path": [
            {
                "id": "first",
                "type": "level",
                "level": {
                    "targets": [
                        {
                            "id": seed.SCHEDULE_PLATFORM_ID,
                            "type": "schedule",
                            "urgency": "high",
                            "schedule_mode": "currently_on_call_for_rota",
                            "selected_rota_id": seed.ROTATION_FOLLOW_THE_SUN_ID,
                        },
                        {"id": seed.USER_DIEGO_ID, "type": "user", "urgency": "low"},
                    ],
                    "time_to_ack_seconds": 120,
                    "time_to_ack_weekday_interval_config_id": "wh",
                },
            },
            {"id": "again", "type": "repeat", "repeat": {"to_node": "first", "repeat_times": 3}},
        ],
        "working_hours": [
            {
                "id": "wh",
                "name": "Office",
                "timezone": "Europe/Berlin",
                "weekday_intervals": [
                    {"weekday": "monday", "start_time": "08:00", "end_time": "18:00"}
                ],
            }
        ],
        "repeat_config": {"repeat_after_seconds": 600, "delay_repeat_on_activity": False},
    }
    body.update(overrides)
    return body


async def test_escalation_path_lifecycle(client: httpx2.AsyncClient) -> None:
    created = await client.post("/v2/escalation_paths", json=_path())
    assert created.status_code == 201, created.text
    path = created.json()["escalation_path"]
    assert (
        path["path"][0]["level"]["targets"][0]["selected_rota_id"]
        == seed.ROTATION_FOLLOW_THE_SUN_ID
    )
    assert {u["id"] for u in path["current_responders"]} == {
        seed.USER_HANNAH_ID,
        seed.USER_DIEGO_ID,
    }
    assert path["team_ids"] == []
    shown = (await client.get(f"/v2/escalation_paths/{path['id']}")).json()["escalation_path"]
    assert shown == path
    updated = await client.put(f"/v2/escalation_paths/{path['id']}", json=_path(name="DB team"))
    assert updated.json()["escalation_path"]["name"] == "DB team"
    assert (await client.delete(f"/v2/escalation_paths/{path['id']}")).status_code == 204
    assert (await client.get(f"/v2/escalation_paths/{path['id']}")).status_code == 404
    names = [
        p["name"] for p in (await client.get("/v2/escalation_paths")).json()["escalation_paths"]
    ]
    assert names == ["Urgent Support", "Platform (business hours)"]


async def test_escalation_path_list_pages_up_to_25(client: httpx2.AsyncClient) -> None:
    first = (await client.get("/v2/escalation_paths", params={"page_size": 1})).json()
    assert first["pagination_meta"] == {"page_size": 1, "after": seed.ESCALATION_PATH_URGENT_ID}
    second = (
        await client.get(
            "/v2/escalation_paths",
            params={"page_size": 1, "after": first["pagination_meta"]["after"]},
        )
    ).json()
    assert [p["id"] for p in second["escalation_paths"]] == [seed.ESCALATION_PATH_PLATFORM_ID]
    assert second["pagination_meta"] == {"page_size": 1}
    assert (await client.get("/v2/escalation_paths", params={"page_size": 26})).status_code == 422
    assert (await client.get("/v2/escalation_paths", params={"page_size": 0})).status_code == 422


def _level(*targets: dict[str, Any], **extra: Any) -> list[dict[str, Any]]:
    return [{"id": "n", "type": "level", "level": {"targets": list(targets), **extra}}]


USER_TARGET = {"id": seed.USER_KENJI_ID, "type": "user", "urgency": "high"}


PATH_CASES: list[tuple[dict[str, Any], str, str]] = [
    ({"path": _level(USER_TARGET)}, "missing_field", "name"),
    ({"name": "x"}, "missing_field", "path"),
    ({"name": "x", "path": []}, "invalid_value", "path"),
    (
        {"name": "x", "path": _level({**USER_TARGET, "id": "01NOPE"})},
        "not_found",
        "path[0].level.targets[0].id",
    ),
    (
        {"name": "x", "path": _level({"id": "01NOPE", "type": "schedule", "urgency": "high"})},
        "not_found",
        "path[0].level.targets[0].id",
    ),
    (
        {"name": "x", "path": _level({**USER_TARGET, "urgency": "medium"})},
        "invalid_value",
        "path[0].level.targets[0].urgency",
    ),
    ({"name": "x", "path": _level()}, "missing_field", "path[0].level.targets"),
    ({"name": "x", "path": [{"id": "n", "type": "level"}]}, "missing_field", "path[0].level"),
    ({"name": "x", "path": [{"id": "n", "type": "teleport"}]}, "invalid_value", "path[0].type"),
    (
        {"name": "x", "path": [{"id": "n", "type": "voicemail"}]},
        "invalid_value",
        "path[0].type",
    ),
    (
        {"name": "x", "path": _level(USER_TARGET) + _level(USER_TARGET)},
        "invalid_value",
        "path[1].id",
    ),
    (
        {
            "name": "x",
            "path": [
                {"id": "r", "type": "repeat", "repeat": {"to_node": "later", "repeat_times": 1}}
            ],
        },
        "not_found",
        "path[0].repeat.to_node",
    ),
    (
        {
            "name": "x",
            "path": _level(
                {
                    "id": seed.SCHEDULE_PRIMARY_ID,
                    "type": "schedule",
                    "urgency": "high",
                    "schedule_mode": "all_users_for_rota",
                }
            ),
        },
        "missing_field",
        "path[0].level.targets[0].selected_rota_id",
    ),
    (
        {
            "name": "x",
            "path": _level(
                {
                    "id": seed.SCHEDULE_PRIMARY_ID,
                    "type": "schedule",
                    "urgency": "high",
                    "schedule_mode": "all_users_for_rota",
                    "selected_rota_id": seed.ROTATION_FOLLOW_THE_SUN_ID,
                }
            ),
        },
        "not_found",
        "path[0].level.targets[0].selected_rota_id",
    ),
    (
        {"name": "x", "path": _level({**USER_TARGET, "schedule_mode": "all_users"})},
        "invalid_value",
        "path[0].level.targets[0].schedule_mode",
    ),
    (
        {
            "name": "x",
            "path": _level(USER_TARGET, time_to_ack_weekday_interval_config_id="nope"),
        },
        "not_found",
        "path[0].level.time_to_ack_weekday_interval_config_id",
    ),
    (
        {
            "name": "x",
            "path": _level(USER_TARGET),
            "working_hours": [
                {"id": "w", "name": "w", "timezone": "Nowhere/Town", "weekday_intervals": []}
            ],
        },
        "invalid_value",
        "working_hours[0].timezone",
    ),
    (
        {
            "name": "x",
            "path": _level(USER_TARGET),
            "repeat_config": {"repeat_after_seconds": 10, "delay_repeat_on_activity": True},
        },
        "invalid_value",
        "repeat_config.repeat_after_seconds",
    ),
]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    PATH_CASES,
)
async def test_escalation_path_validation(
    client: httpx2.AsyncClient, body: dict[str, Any], code: str, field: str
) -> None:
    response = await client.post("/v2/escalation_paths", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["code"], error["source"]["field"]) == (code, field)


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


async def test_escalation_path_delete_stops_new_escalations_to_it(
    client: httpx2.AsyncClient,
) -> None:
    await client.delete(f"/v2/escalation_paths/{seed.ESCALATION_PATH_PLATFORM_ID}")
    response = await client.post(
        "/v2/escalations",
        json={
            "idempotency_key": "k",
            "title": "t",
            "escalation_path_id": seed.ESCALATION_PATH_PLATFORM_ID,
        },
    )
    assert response.status_code == 422


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
        ({"created_at[lte]": "2025-03-31"}, [seed.ESCALATION_CHECKOUT_ID]),
        ({"created_at[date_range]": "2025-06-01~2025-06-30"}, [seed.ESCALATION_WEBHOOKS_ID]),
        ({"alert[one_of]": "01ALERT"}, []),
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
