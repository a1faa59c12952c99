"""`/v2/schedules`: CRUD, validation, and the current and next shifts each schedule carries."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import create_schedule, rotation_payload, who

from incidentio_toolkit.sandbox import SandboxApp, seed
from incidentio_toolkit.sandbox.testing import FakeClock

pytestmark = pytest.mark.anyio


async def test_seeded_primary_schedule_knows_who_is_on_call_now(client: httpx2.AsyncClient) -> None:
    schedule = (await client.get(f"/v2/schedules/{seed.SCHEDULE_PRIMARY_ID}")).json()["schedule"]
    assert who(schedule["current_shifts"]) == [
        (seed.USER_AMARA_ID, "2026-01-12T09:00:00Z", "2026-01-19T09:00:00Z"),
        (seed.USER_LIAM_ID, "2026-01-12T09:00:00Z", "2026-01-19T09:00:00Z"),
    ]
    assert who(schedule["next_shifts"]) == [
        (seed.USER_LIAM_ID, "2026-01-19T09:00:00Z", "2026-01-26T09:00:00Z"),
        (seed.USER_SOFIA_ID, "2026-01-19T09:00:00Z", "2026-01-26T09:00:00Z"),
    ]


async def test_someone_is_on_call_at_any_moment(
    client: httpx2.AsyncClient, clock: FakeClock
) -> None:
    for _ in range(12):
        clock.advance(hours=13, minutes=7)
        for schedule_id in (seed.SCHEDULE_PRIMARY_ID, seed.SCHEDULE_PLATFORM_ID):
            schedule = (await client.get(f"/v2/schedules/{schedule_id}")).json()["schedule"]
            assert schedule["current_shifts"], (schedule_id, clock.now)


async def test_schedule_lifecycle(client: httpx2.AsyncClient) -> None:
    schedule = await create_schedule(client, rotation_payload())
    assert schedule["timezone"] == "UTC"
    assert schedule["config"]["rotations"][0]["users"][0]["name"] == "Sofia Rossi"
    assert schedule["current_shifts"][0]["user"]["id"] == seed.USER_KENJI_ID  # 13 days in: Kenji
    renamed = await client.put(
        f"/v2/schedules/{schedule['id']}", json={"schedule": {"name": "Renamed"}}
    )
    assert renamed.json()["schedule"]["name"] == "Renamed"
    assert renamed.json()["schedule"]["config"] == schedule["config"]
    replaced = await client.put(
        f"/v2/schedules/{schedule['id']}",
        json={
            "schedule": {
                "config": {
                    "rotations": [
                        rotation_payload(users=[{"email": "priya.patel@northwind.example"}])
                    ]
                }
            }
        },
    )
    assert [u["id"] for u in replaced.json()["schedule"]["config"]["rotations"][0]["users"]] == [
        seed.USER_PRIYA_ID
    ]
    deleted = await client.delete(f"/v2/schedules/{schedule['id']}")
    assert deleted.status_code == 202
    assert deleted.content == b""
    assert (await client.get(f"/v2/schedules/{schedule['id']}")).status_code == 404
    assert (
        await client.put(f"/v2/schedules/{schedule['id']}", json={"schedule": {}})
    ).status_code == 404


async def test_schedule_list_pages_and_drops_next_shifts_for_big_pages(
    client: httpx2.AsyncClient,
) -> None:
    first = (await client.get("/v2/schedules", params={"page_size": 1})).json()
    assert [s["id"] for s in first["schedules"]] == [seed.SCHEDULE_PRIMARY_ID]
    assert first["pagination_meta"] == {
        "page_size": 1,
        "after": seed.SCHEDULE_PRIMARY_ID,
        "total_record_count": 2,
    }
    second = (
        await client.get(
            "/v2/schedules", params={"page_size": 1, "after": seed.SCHEDULE_PRIMARY_ID}
        )
    ).json()
    assert [s["id"] for s in second["schedules"]] == [seed.SCHEDULE_PLATFORM_ID]
    assert "after" not in second["pagination_meta"]
    big = (await client.get("/v2/schedules", params={"page_size": 100})).json()
    assert all(s["next_shifts"] == [] for s in big["schedules"])
    assert all(s["current_shifts"] for s in big["schedules"])


SCHEDULE_CASES: list[tuple[dict[str, Any], str]] = [
    ({"timezone": "Mars/Olympus"}, "schedule.timezone"),
    ({"config": {"rotations": [{"users": []}]}}, "schedule.config.rotations[0].name"),
    (
        {"config": {"rotations": [rotation_payload(users=[{"id": "01NOPE"}])]}},
        "schedule.config.rotations[0].users[0].id",
    ),
    (
        {
            "config": {
                "rotations": [
                    rotation_payload(handovers=[{"interval": 0, "interval_type": "daily"}])
                ]
            }
        },
        "schedule.config.rotations[0].handovers[0].interval",
    ),
    (
        {
            "config": {
                "rotations": [
                    rotation_payload(handovers=[{"interval": 1, "interval_type": "monthly"}])
                ]
            }
        },
        "schedule.config.rotations[0].handovers[0].interval_type",
    ),
    (
        {
            "config": {
                "rotations": [
                    rotation_payload(
                        working_intervals=[
                            {"weekday": "monday", "start_time": "9am", "end_time": "17:00"}
                        ]
                    )
                ]
            }
        },
        "schedule.config.rotations[0].working_intervals[0].start_time",
    ),
    (
        {
            "config": {
                "rotations": [
                    rotation_payload(handovers=[{"interval": 10**12, "interval_type": "hourly"}])
                ]
            }
        },
        "schedule.config.rotations[0].handovers[0].interval",
    ),
    (
        {
            "config": {
                "rotations": [
                    rotation_payload(
                        handovers=[
                            {"interval": 1, "interval_type": "daily"},
                            {"interval": 10**8, "interval_type": "weekly"},
                        ]
                    )
                ]
            }
        },
        "schedule.config.rotations[0].handovers[1].interval",
    ),
    (  # the default handover, a week, from a start that leaves no week
        {
            "config": {
                "rotations": [
                    rotation_payload(handover_start_at="9999-12-30T00:00:00Z", handovers=[])
                ]
            }
        },
        "schedule.config.rotations[0].handover_start_at",
    ),
]


@pytest.mark.parametrize(
    ("schedule", "field"),
    SCHEDULE_CASES,
)
async def test_schedule_create_validation(
    client: httpx2.AsyncClient, schedule: dict[str, Any], field: str
) -> None:
    response = await client.post("/v2/schedules", json={"schedule": schedule})
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": field}
    listed = await client.get("/v2/schedules")
    assert listed.status_code == 200
    assert listed.json()["pagination_meta"]["total_record_count"] == 2


async def test_an_update_with_handovers_past_the_year_9999_changes_nothing(
    client: httpx2.AsyncClient,
) -> None:
    schedule = await create_schedule(client, rotation_payload())
    rotation = rotation_payload(handovers=[{"interval": 10**12, "interval_type": "hourly"}])
    response = await client.put(
        f"/v2/schedules/{schedule['id']}", json={"schedule": {"config": {"rotations": [rotation]}}}
    )
    assert response.status_code == 422
    shown = (await client.get(f"/v2/schedules/{schedule['id']}")).json()["schedule"]
    assert shown["config"] == schedule["config"]


async def test_a_schedule_whose_shifts_cannot_be_answered_is_not_kept(
    app: SandboxApp, client: httpx2.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("shifts failed")

    monkeypatch.setattr(app.store.on_call, "with_shifts", fail)
    response = await client.post(
        "/v2/schedules", json={"schedule": {"name": "Lost", "config": {"rotations": []}}}
    )
    assert response.status_code == 500
    monkeypatch.undo()
    listed = (await client.get("/v2/schedules")).json()
    assert [s["name"] for s in listed["schedules"]] == ["Primary On-call", "Platform Support"]


async def test_schedule_create_needs_the_schedule_wrapper(client: httpx2.AsyncClient) -> None:
    response = await client.post("/v2/schedules", json={"name": "flat"})
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "code": "missing_field",
        "message": "schedule is required",
        "source": {"field": "schedule"},
    }


async def test_team_ids_must_name_teams_on_create_and_update(client: httpx2.AsyncClient) -> None:
    body: dict[str, Any] = {"name": "Owned", "team_ids": [seed.TEAM_SEARCH_ID]}
    created = await client.post("/v2/schedules", json={"schedule": body})
    assert created.status_code == 201, created.text
    schedule = created.json()["schedule"]
    assert schedule["team_ids"] == [seed.TEAM_SEARCH_ID]
    wrong = {"team_ids": [seed.TEAM_SEARCH_ID, seed.SCHEDULE_PRIMARY_ID]}
    for response in (
        await client.post("/v2/schedules", json={"schedule": {**body, **wrong}}),
        await client.put(f"/v2/schedules/{schedule['id']}", json={"schedule": wrong}),
    ):
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert (error["code"], error["source"]) == ("not_found", {"field": "schedule.team_ids[1]"})
    shown = (await client.get(f"/v2/schedules/{schedule['id']}")).json()["schedule"]
    assert shown["team_ids"] == [seed.TEAM_SEARCH_ID]
