"""Scenarios for correcting overrides: list, move and delete them, and who is on call follows
(see client_scenarios/support.py for the harness)."""

from __future__ import annotations

from tests.sandbox.client_scenarios.support import Launcher, failed, gone, ok, walk

from incidentio_toolkit.sandbox import seed as s

WINDOW = {
    "schedule_id": s.SCHEDULE_PRIMARY_ID,
    "entry_window_start": "2025-12-24T00:00:00Z",
    "entry_window_end": "2025-12-28T00:00:00Z",
}


async def override_corrections(launch: Launcher) -> None:
    io = launch().client()

    async def covered_by_hannah() -> list[tuple[str, str]]:
        final = ok(await io.call("schedule_entries_list", WINDOW))["schedule_entries"]["final"]
        return [(e["start_at"], e["end_at"]) for e in final if e["user"]["id"] == s.USER_HANNAH_ID]

    listed = await walk(
        io, "schedule_overrides_list", "overrides", 1, schedule_id=s.SCHEDULE_PRIMARY_ID
    )
    assert listed == [s.OVERRIDE_HOLIDAY_COVER_ID]
    assert await covered_by_hannah() == [("2025-12-24T09:00:00Z", "2025-12-27T09:00:00Z")]

    # The holiday cover ends a day early: Hannah covers less, the rota the rest.
    moved = ok(
        await io.schedule_overrides_update(
            id=s.OVERRIDE_HOLIDAY_COVER_ID,
            rotation_id=s.ROTATION_PRIMARY_ID,
            layer_id=s.LAYER_PRIMARY_ID,
            start_at="2025-12-24T09:00:00Z",
            end_at="2025-12-26T09:00:00+00:00",
            user_slack_id="U04HANNAH09",
        )
    )["override"]
    assert moved["end_at"] == "2025-12-26T09:00:00Z"
    assert await covered_by_hannah() == [("2025-12-24T09:00:00Z", "2025-12-26T09:00:00Z")]
    refused = await io.call(
        "schedule_overrides_update",
        {
            **{k: moved[k] for k in ("id", "rotation_id", "layer_id", "start_at", "end_at")},
            "user_id": s.USER_DIEGO_ID,
        },
    )
    failed(refused, "422", "cannot be reassigned")

    deleted = ok(await io.schedule_overrides_delete(id=s.OVERRIDE_HOLIDAY_COVER_ID))
    assert deleted["message"] == f"Schedule override {s.OVERRIDE_HOLIDAY_COVER_ID!r} deleted."
    assert await covered_by_hannah() == []
    ok(await io.call("schedule_overrides_delete", {"id": s.OVERRIDE_HOLIDAY_COVER_ID}))  # a retry
    assert (
        ok(await io.schedule_overrides_list(schedule_id=s.SCHEDULE_PRIMARY_ID))["overrides"] == []
    )
    gone(await io.schedule_overrides_delete(id="01NEVERMADE"), "01NEVERMADE")
