"""Scenarios for teams: who owns what (see client_scenarios/support.py for the harness)."""

from __future__ import annotations

from tests.sandbox.client_scenarios.support import Launcher, failed, gone, ok, walk

from incidentio_toolkit.sandbox import seed as s


async def teams(launch: Launcher) -> None:
    io = launch().client()
    listed = await walk(io, "teams_list", "teams", 2)
    assert listed == [s.TEAM_IDENTITY_ID, s.TEAM_PAYMENTS_ID, s.TEAM_PLATFORM_ID, s.TEAM_SEARCH_ID]
    page = ok(await io.teams_list(page_size=1))
    assert page["pagination_meta"] == {"page_size": 1, "after": s.TEAM_IDENTITY_ID}
    [identity] = page["teams"]
    assert [member["id"] for member in identity["members"]] == [s.USER_LIAM_ID]
    assert ok(await io.teams_show(id=s.TEAM_IDENTITY_ID))["team"] == identity
    assert ok(await io.teams_show(id="payments"))["team"]["id"] == s.TEAM_PAYMENTS_ID  # a name
    failed(await io.teams_show(id="Payroll"), "no team matches 'Payroll'", "Nothing was sent")
    gone(await io.teams_show(id="01JZZZZZZZZZZZZZZZZZZZZZZZ"), "01JZZZZZZZZZZZZZZZZZZZZZZZ")
    # A team's schedules: the schedules that name it in team_ids.
    schedules = ok(await io.schedules_list())["schedules"]
    owned = [x["id"] for x in schedules if s.TEAM_PLATFORM_ID in x["team_ids"]]
    assert owned == [s.SCHEDULE_PLATFORM_ID]
