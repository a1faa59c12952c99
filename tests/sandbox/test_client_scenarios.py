"""One scenario per resource through the real client (AsyncIncidentIO) against the sandbox.

Each scenario runs twice: in process (ASGI transport) and against the sandbox as a real uvicorn
server on a loopback port. Every response is validated against the official spec on the way in
(tests/sandbox/client_support.py). The error scenarios (401, 422, 429) are in
test_client_scenarios_errors.py; the last test here checks that all 46 actions ran.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.sandbox import seed as s
from incidentio_toolkit.sandbox.testing import SpecChecker
from tests.sandbox.client_support import (
    KINDS,
    Kind,
    Launcher,
    Scenario,
    gone,
    ids_of,
    ok,
    walk,
)

pytestmark = pytest.mark.anyio

SEEDED_INCIDENTS = {  # visible by default (INC-4 is a test-mode drill)
    s.INCIDENT_CHECKOUT_ID,
    s.INCIDENT_DNS_RETRO_ID,
    s.INCIDENT_SEARCH_LATENCY_ID,
    s.INCIDENT_WEBHOOKS_ID,
    s.INCIDENT_LOGIN_EMAILS_ID,
}


@pytest.fixture(params=KINDS)
async def launch(
    request: pytest.FixtureRequest, checker: SpecChecker, tmp_path: Path
) -> AsyncIterator[Launcher]:
    kind: Kind = request.param
    async with AsyncExitStack() as stack:
        yield Launcher(kind, checker, tmp_path, stack)


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
    assert ok(await io.call("incidents_show", {"id": "7"}))["incident"]["id"] == incident_id

    first = ok(await io.incidents_list(page_size=2))
    assert [i["id"] for i in first["incidents"]][0] == incident_id  # newest first
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


SCENARIOS: dict[str, Scenario] = {
    "incidents": incidents,
    "incident_filters": incident_filters,
    "workflows": workflows,
    "schedules": schedules,
    "schedule_overrides": schedule_overrides,
    "custom_fields": custom_fields,
    "incident_roles": incident_roles,
    "escalation_paths": escalation_paths,
    "escalations": escalations,
    "idempotent_creates": idempotent_creates,
    "reference_data": reference_data,
}


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
async def test_scenario(launch: Launcher, scenario: Scenario) -> None:
    await scenario(launch)
    assert launch.violations == []
    assert launch.checked  # every response went through the spec check


async def test_all_46_actions_run_end_to_end(checker: SpecChecker, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        launch = Launcher("in_process", checker, tmp_path, stack)
        for scenario in SCENARIOS.values():
            await scenario(launch)
    assert launch.violations == []
    assert launch.succeeded == set(ACTIONS)
    assert len(launch.succeeded) == 46
    assert checker.seen == {action.operation_id for action in ACTIONS.values()}
