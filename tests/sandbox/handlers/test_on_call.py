"""`/v2/schedule_entries` and `/v2/schedule_overrides`: who is on call in a window, overrides, paging."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import create_schedule, rotation_payload, who

from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox.testing import FakeClock

pytestmark = pytest.mark.anyio


async def _entries(
    client: httpx2.AsyncClient, schedule_id: str, start: str, end: str
) -> dict[str, Any]:
    response = await client.get(
        "/v2/schedule_entries",
        params={"schedule_id": schedule_id, "entry_window_start": start, "entry_window_end": end},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_working_intervals_limit_shifts_to_office_hours(client: httpx2.AsyncClient) -> None:
    body = await _entries(
        client, seed.SCHEDULE_PLATFORM_ID, "2026-01-16T00:00:00Z", "2026-01-19T00:00:00Z"
    )
    backup = [
        e
        for e in body["schedule_entries"]["scheduled"]
        if e["rotation_id"] == seed.ROTATION_BUSINESS_HOURS_ID
    ]
    # Friday 09:00-17:00 New York only; nothing on the weekend
    assert who(backup) == [(seed.USER_PRIYA_ID, "2026-01-16T14:00:00Z", "2026-01-16T22:00:00Z")]


async def test_override_replaces_the_scheduled_user_in_final(
    client: httpx2.AsyncClient, clock: FakeClock
) -> None:
    response = await client.post(
        "/v2/schedule_overrides",
        json={
            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
            "rotation_id": seed.ROTATION_PRIMARY_ID,
            "layer_id": seed.LAYER_PRIMARY_ID,
            "start_at": "2026-01-14T13:00:00Z",
            "end_at": "2026-01-14T15:00:00Z",
            "user": {"slack_user_id": "U04HANNAH09"},
        },
    )
    assert response.status_code == 201
    override = response.json()["override"]
    assert override["user"]["id"] == seed.USER_HANNAH_ID
    body = await _entries(
        client, seed.SCHEDULE_PRIMARY_ID, "2026-01-14T00:00:00Z", "2026-01-15T00:00:00Z"
    )
    entries = body["schedule_entries"]
    primary = [e for e in entries["final"] if e["layer_id"] == seed.LAYER_PRIMARY_ID]
    assert who(primary) == [
        (seed.USER_AMARA_ID, "2026-01-12T09:00:00Z", "2026-01-14T13:00:00Z"),
        (seed.USER_HANNAH_ID, "2026-01-14T13:00:00Z", "2026-01-14T15:00:00Z"),
        (seed.USER_AMARA_ID, "2026-01-14T15:00:00Z", "2026-01-19T09:00:00Z"),
    ]
    assert who(entries["overrides"]) == [
        (seed.USER_HANNAH_ID, "2026-01-14T13:00:00Z", "2026-01-14T15:00:00Z")
    ]
    assert [e["user"]["id"] for e in entries["scheduled"]] == [
        seed.USER_AMARA_ID,
        seed.USER_LIAM_ID,
    ]
    assert "pagination_meta" not in body
    clock.advance(hours=2)  # 14:00, inside the override
    schedule = (await client.get(f"/v2/schedules/{seed.SCHEDULE_PRIMARY_ID}")).json()["schedule"]
    assert {e["user"]["id"] for e in schedule["current_shifts"]} == {
        seed.USER_HANNAH_ID,
        seed.USER_LIAM_ID,
    }
    path = (await client.get(f"/v2/escalation_paths/{seed.ESCALATION_PATH_URGENT_ID}")).json()[
        "escalation_path"
    ]
    assert {u["id"] for u in path["current_responders"]} == {seed.USER_HANNAH_ID, seed.USER_LIAM_ID}


async def test_newest_override_wins_where_overrides_overlap(client: httpx2.AsyncClient) -> None:
    schedule = await create_schedule(client, rotation_payload())
    rotation = schedule["config"]["rotations"][0]
    for user, start, end in [
        (seed.USER_CHLOE_ID, "2026-01-20T06:00:00Z", "2026-01-20T12:00:00Z"),
        (seed.USER_DIEGO_ID, "2026-01-20T10:00:00Z", "2026-01-20T14:00:00Z"),
    ]:
        response = await client.post(
            "/v2/schedule_overrides",
            json={
                "schedule_id": schedule["id"],
                "rotation_id": rotation["id"],
                "layer_id": rotation["layers"][0]["id"],
                "start_at": start,
                "end_at": end,
                "user": {"id": user},
            },
        )
        assert response.status_code == 201
    body = await _entries(client, schedule["id"], "2026-01-20T00:00:00Z", "2026-01-21T00:00:00Z")
    assert who(body["schedule_entries"]["final"]) == [
        (seed.USER_KENJI_ID, "2026-01-20T00:00:00Z", "2026-01-20T06:00:00Z"),
        (seed.USER_CHLOE_ID, "2026-01-20T06:00:00Z", "2026-01-20T10:00:00Z"),
        (seed.USER_DIEGO_ID, "2026-01-20T10:00:00Z", "2026-01-20T14:00:00Z"),
        (seed.USER_KENJI_ID, "2026-01-20T14:00:00Z", "2026-01-21T00:00:00Z"),
    ]


async def test_schedule_entries_page_through_entry_window_start(client: httpx2.AsyncClient) -> None:
    schedule = await create_schedule(
        client, rotation_payload(handovers=[{"interval": 1, "interval_type": "hourly"}])
    )
    params: dict[str, Any] = {
        "schedule_id": schedule["id"],
        "entry_window_start": "2026-01-01T00:00:00Z",
        "entry_window_end": "2026-01-11T00:00:00Z",
    }
    starts: list[str] = []
    pages = 0
    while True:
        body = (await client.get("/v2/schedule_entries", params=params)).json()
        pages += 1
        starts += [e["start_at"] for e in body["schedule_entries"]["final"]]
        meta = body.get("pagination_meta")
        if meta is None:
            break
        assert meta["after"] == body["schedule_entries"]["scheduled"][-1]["end_at"]
        assert meta["after_url"].startswith("http://sandbox/v2/schedule_entries?")
        params["entry_window_start"] = meta["after"]
    assert pages == 3
    assert len(starts) == len(set(starts)) == 240
    assert starts[0] == "2026-01-01T00:00:00Z"
    assert starts[-1] == "2026-01-10T23:00:00Z"


async def test_schedule_entries_after_url_fetches_the_next_page(client: httpx2.AsyncClient) -> None:
    schedule = await create_schedule(
        client, rotation_payload(handovers=[{"interval": 1, "interval_type": "hourly"}])
    )
    first = await _entries(client, schedule["id"], "2026-01-01T00:00:00Z", "2026-01-06T00:00:00Z")
    second = (await client.get(first["pagination_meta"]["after_url"])).json()
    assert (
        second["schedule_entries"]["scheduled"][0]["start_at"] == first["pagination_meta"]["after"]
    )
    assert "pagination_meta" not in second


async def test_schedule_entries_default_window_starts_now(client: httpx2.AsyncClient) -> None:
    body = (
        await client.get("/v2/schedule_entries", params={"schedule_id": seed.SCHEDULE_PRIMARY_ID})
    ).json()
    final = body["schedule_entries"]["final"]
    assert final[0]["start_at"] <= "2026-01-14T12:00:00Z" < final[0]["end_at"]
    assert max(e["start_at"] for e in final) < "2026-01-21T12:00:00Z"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "schedule_id"),
        ({"schedule_id": "01NOPE"}, "schedule_id"),
        (
            {"schedule_id": seed.SCHEDULE_PRIMARY_ID, "entry_window_start": "monday"},
            "entry_window_start",
        ),
        (
            {
                "schedule_id": seed.SCHEDULE_PRIMARY_ID,
                "entry_window_start": "2026-01-02T00:00:00Z",
                "entry_window_end": "2026-01-01T00:00:00Z",
            },
            "entry_window_end",
        ),
        (  # before the year 1 in UTC
            {
                "schedule_id": seed.SCHEDULE_PRIMARY_ID,
                "entry_window_start": "0001-01-01T00:00:00+01:00",
            },
            "entry_window_start",
        ),
    ],
)
async def test_schedule_entries_validation(
    client: httpx2.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/v2/schedule_entries", params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": field}


async def test_a_default_window_running_past_the_year_9999_ends_there(
    client: httpx2.AsyncClient,
) -> None:
    response = await client.get(
        "/v2/schedule_entries",
        params={
            "schedule_id": seed.SCHEDULE_PRIMARY_ID,
            "entry_window_start": "9999-12-31T00:00:00Z",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["schedule_entries"]["final"] == []  # no rotation reaches that far


async def test_daily_handovers_keep_local_time_across_dst(client: httpx2.AsyncClient) -> None:
    schedule = await create_schedule(
        client, rotation_payload(handover_start_at="2026-03-01T09:00:00Z"), timezone="Europe/London"
    )
    body = await _entries(client, schedule["id"], "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z")
    assert [e["start_at"] for e in body["schedule_entries"]["scheduled"]] == [
        "2026-03-28T09:00:00Z",  # GMT
        "2026-03-29T08:00:00Z",  # BST: still 09:00 in London
        "2026-03-30T08:00:00Z",
    ]


async def test_rotation_versions_apply_from_their_effective_from(
    client: httpx2.AsyncClient,
) -> None:
    schedule = await create_schedule(
        client,
        rotation_payload(id="rota", layers=[{"id": "layer", "name": "L"}]),
        rotation_payload(
            id="rota",
            layers=[{"id": "layer", "name": "L"}],
            effective_from="2026-02-01T00:00:00Z",
            users=[{"id": seed.USER_LIAM_ID}],
        ),
    )
    body = await _entries(client, schedule["id"], "2026-01-30T00:00:00Z", "2026-02-03T00:00:00Z")
    assert [e["user"]["id"] for e in body["schedule_entries"]["final"]] == [
        seed.USER_KENJI_ID,
        seed.USER_SOFIA_ID,
        seed.USER_LIAM_ID,
        seed.USER_LIAM_ID,
    ]


OVERRIDE = {
    "schedule_id": seed.SCHEDULE_PRIMARY_ID,
    "rotation_id": seed.ROTATION_PRIMARY_ID,
    "layer_id": seed.LAYER_SECONDARY_ID,
    "start_at": "2026-01-15T00:00:00Z",
    "end_at": "2026-01-16T00:00:00Z",
    "user": {"id": seed.USER_DIEGO_ID},
}


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"schedule_id": "01NOPE"}, "not_found", "schedule_id"),
        ({"rotation_id": seed.ROTATION_FOLLOW_THE_SUN_ID}, "not_found", "rotation_id"),
        ({"layer_id": seed.LAYER_FOLLOW_THE_SUN_ID}, "not_found", "layer_id"),
        ({"user": {"id": "01NOPE"}}, "not_found", "user.id"),
        ({"user": {}}, "invalid_value", "user"),
        ({"user": None}, "missing_field", "user"),
        ({"end_at": "2026-01-14T00:00:00Z"}, "invalid_value", "end_at"),
        ({"start_at": "soon"}, "invalid_value", "start_at"),
        ({"start_at": "0001-01-01T00:00:00+01:00"}, "invalid_value", "start_at"),
    ],
)
async def test_schedule_override_validation(
    client: httpx2.AsyncClient, changes: dict[str, Any], code: str, field: str
) -> None:
    response = await client.post("/v2/schedule_overrides", json={**OVERRIDE, **changes})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["code"], error["source"]["field"]) == (code, field)


async def _override(
    client: httpx2.AsyncClient, schedule: dict[str, Any], user: str, start: str, end: str
) -> dict[str, Any]:
    rotation = schedule["config"]["rotations"][0]
    response = await client.post(
        "/v2/schedule_overrides",
        json={
            "schedule_id": schedule["id"],
            "rotation_id": rotation["id"],
            "layer_id": rotation["layers"][0]["id"],
            "start_at": start,
            "end_at": end,
            "user": {"id": user},
        },
    )
    assert response.status_code == 201, response.text
    override: dict[str, Any] = response.json()["override"]
    return override


async def test_a_new_override_takes_over_the_time_of_those_it_overlaps_on_its_layer(
    client: httpx2.AsyncClient,
) -> None:
    schedule = await create_schedule(client, rotation_payload())
    chloe = await _override(
        client, schedule, seed.USER_CHLOE_ID, "2026-01-20T06:00:00Z", "2026-01-20T18:00:00Z"
    )
    diego = await _override(
        client, schedule, seed.USER_DIEGO_ID, "2026-01-20T10:00:00Z", "2026-01-20T14:00:00Z"
    )
    listed = await client.get("/v2/schedule_overrides", params={"schedule_id": schedule["id"]})
    overrides = listed.json()["overrides"]
    assert who(overrides) == [
        (seed.USER_CHLOE_ID, "2026-01-20T06:00:00Z", "2026-01-20T10:00:00Z"),
        (seed.USER_DIEGO_ID, "2026-01-20T10:00:00Z", "2026-01-20T14:00:00Z"),
        (seed.USER_CHLOE_ID, "2026-01-20T14:00:00Z", "2026-01-20T18:00:00Z"),
    ]
    ids = [o["id"] for o in overrides]
    assert diego["id"] in ids
    assert chloe["id"] not in ids  # what was left of it came back under new ids
    body = await _entries(client, schedule["id"], "2026-01-20T00:00:00Z", "2026-01-21T00:00:00Z")
    assert sorted(who(body["schedule_entries"]["overrides"])) == sorted(who(overrides))
