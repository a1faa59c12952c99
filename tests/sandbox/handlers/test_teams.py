"""`/v3/teams`: teams with their members, paged; schedules and escalation paths name them."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_teams_list_pages_through_every_team_in_order(client: httpx2.AsyncClient) -> None:
    seen: list[str] = []
    after: str | None = None
    for _ in range(10):
        params: dict[str, Any] = {"page_size": 3}
        if after:
            params["after"] = after
        body = (await client.get("/v3/teams", params=params)).json()
        assert body["pagination_meta"]["page_size"] == 3
        seen += [team["name"] for team in body["teams"]]
        after = body["pagination_meta"].get("after")
        if after is None:
            break
    assert seen == ["Identity", "Payments", "Platform", "Search"]


async def test_teams_carry_their_members_and_a_catalog_entry(client: httpx2.AsyncClient) -> None:
    teams = {t["id"]: t for t in (await client.get("/v3/teams")).json()["teams"]}
    payments = teams[seed.TEAM_PAYMENTS_ID]
    assert payments["name"] == payments["catalog_entry"]["name"] == "Payments"
    assert [m["id"] for m in payments["members"]] == [
        seed.USER_SOFIA_ID,
        seed.USER_AMARA_ID,
        seed.USER_PRIYA_ID,
    ]
    sofia = payments["members"][0]
    assert (sofia["email"], sofia["slack_user_id"]) == (
        "sofia.rossi@northwind.example",
        "U04SOFIA003",
    )
    assert len({t["catalog_entry"]["id"] for t in teams.values()}) == len(teams)


async def test_teams_show_answers_the_listed_team_or_404(client: httpx2.AsyncClient) -> None:
    [first] = (await client.get("/v3/teams", params={"page_size": 1})).json()["teams"]
    shown = await client.get(f"/v3/teams/{first['id']}")
    assert shown.json() == {"team": first}
    missing = await client.get("/v3/teams/01NOSUCHTEAM")
    assert missing.status_code == 404
    assert "01NOSUCHTEAM" in missing.json()["errors"][0]["message"]


async def test_schedules_escalation_paths_and_follow_ups_name_seeded_teams(
    client: httpx2.AsyncClient,
) -> None:
    team_ids = {t["id"] for t in (await client.get("/v3/teams")).json()["teams"]}
    schedules = (await client.get("/v2/schedules")).json()["schedules"]
    paths = (await client.get("/v2/escalation_paths")).json()["escalation_paths"]
    owners = {s["id"]: s["team_ids"] for s in schedules} | {p["id"]: p["team_ids"] for p in paths}
    assert owners[seed.SCHEDULE_PRIMARY_ID] == [seed.TEAM_PAYMENTS_ID]
    assert owners[seed.SCHEDULE_PLATFORM_ID] == [seed.TEAM_PLATFORM_ID]
    assert owners[seed.ESCALATION_PATH_URGENT_ID] == [seed.TEAM_PAYMENTS_ID]
    assert owners[seed.ESCALATION_PATH_PLATFORM_ID] == [seed.TEAM_PLATFORM_ID]
    follow_ups = (await client.get("/v2/follow_ups")).json()["follow_ups"]
    assigned = {f["assignee_team"]["id"] for f in follow_ups if "assignee_team" in f}
    assert assigned
    assert assigned <= team_ids


async def test_teams_list_rejects_a_bad_page_size_and_an_unknown_cursor(
    client: httpx2.AsyncClient,
) -> None:
    assert (await client.get("/v3/teams", params={"page_size": 251})).status_code == 422
    unknown = await client.get("/v3/teams", params={"after": "01NOSUCHTEAM"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["source"]["field"] == "after"
