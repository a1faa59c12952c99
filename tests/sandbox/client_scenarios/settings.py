"""Scenarios for workflows, schedules (and overrides), custom fields, incident roles and the
read-only reference data (users, settings, actions, follow-ups, incident updates).

Each is `async def scenario(launch: Launcher) -> None` (see client_scenarios/support.py), run by
test_client_scenarios.py in process and against a real server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.sandbox.client_scenarios.support import Launcher, gone, ids_of, ok, walk

from incidentio_toolkit.sandbox import seed as s


async def workflows(launch: Launcher) -> None:
    io = launch().client()
    condition_groups = [
        {
            "conditions": [
                {
                    "subject": "incident.severity",
                    "operation": "one_of",
                    "param_bindings": [{"array_value": [{"literal": s.SEVERITY_MAJOR_ID}]}],
                }
            ]
        }
    ]
    steps = [
        {"id": "s1", "name": "slack.post_message", "param_bindings": [{"value": {"literal": "hi"}}]}
    ]
    created = ok(
        await io.call(
            "workflows_create",
            {
                "name": "Tell #eng about majors",
                "folder": "Comms",
                "once_for": ["incident.url"],
                "condition_groups": condition_groups,
                "steps": steps,
            },
        )
    )
    workflow = created["workflow"]
    assert (workflow["name"], workflow["state"], workflow["version"]) == (
        "Tell #eng about majors",
        "draft",
        1,
    )
    assert workflow["trigger"]["name"] == "incident.updated"
    assert created["management_meta"]["managed_by"] == "dashboard"
    workflow_id = workflow["id"]

    shown = ok(await io.call("workflows_show", {"id": workflow_id, "skip_step_upgrades": True}))
    assert shown["workflow"] == workflow
    listed = await ids_of(io, "workflows_list", "workflows")
    assert {workflow_id, s.WORKFLOW_NOTIFY_CRITICAL_ID, s.WORKFLOW_SUMMARY_NUDGE_ID} <= set(listed)

    updated = await io.workflows_update(
        id=workflow_id,
        name="Tell #eng about all majors",
        steps=steps,
        condition_groups=condition_groups,
        runs_on_incidents="newly_created_and_active",
        runs_on_incident_modes=["standard", "retrospective"],
        include_private_incidents=True,
        continue_on_step_error=True,
        once_for=["incident.url"],
        expressions=[],
        state="active",
    )
    workflow = ok(updated)["workflow"]
    assert (workflow["name"], workflow["state"], workflow["version"]) == (
        "Tell #eng about all majors",
        "active",
        2,
    )
    assert ok(await io.workflows_show(id=workflow_id))["workflow"]["version"] == 2

    deleted = ok(await io.call("workflows_delete", {"id": workflow_id}))
    assert deleted["message"] == f"Workflow {workflow_id!r} deleted."
    gone(await io.call("workflows_show", {"id": workflow_id}), workflow_id)
    assert workflow_id not in await ids_of(io, "workflows_list", "workflows")


ROTATION: dict[str, Any] = {
    "name": "Weekly",
    "users": [{"id": s.USER_SOFIA_ID}, {"email": "kenji.tanaka@northwind.example"}],
    "layers": [{"name": "Primary"}],
    "handover_start_at": "2024-01-01T09:00:00Z",
    "handovers": [{"interval": 1, "interval_type": "weekly"}],
}


async def schedules(launch: Launcher) -> None:
    io = launch().client()
    created = ok(
        await io.call(
            "schedules_create",
            {
                "name": "Database on-call",
                "timezone": "Europe/Paris",
                "rotations_config": [ROTATION],
            },
        )
    )["schedule"]
    assert (created["name"], created["timezone"]) == ("Database on-call", "Europe/Paris")
    [rotation] = created["config"]["rotations"]
    assert [u["id"] for u in rotation["users"]] == [s.USER_SOFIA_ID, s.USER_KENJI_ID]
    schedule_id = created["id"]
    assert ok(await io.schedules_show(id=schedule_id))["schedule"]["name"] == "Database on-call"

    listed = await walk(io, "schedules_list", "schedules", 1)
    assert set(listed) == {s.SCHEDULE_PRIMARY_ID, s.SCHEDULE_PLATFORM_ID, schedule_id}

    renamed = ok(await io.schedules_update(id=schedule_id, name="DB on-call"))["schedule"]
    assert renamed["name"] == "DB on-call"
    assert renamed["config"]["rotations"][0]["id"] == rotation["id"]  # no config: rotations kept
    replaced = ok(
        await io.call(
            "schedules_update",
            {
                "id": schedule_id,
                "timezone": "UTC",
                "rotations_config": {
                    "rotations": [{**ROTATION, "users": [{"id": s.USER_LIAM_ID}]}]
                },
            },
        )
    )["schedule"]
    assert replaced["timezone"] == "UTC"
    assert [u["id"] for u in replaced["config"]["rotations"][0]["users"]] == [s.USER_LIAM_ID]

    deleted = ok(await io.schedules_delete(id=schedule_id))
    assert deleted["message"] == f"Schedule {schedule_id!r} deleted."
    gone(await io.call("schedules_show", {"id": schedule_id}), schedule_id)
    assert schedule_id not in await walk(io, "schedules_list", "schedules", 1)


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


async def schedule_overrides(launch: Launcher) -> None:
    io = launch().client()
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    start, end = hour + timedelta(hours=2), hour + timedelta(hours=4)
    override = ok(
        await io.schedule_overrides_create(
            schedule_id=s.SCHEDULE_PRIMARY_ID,
            rotation_id=s.ROTATION_PRIMARY_ID,
            layer_id=s.LAYER_PRIMARY_ID,
            start_at=start.isoformat(),
            end_at=end.isoformat(),
            user_email="hannah.schmidt@northwind.example",
        )
    )["override"]
    assert override["user"]["id"] == s.USER_HANNAH_ID
    assert (override["start_at"], override["end_at"]) == (rfc3339(start), rfc3339(end))

    window = {
        "schedule_id": s.SCHEDULE_PRIMARY_ID,
        "entry_window_start": rfc3339(start - timedelta(hours=1)),
        "entry_window_end": rfc3339(end + timedelta(hours=1)),
    }
    entries = ok(await io.call("schedule_entries_list", window))["schedule_entries"]
    assert s.USER_HANNAH_ID not in {e["user"]["id"] for e in entries["scheduled"]}
    assert [o["entry_id"] for o in entries["overrides"]] == [override["id"]]
    primary = [e for e in entries["final"] if e["layer_id"] == s.LAYER_PRIMARY_ID]
    covering = [e for e in primary if e["user"]["id"] == s.USER_HANNAH_ID]
    assert [(e["start_at"], e["end_at"]) for e in covering] == [(rfc3339(start), rfc3339(end))]
    assert len(primary) == 3  # the rota, Hannah's override, the rota again
    final = [e async for e in io.paginate("schedule_entries_list", window)]
    assert final == entries["final"]

    # Many shifts: more than one page, fetched through entry_window_start.
    month = {
        "schedule_id": s.SCHEDULE_PLATFORM_ID,
        "entry_window_start": rfc3339(hour),
        "entry_window_end": rfc3339(hour + timedelta(days=56)),
    }
    pages = [page async for page in io.pages("schedule_entries_list", month)]
    assert len(pages) > 1
    assert all(len(p["schedule_entries"]["scheduled"]) <= 100 for p in pages)


async def custom_fields(launch: Launcher) -> None:
    io = launch().client()
    created = ok(
        await io.custom_fields_create(
            name="Root cause", description="What broke", field_type="single_select"
        )
    )["custom_field"]
    assert (created["name"], created["field_type"]) == ("Root cause", "single_select")
    field_id = created["id"]
    assert ok(await io.call("custom_fields_show", {"id": field_id}))["custom_field"] == created
    listed = await ids_of(io, "custom_fields_list", "custom_fields")
    assert {field_id, s.CUSTOM_FIELD_AFFECTED_TEAM_ID} <= set(listed)
    updated = ok(
        await io.call(
            "custom_fields_update",
            {"id": field_id, "name": "Cause", "description": "The trigger"},
        )
    )["custom_field"]
    assert (updated["name"], updated["description"], updated["field_type"]) == (
        "Cause",
        "The trigger",
        "single_select",
    )
    assert ok(await io.custom_fields_show(id=field_id))["custom_field"]["name"] == "Cause"
    deleted = ok(await io.custom_fields_delete(id=field_id))
    assert deleted["message"] == f"Custom field {field_id!r} deleted."
    gone(await io.custom_fields_show(id=field_id), field_id)
    assert field_id not in await ids_of(io, "custom_fields_list", "custom_fields")


async def incident_roles(launch: Launcher) -> None:
    io = launch().client()
    role = {
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write it all down",
        "shortform": "scribe",
    }
    created = ok(await io.call("incident_roles_create", role))["incident_role"]
    assert {k: created[k] for k in role} == role
    assert created["role_type"] == "custom"
    role_id = created["id"]
    assert ok(await io.incident_roles_show(id=role_id))["incident_role"] == created
    listed = await ids_of(io, "incident_roles_list", "incident_roles")
    assert {role_id, s.ROLE_LEAD_ID, s.ROLE_REPORTER_ID, s.ROLE_COMMS_ID} == set(listed)
    changed = {**role, "name": "Note taker", "shortform": "notes"}
    updated = ok(await io.incident_roles_update(id=role_id, **changed))["incident_role"]
    assert {k: updated[k] for k in role} == changed
    deleted = ok(await io.call("incident_roles_delete", {"id": role_id}))
    assert deleted["message"] == f"Incident role {role_id!r} deleted."
    gone(await io.call("incident_roles_show", {"id": role_id}), role_id)
    assert role_id not in await ids_of(io, "incident_roles_list", "incident_roles")


async def reference_data(launch: Launcher) -> None:
    io = launch().client()
    active = await walk(io, "users_list", "users", 3)
    assert len(active) == 9
    assert s.USER_NOAH_ID not in active
    everyone = await walk(io, "users_list", "users", 4, include_inactive=True)
    assert set(everyone) == {*active, s.USER_NOAH_ID}
    [priya] = ok(await io.users_list(email="priya.patel@northwind.example"))["users"]
    assert priya["id"] == s.USER_PRIYA_ID
    assert ok(await io.users_show(id=s.USER_PRIYA_ID))["user"]["email"] == priya["email"]

    severities = ok(await io.severities_list())["severities"]
    assert [(v["id"], v["rank"]) for v in severities if v["id"] == s.SEVERITY_CRITICAL_ID] == [
        (s.SEVERITY_CRITICAL_ID, 3)
    ]
    statuses = ok(await io.call("incident_statuses_list"))["incident_statuses"]
    assert {v["id"] for v in statuses} >= {s.STATUS_TRIAGE_ID, s.STATUS_CLOSED_ID}
    types = ok(await io.incident_types_list())["incident_types"]
    assert {v["id"] for v in types} == {
        s.INCIDENT_TYPE_DEFAULT_ID,
        s.INCIDENT_TYPE_SECURITY_ID,
        s.INCIDENT_TYPE_CUSTOMER_FACING_ID,
    }
    stamps = await ids_of(io, "incident_timestamps_list", "incident_timestamps")
    assert s.TIMESTAMP_RESOLVED_ID in stamps
    stamp = ok(await io.incident_timestamps_show(id=s.TIMESTAMP_RESOLVED_ID))["incident_timestamp"]
    assert stamp["name"] == "Resolved at"

    actions = await ids_of(io, "actions_list", "actions", incident_id=s.INCIDENT_CHECKOUT_ID)
    assert s.ACTION_ROLLBACK_ID in actions
    action = ok(await io.actions_show(id=s.ACTION_ROLLBACK_ID))["action"]
    assert action["incident_id"] == s.INCIDENT_CHECKOUT_ID
    follow_ups = await ids_of(
        io, "follow_ups_list", "follow_ups", incident_id=s.INCIDENT_CHECKOUT_ID
    )
    assert s.FOLLOW_UP_CHECKOUT_ALERTS_ID in follow_ups
    follow_up = ok(await io.follow_ups_show(id=s.FOLLOW_UP_CHECKOUT_ALERTS_ID))["follow_up"]
    assert follow_up["incident_id"] == s.INCIDENT_CHECKOUT_ID

    timeline = await walk(
        io, "incident_updates_list", "incident_updates", 1, incident_id=s.INCIDENT_CHECKOUT_ID
    )
    whole = ok(await io.incident_updates_list(incident_id=s.INCIDENT_CHECKOUT_ID, page_size=250))
    assert timeline == [u["id"] for u in whole["incident_updates"]]
    assert len(timeline) > 1
