"""`/v2/schedule_overrides`: list by schedule, rotation and layer; move (taking over neighbours);
delete (idempotent); who is on call follows."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import who

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio

PRIMARY = {
    "rotation_id": seed.ROTATION_PRIMARY_ID,
    "layer_id": seed.LAYER_PRIMARY_ID,
}


async def _create(client: httpx2.AsyncClient, start: str, end: str, user_id: str) -> dict[str, Any]:
    body = {
        "schedule_id": seed.SCHEDULE_PRIMARY_ID,
        **PRIMARY,
        "start_at": start,
        "end_at": end,
        "user": {"id": user_id},
    }
    response = await client.post("/v2/schedule_overrides", json=body)
    assert response.status_code == 201, response.text
    override: dict[str, Any] = response.json()["override"]
    return override


async def _overrides(client: httpx2.AsyncClient, **params: str) -> list[dict[str, Any]]:
    response = await client.get(
        "/v2/schedule_overrides", params={"schedule_id": seed.SCHEDULE_PRIMARY_ID, **params}
    )
    assert response.status_code == 200, response.text
    overrides: list[dict[str, Any]] = response.json()["overrides"]
    return overrides


async def _final(client: httpx2.AsyncClient, start: str, end: str) -> list[tuple[str, str, str]]:
    response = await client.get(
        "/v2/schedule_entries",
        params={
            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
            "entry_window_start": start,
            "entry_window_end": end,
        },
    )
    entries = response.json()["schedule_entries"]["final"]
    return who([e for e in entries if e["layer_id"] == seed.LAYER_PRIMARY_ID])


async def test_list_pages_a_schedules_overrides_by_start_and_filters_by_layer(
    client: httpx2.AsyncClient,
) -> None:
    late = await _create(client, "2026-02-02T09:00:00Z", "2026-02-02T17:00:00Z", seed.USER_DIEGO_ID)
    early = await _create(
        client, "2026-02-01T09:00:00Z", "2026-02-01T17:00:00Z", seed.USER_DIEGO_ID
    )
    listed = [o["id"] for o in await _overrides(client)]
    assert listed == [seed.OVERRIDE_HOLIDAY_COVER_ID, early["id"], late["id"]]
    first = await client.get(
        "/v2/schedule_overrides",
        params={"schedule_id": seed.SCHEDULE_PRIMARY_ID, "page_size": 2},
    )
    meta = first.json()["pagination_meta"]
    assert meta == {"page_size": 2, "after": early["id"]}
    rest = await _overrides(client, after=meta["after"])
    assert [o["id"] for o in rest] == [late["id"]]
    assert await _overrides(client, layer_id=seed.LAYER_SECONDARY_ID) == []
    assert len(await _overrides(client, rotation_id=seed.ROTATION_PRIMARY_ID)) == 3
    other = await client.get(
        "/v2/schedule_overrides", params={"schedule_id": seed.SCHEDULE_PLATFORM_ID}
    )
    assert other.json()["overrides"] == []


async def test_list_needs_a_known_schedule(client: httpx2.AsyncClient) -> None:
    missing = await client.get("/v2/schedule_overrides")
    assert (missing.status_code, missing.json()["errors"][0]["source"]["field"]) == (
        422,
        "schedule_id",
    )
    unknown = await client.get("/v2/schedule_overrides", params={"schedule_id": "01NOPE"})
    assert unknown.status_code == 422


async def test_moving_an_override_changes_who_is_on_call(client: httpx2.AsyncClient) -> None:
    override = await _create(
        client, "2026-02-03T09:00:00Z", "2026-02-03T12:00:00Z", seed.USER_HANNAH_ID
    )
    window = ("2026-02-03T00:00:00Z", "2026-02-04T00:00:00Z")
    assert (seed.USER_HANNAH_ID, "2026-02-03T09:00:00Z", "2026-02-03T12:00:00Z") in await _final(
        client, *window
    )
    moved = await client.put(
        f"/v2/schedule_overrides/{override['id']}",
        json={
            **PRIMARY,
            "start_at": "2026-02-03T14:00:00Z",
            "end_at": "2026-02-03T18:00:00+01:00",
            "user": {"email": "hannah.schmidt@northwind.example"},
        },
    )
    assert moved.status_code == 200, moved.text
    body = moved.json()["override"]
    assert (body["id"], body["start_at"], body["end_at"]) == (
        override["id"],
        "2026-02-03T14:00:00Z",
        "2026-02-03T17:00:00Z",
    )
    assert body["created_at"] == override["created_at"]
    final = await _final(client, *window)
    hannah = [entry for entry in final if entry[0] == seed.USER_HANNAH_ID]
    assert hannah == [(seed.USER_HANNAH_ID, "2026-02-03T14:00:00Z", "2026-02-03T17:00:00Z")]


async def test_moving_over_a_neighbour_takes_its_time_and_keeps_the_rest_as_new_overrides(
    client: httpx2.AsyncClient,
) -> None:
    mine = await _create(client, "2026-02-05T08:00:00Z", "2026-02-05T10:00:00Z", seed.USER_KENJI_ID)
    neighbour = await _create(
        client, "2026-02-05T10:00:00Z", "2026-02-05T16:00:00Z", seed.USER_DIEGO_ID
    )
    moved = await client.put(
        f"/v2/schedule_overrides/{mine['id']}",
        json={
            **PRIMARY,
            "start_at": "2026-02-05T11:00:00Z",
            "end_at": "2026-02-05T13:00:00Z",
            "user": {"id": seed.USER_KENJI_ID},
        },
    )
    assert moved.status_code == 200, moved.text
    day = await _overrides(client, after=seed.OVERRIDE_HOLIDAY_COVER_ID)
    assert neighbour["id"] not in {o["id"] for o in day}
    assert [(o["user"]["id"], o["start_at"], o["end_at"]) for o in day] == [
        (seed.USER_DIEGO_ID, "2026-02-05T10:00:00Z", "2026-02-05T11:00:00Z"),
        (seed.USER_KENJI_ID, "2026-02-05T11:00:00Z", "2026-02-05T13:00:00Z"),
        (seed.USER_DIEGO_ID, "2026-02-05T13:00:00Z", "2026-02-05T16:00:00Z"),
    ]
    again = {**PRIMARY, "start_at": "2026-02-05T10:00:00Z", "end_at": "2026-02-05T16:00:00Z"}
    gone = await client.put(
        f"/v2/schedule_overrides/{neighbour['id']}",
        json={**again, "user": {"id": seed.USER_DIEGO_ID}},
    )
    assert gone.status_code == 404


async def test_an_override_cannot_change_hands(client: httpx2.AsyncClient) -> None:
    before = await _overrides(client)
    refused = await client.put(
        f"/v2/schedule_overrides/{seed.OVERRIDE_HOLIDAY_COVER_ID}",
        json={
            **PRIMARY,
            "start_at": "2025-12-24T09:00:00Z",
            "end_at": "2025-12-27T09:00:00Z",
            "user": {"id": seed.USER_DIEGO_ID},
        },
    )
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["source"]["field"] == "user"
    assert "cannot be reassigned" in error["message"]
    assert await _overrides(client) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rotation_id": seed.ROTATION_FOLLOW_THE_SUN_ID}, "rotation_id"),
        ({"layer_id": seed.LAYER_FOLLOW_THE_SUN_ID}, "layer_id"),
        ({"end_at": "2025-12-24T08:00:00Z"}, "end_at"),
        ({"start_at": None}, "start_at"),
        ({"user": None}, "user"),
    ],
)
async def test_update_validation_names_the_field(
    client: httpx2.AsyncClient, changes: dict[str, Any], field: str
) -> None:
    body = {
        **PRIMARY,
        "start_at": "2025-12-24T09:00:00Z",
        "end_at": "2025-12-27T09:00:00Z",
        "user": {"id": seed.USER_HANNAH_ID},
        **changes,
    }
    refused = await client.put(
        f"/v2/schedule_overrides/{seed.OVERRIDE_HOLIDAY_COVER_ID}", json=body
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["source"]["field"] == field


async def test_deleting_restores_the_rota_and_a_second_delete_still_succeeds(
    client: httpx2.AsyncClient,
) -> None:
    window = ("2025-12-25T00:00:00Z", "2025-12-26T00:00:00Z")
    response = await client.get(
        "/v2/schedule_entries",
        params={
            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
            "entry_window_start": window[0],
            "entry_window_end": window[1],
        },
    )
    entries = response.json()["schedule_entries"]
    rota = who([e for e in entries["scheduled"] if e["layer_id"] == seed.LAYER_PRIMARY_ID])
    assert {user_id for user_id, _, _ in rota} == {seed.USER_LIAM_ID}
    assert {entry[0] for entry in await _final(client, *window)} == {seed.USER_HANNAH_ID}
    first = await client.delete(f"/v2/schedule_overrides/{seed.OVERRIDE_HOLIDAY_COVER_ID}")
    again = await client.delete(f"/v2/schedule_overrides/{seed.OVERRIDE_HOLIDAY_COVER_ID}")
    assert (first.status_code, again.status_code) == (204, 204)
    assert await _overrides(client) == []
    assert await _final(client, *window) == rota
    assert (await client.delete("/v2/schedule_overrides/01NEVERMADE")).status_code == 404
