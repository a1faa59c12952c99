"""`/v2/escalation_paths`: CRUD, validation against real users and schedules, current responders."""

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
    # Every sub-object a node carries is checked, not only the one its type uses.
    (
        {"name": "x", "path": [{**_level(USER_TARGET)[0], "delay": "str"}]},
        "invalid_value",
        "path[0].delay",
    ),
    (
        {"name": "x", "path": [{**_level(USER_TARGET)[0], "repeat": {"repeat_times": "12"}}]},
        "missing_field",
        "path[0].repeat.to_node",
    ),
    (
        {
            "name": "x",
            "path": [{**_level(USER_TARGET)[0], "repeat": {"to_node": "n", "repeat_times": "12"}}],
        },
        "invalid_value",
        "path[0].repeat.repeat_times",
    ),
    (
        {
            "name": "x",
            "path": [
                {
                    **_level(USER_TARGET)[0],
                    "notify_channel": {"targets": [{**USER_TARGET, "urgency": "zz"}]},
                }
            ],
        },
        "invalid_value",
        "path[0].notify_channel.targets[0].urgency",
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


async def test_team_ids_must_name_teams_on_create_and_update(client: httpx2.AsyncClient) -> None:
    teams = [seed.TEAM_PAYMENTS_ID, seed.TEAM_SEARCH_ID]
    created = await client.post("/v2/escalation_paths", json=_path(team_ids=teams))
    assert created.status_code == 201, created.text
    path = created.json()["escalation_path"]
    assert path["team_ids"] == teams
    updated = await client.put(
        f"/v2/escalation_paths/{path['id']}", json=_path(team_ids=[seed.TEAM_IDENTITY_ID])
    )
    assert updated.json()["escalation_path"]["team_ids"] == [seed.TEAM_IDENTITY_ID]
    wrong = [seed.TEAM_PLATFORM_ID, seed.USER_LIAM_ID]
    for response in (
        await client.post("/v2/escalation_paths", json=_path(team_ids=wrong)),
        await client.put(f"/v2/escalation_paths/{path['id']}", json=_path(team_ids=wrong)),
    ):
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert (error["code"], error["source"]) == ("not_found", {"field": "team_ids[1]"})
    shown = (await client.get(f"/v2/escalation_paths/{path['id']}")).json()["escalation_path"]
    assert shown["team_ids"] == [seed.TEAM_IDENTITY_ID]
