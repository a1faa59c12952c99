"""Scenarios for incidents, incident filters, escalation paths, escalations and idempotent creates.

Each is `async def scenario(launch: Launcher) -> None` (see client_scenarios/support.py), run by
test_client_scenarios.py in process and against a real server.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.sandbox.client_scenarios.support import Launcher, gone, ok, walk

from incidentio_toolkit.sandbox import seed as s

SEEDED_INCIDENTS = {  # visible by default (INC-4 is a test-mode drill)
    s.INCIDENT_CHECKOUT_ID,
    s.INCIDENT_DNS_RETRO_ID,
    s.INCIDENT_SEARCH_LATENCY_ID,
    s.INCIDENT_WEBHOOKS_ID,
    s.INCIDENT_LOGIN_EMAILS_ID,
}


async def incidents(launch: Launcher) -> None:
    io = launch().client()
    created = await io.incidents_create(
        idempotency_key="scenario-incident",
        severity_id=s.SEVERITY_MAJOR_ID,
        visibility="public",
        name="Checkout latency",
        summary="p99 above 2 s",
        incident_type_id=s.INCIDENT_TYPE_DEFAULT_ID,
    )
    incident = ok(created)["incident"]
    assert incident["name"] == "Checkout latency"
    assert incident["severity"]["id"] == s.SEVERITY_MAJOR_ID
    assert incident["incident_status"]["id"] == s.STATUS_INVESTIGATING_ID
    assert incident["reference"] == "INC-7"
    incident_id = incident["id"]

    assert ok(await io.incidents_show(id=incident_id))["incident"] == incident
    for reference in (
        "7",
        "INC-7",
        " #inc-7 ",
    ):  # the client sends the bare number, as the API wants
        assert (
            ok(await io.call("incidents_show", {"id": reference}))["incident"]["id"] == incident_id
        )

    first = ok(await io.incidents_list(page_size=2))
    assert first["incidents"][0]["id"] == incident_id  # newest first
    assert first["pagination_meta"]["total_record_count"] == 6
    listed = await walk(io, "incidents_list", "incidents", 2)
    assert set(listed) == {*SEEDED_INCIDENTS, incident_id}

    updated = await io.incidents_update(
        id=incident_id,
        notify_incident_channel=False,
        incident_status_id=s.STATUS_FIXING_ID,
        severity_id=s.SEVERITY_CRITICAL_ID,
    )
    assert ok(updated)["incident"]["incident_status"]["id"] == s.STATUS_FIXING_ID
    renamed = ok(
        await io.call(
            "incidents_update",
            {"id": incident_id, "notify_incident_channel": True, "name": "Checkout down"},
        )
    )["incident"]
    assert renamed["name"] == "Checkout down"
    assert renamed["severity"]["id"] == s.SEVERITY_CRITICAL_ID  # only the fields sent change
    assert ok(await io.incidents_show(id=incident_id))["incident"]["name"] == "Checkout down"

    # The status and severity change recorded one incident update; the rename none.
    updates = ok(await io.call("incident_updates_list", {"incident_id": incident_id}))
    [update] = updates["incident_updates"]
    assert update["incident_id"] == incident_id
    assert update["new_incident_status"]["id"] == s.STATUS_FIXING_ID
    assert update["new_severity"]["id"] == s.SEVERITY_CRITICAL_ID

    gone(await io.incidents_show(id="01NOSUCHINCIDENT0000000000"), "01NOSUCHINCIDENT0000000000")


async def incident_filters(launch: Launcher) -> None:
    io = launch().client()

    async def refs(**filters: Any) -> list[str]:
        page = ok(await io.incidents_list(page_size=250, **filters))
        return [i["reference"] for i in page["incidents"]]

    assert await refs(status_category=["live"]) == ["INC-5"]
    assert await refs(status_category=["triage", "learning"]) == ["INC-6", "INC-3"]
    assert await refs(severity_at_least=s.SEVERITY_MAJOR_ID) == ["INC-5", "INC-3", "INC-2", "INC-1"]
    assert await refs(severity_at_most=s.SEVERITY_MINOR_ID) == ["INC-6"]
    assert await refs(severity_ids=[s.SEVERITY_CRITICAL_ID]) == ["INC-5", "INC-1"]
    assert await refs(mode=["test"]) == ["INC-4"]
    assert await refs(mode=["retrospective"]) == ["INC-2"]
    assert await refs(created_after=date(2025, 6, 1)) == ["INC-6", "INC-5"]
    assert await refs(created_after=date(2025, 6, 1), mode=["standard", "test"]) == [
        "INC-6",
        "INC-5",
        "INC-4",
    ]
    assert await refs(created_before=date(2025, 3, 31)) == ["INC-2", "INC-1"]
    assert await refs(updated_after=date(2025, 6, 10), updated_before=date(2025, 6, 10)) == [
        "INC-5"
    ]
    assert await refs(incident_type_ids=[s.INCIDENT_TYPE_CUSTOMER_FACING_ID]) == ["INC-5", "INC-1"]
    assert await refs(status_ids=[s.STATUS_CLOSED_ID], sort_by="created_at_oldest_first") == [
        "INC-1",
        "INC-2",
    ]
    any_of = await refs(
        filter_mode="any", status_category=["triage"], severity_ids=[s.SEVERITY_CRITICAL_ID]
    )
    assert any_of == ["INC-6", "INC-5", "INC-1"]
    # The same filter, two at a time through the cursor.
    filtered = await walk(
        io, "incidents_list", "incidents", 1, severity_at_least=s.SEVERITY_MAJOR_ID
    )
    assert len(filtered) == 4


LEVELS: list[dict[str, Any]] = [  # the contract's level shape, not API nodes
    {
        "targets": [{"type": "schedule", "schedule_id": s.SCHEDULE_PRIMARY_ID, "urgency": "high"}],
        "time_to_ack_seconds": 300,
    },
    {"targets": [{"type": "user", "user_id": s.USER_MARCUS_ID, "urgency": "low"}]},
]


async def escalation_paths(launch: Launcher) -> None:
    io = launch().client()
    created = ok(
        await io.call(
            "escalation_paths_create",
            {
                "name": "Database",
                "path": LEVELS,
                "working_hours": [{"weekday": "Monday", "start_time": "9:00", "end_time": "17:00"}],
                "timezone": "Europe/London",
            },
        )
    )["escalation_path"]
    assert [(n["id"], n["type"]) for n in created["path"]] == [
        ("level-1", "level"),
        ("level-2", "level"),
    ]
    first, second = (n["level"] for n in created["path"])
    assert first["targets"] == [
        {
            "id": s.SCHEDULE_PRIMARY_ID,
            "type": "schedule",
            "urgency": "high",
            "schedule_mode": "currently_on_call",
        }
    ]
    assert first["time_to_ack_seconds"] == 300
    assert second["targets"] == [{"id": s.USER_MARCUS_ID, "type": "user", "urgency": "low"}]
    [hours] = created["working_hours"]
    assert hours["timezone"] == "Europe/London"
    assert hours["weekday_intervals"] == [
        {"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}
    ]
    assert created["current_responders"]  # whoever is on call on Primary now
    path_id = created["id"]
    assert ok(await io.escalation_paths_show(id=path_id))["escalation_path"]["name"] == "Database"

    listed = await walk(io, "escalation_paths_list", "escalation_paths", 1)
    assert set(listed) == {s.ESCALATION_PATH_URGENT_ID, s.ESCALATION_PATH_PLATFORM_ID, path_id}

    updated = await io.escalation_paths_update(
        id=path_id,
        name="Database (direct)",
        path=[{"targets": [{"type": "user", "id": s.USER_KENJI_ID}]}],
    )
    path = ok(updated)["escalation_path"]
    assert path["name"] == "Database (direct)"
    assert [t["id"] for n in path["path"] for t in n["level"]["targets"]] == [s.USER_KENJI_ID]

    deleted = ok(await io.escalation_paths_delete(id=path_id))
    assert deleted["message"] == f"Escalation path {path_id!r} deleted."
    gone(await io.call("escalation_paths_show", {"id": path_id}), path_id)
    assert path_id not in await walk(io, "escalation_paths_list", "escalation_paths", 25)


async def escalations(launch: Launcher) -> None:
    io = launch().client()
    direct = ok(
        await io.call(
            "escalations_create",
            {
                "idempotency_key": "page-direct",
                "title": "Webhooks still delayed",
                "user_ids": f"{s.USER_AMARA_ID}, {s.USER_KENJI_ID}",  # one comma-separated string
                "incident_id": s.INCIDENT_WEBHOOKS_ID,
            },
        )
    )["escalation"]
    assert direct["status"] == "triggered"
    [notified] = [e for e in direct["events"] if e["event"] == "notified_users"]
    assert [u["id"] for u in notified["users"]] == [s.USER_AMARA_ID, s.USER_KENJI_ID]
    assert [i["id"] for i in direct["related_incidents"]] == [s.INCIDENT_WEBHOOKS_ID]

    via_path = await io.escalations_create(
        idempotency_key="page-path",
        title="Checkout errors",
        escalation_path_id=s.ESCALATION_PATH_URGENT_ID,
        description="5xx above 2%",
    )
    via_path_id = ok(via_path)["escalation"]["id"]
    assert ok(await io.escalations_show(id=direct["id"]))["escalation"] == direct
    shown = ok(await io.call("escalations_show", {"id": via_path_id}))["escalation"]
    assert shown["title"] == "Checkout errors"

    listed = await walk(io, "escalations_list", "escalations", 1)
    assert set(listed) == {
        s.ESCALATION_CHECKOUT_ID,
        s.ESCALATION_WEBHOOKS_ID,
        direct["id"],
        via_path_id,
    }
    gone(await io.escalations_show(id="01NOSUCHESCALATION00000000"), "01NOSUCHESCALATION00000000")


async def idempotent_creates(launch: Launcher) -> None:
    io = launch().client()
    incident = {
        "idempotency_key": "same-key",
        "severity_id": s.SEVERITY_MINOR_ID,
        "visibility": "private",
        "name": "Once",
    }
    first = ok(await io.call("incidents_create", incident))["incident"]
    again = ok(await io.call("incidents_create", {**incident, "name": "Twice"}))["incident"]
    assert again["id"] == first["id"]
    assert again["name"] == "Once"
    listed = [i["name"] async for i in io.paginate("incidents_list", {"page_size": 2})]
    assert listed.count("Once") == 1
    assert "Twice" not in listed

    page = {"idempotency_key": "same-page", "title": "Page once", "user_ids": [s.USER_LIAM_ID]}
    first = ok(await io.call("escalations_create", page))["escalation"]
    again = ok(await io.call("escalations_create", page))["escalation"]
    assert again["id"] == first["id"]
    titles = [e["title"] async for e in io.paginate("escalations_list", {"page_size": 50})]
    assert titles.count("Page once") == 1
