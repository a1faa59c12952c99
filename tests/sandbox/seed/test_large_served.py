"""Every operation of the API, answered from the large organisation, validates against the
official spec: each list and show is sampled on generated objects (ids drawn at random, filters
and cursors included) and each write changes or refers to generated objects."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.sandbox.large_org_support import copy_database, objects, read_only
from tests.sandbox.support import workflow_payload

from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.seed import ALERT_SOURCE_DATADOG_ID
from incidentio_toolkit.sandbox.seed.large import HISTORY_END
from incidentio_toolkit.sandbox.testing import SpecChecker

# The full-size organisation is built once per worker: its tests share one.
pytestmark = [pytest.mark.anyio, pytest.mark.xdist_group("large_org")]

SAMPLES = 3


class Org:
    """Ids drawn from the generated objects of one database."""

    def __init__(self, conn: sqlite3.Connection, seed: int) -> None:
        self.rng = random.Random(seed)
        self.conn = conn

    def some(self, table: str, count: int = SAMPLES, where: str = "1") -> list[JSON]:
        rows = objects(self.conn, table, where)
        return self.rng.sample(rows, min(count, len(rows)))

    def one(self, table: str, where: str = "1") -> JSON:
        return self.some(table, 1, where)[0]


async def ok(response: httpx2.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


async def _reads(http: httpx2.AsyncClient, org: Org) -> None:
    severities = (await ok(await http.get("/v1/severities")))["severities"]
    filters: list[list[tuple[str, str | int | float | bool | None]]] = [
        [("page_size", "10")],
        [("status_category[one_of]", "closed"), ("severity[gte]", severities[2]["id"])],
        [("status_category[one_of]", "live"), ("status_category[one_of]", "paused")],
        [
            ("created_at[date_range]", "2025-06-01~2025-09-30"),
            ("sort_by", "created_at_oldest_first"),
        ],
        [("mode[one_of]", "test"), ("mode[one_of]", "tutorial")],
    ]
    for params in filters:
        page = await ok(await http.get("/v2/incidents", params=params))
        after = page["pagination_meta"].get("after")
        if after:
            await ok(await http.get("/v2/incidents", params=[*params, ("after", after)]))
    for incident in org.some("incidents"):
        await ok(await http.get(f"/v2/incidents/{incident['id']}"))
        await ok(await http.get(f"/v2/incidents/{incident['reference'].removeprefix('INC-')}"))
        await ok(await http.get("/v2/incident_updates", params={"incident_id": incident["id"]}))
        await ok(await http.get("/v2/actions", params={"incident_id": incident["id"]}))
        await ok(await http.get("/v2/follow_ups", params={"incident_id": incident["id"]}))
    await ok(await http.get("/v2/incident_updates", params={"page_size": 10}))
    await ok(await http.get("/v2/actions", params={"incident_mode": "test"}))
    await ok(await http.get("/v2/follow_ups", params={"incident_mode": "retrospective"}))
    for table, path in [
        ("actions", "/v2/actions"),
        ("follow_ups", "/v2/follow_ups"),
        ("users", "/v2/users"),
        ("workflows", "/v2/workflows"),
        ("schedules", "/v2/schedules"),
        ("escalation_paths", "/v2/escalation_paths"),
        ("escalations", "/v2/escalations"),
        ("custom_fields", "/v2/custom_fields"),
        ("incident_roles", "/v2/incident_roles"),
        ("incident_timestamps", "/v2/incident_timestamps"),
    ]:
        for item in org.some(table):
            item_id = item["workflow"]["id"] if table == "workflows" else item["id"]
            await ok(await http.get(f"{path}/{item_id}"))
    for path in ["/v2/users", "/v2/schedules", "/v2/escalation_paths", "/v2/escalations"]:
        page = await ok(await http.get(path, params={"page_size": 5}))
        after = page["pagination_meta"]["after"]
        await ok(await http.get(path, params={"page_size": 5, "after": after}))
    await ok(await http.get("/v2/escalations", params={"status[one_of]": "acked"}))
    for path in ["/v2/workflows", "/v2/custom_fields", "/v2/incident_roles"]:
        await ok(await http.get(path))
    for path in ["/v1/incident_statuses", "/v1/incident_types", "/v2/incident_timestamps"]:
        await ok(await http.get(path))
    for schedule in org.some("schedules"):
        start = HISTORY_END.strftime("%Y-%m-%dT%H:%M:%SZ")
        window = {"schedule_id": schedule["id"], "entry_window_start": start}
        await ok(await http.get("/v2/schedule_entries", params=window))


async def _writes(http: httpx2.AsyncClient, org: Org) -> None:
    incident = org.one("incidents", "mode = 'standard' AND status_category = 'live'")
    statuses = (await ok(await http.get("/v1/incident_statuses")))["incident_statuses"]
    monitoring = next(s for s in statuses if s["name"] == "Monitoring")
    edit = {"incident": {"incident_status_id": monitoring["id"]}, "notify_incident_channel": False}
    await ok(await http.post(f"/v2/incidents/{incident['id']}/actions/edit", json=edit))
    user = org.one("users", "is_active = 1")
    role = org.one("incident_roles", "json_extract(data, '$.role_type') = 'custom'")
    team = incident["custom_field_entries"][0]  # every incident names its team
    field, option = team["custom_field"], team["values"][0]["value_option"]
    created = {
        "idempotency_key": "served-large-1",
        "visibility": "public",
        "severity_id": incident["severity"]["id"] if "severity" in incident else None,
        "incident_type_id": incident["incident_type"]["id"],
        "incident_role_assignments": [
            {"incident_role_id": role["id"], "assignee": {"id": user["id"]}}
        ],
        "custom_field_entries": [
            {"custom_field_id": field["id"], "values": [{"value_option_id": option["id"]}]}
        ],
    }
    await ok(await http.post("/v2/incidents", json=created))
    path = org.one("escalation_paths", "json_extract(data, '$.path[0].type') = 'level'")
    escalation = {
        "idempotency_key": "served-large-2",
        "title": "Paging",
        "escalation_path_id": path["id"],
        "incident_id": incident["id"],
    }
    await ok(await http.post("/v2/escalations", json=escalation), 201)
    schedule = org.one("schedules")
    rotation = schedule["config"]["rotations"][0]
    override = {
        "schedule_id": schedule["id"],
        "rotation_id": rotation["id"],
        "layer_id": rotation["layers"][0]["id"],
        "start_at": "2026-12-01T09:00:00Z",
        "end_at": "2026-12-01T17:00:00Z",
        "user": {"email": user["email"]},
    }
    await ok(await http.post("/v2/schedule_overrides", json=override), 201)
    await ok(
        await http.put(f"/v2/schedules/{schedule['id']}", json={"schedule": {"name": "Renamed"}})
    )
    shown = await ok(await http.get(f"/v2/escalation_paths/{path['id']}"))
    same_path = {"name": "Renamed path", "path": shown["escalation_path"]["path"]}
    await ok(await http.put(f"/v2/escalation_paths/{path['id']}", json=same_path))
    workflow = org.one("workflows")["workflow"]
    update = {k: v for k, v in workflow_payload(name="Renamed").items() if k != "trigger"}
    await ok(await http.put(f"/v2/workflows/{workflow['id']}", json=update))
    await ok(
        await http.put(
            f"/v2/custom_fields/{field['id']}", json={"name": "Team", "description": "Owner"}
        )
    )
    role_update = {"name": "Scribe 2", "description": "d", "instructions": "i", "shortform": "s2"}
    await ok(await http.put(f"/v2/incident_roles/{role['id']}", json=role_update))
    new_schedule = {
        "schedule": {
            "name": "New",
            "timezone": "UTC",
            "config": {
                "rotations": [
                    {"name": "R", "users": [{"id": user["id"]}], "layers": [{"name": "L"}]}
                ]
            },
        }
    }
    made = await ok(await http.post("/v2/schedules", json=new_schedule), 201)
    target = {"id": made["schedule"]["id"], "type": "schedule", "urgency": "high"}
    new_path = {
        "name": "New path",
        "path": [{"id": "l1", "type": "level", "level": {"targets": [target]}}],
    }
    made_path = await ok(await http.post("/v2/escalation_paths", json=new_path), 201)
    made_workflow = await ok(await http.post("/v2/workflows", json=workflow_payload()), 201)
    made_field = await ok(
        await http.post(
            "/v2/custom_fields",
            json={"name": "Cost", "description": "USD", "field_type": "numeric"},
        ),
        201,
    )
    made_role = await ok(
        await http.post("/v2/incident_roles", json=role_update | {"shortform": "s3"}), 201
    )
    await ok(await http.delete(f"/v2/escalation_paths/{made_path['escalation_path']['id']}"), 204)
    await ok(await http.delete(f"/v2/schedules/{made['schedule']['id']}"), 202)
    await ok(await http.delete(f"/v2/workflows/{made_workflow['workflow']['id']}"), 204)
    await ok(await http.delete(f"/v2/custom_fields/{made_field['custom_field']['id']}"), 204)
    await ok(await http.delete(f"/v2/incident_roles/{made_role['incident_role']['id']}"), 204)


async def _pages(http: httpx2.AsyncClient, path: str, **params: Any) -> None:
    page = await ok(await http.get(path, params={"page_size": 5, **params}))
    after = page["pagination_meta"].get("after")
    if after:
        await ok(await http.get(path, params={"page_size": 5, "after": after, **params}))


async def _beyond_the_contract(http: httpx2.AsyncClient, org: Org) -> None:
    """Teams, alerts, post-mortems, overrides after they are made, and cancelling a page."""
    await _pages(http, "/v3/teams")
    for team in org.some("teams"):
        await ok(await http.get(f"/v3/teams/{team['id']}"))
    await _pages(http, "/v2/alerts", **{"status[one_of]": "firing"})
    for alert in org.some("alerts"):
        await ok(await http.get(f"/v2/alerts/{alert['id']}"))
    for link in org.some("incident_alerts"):
        await _pages(http, "/v2/incident_alerts", incident_id=link["incident_id"])
        await ok(
            await http.get(
                "/v2/incident_alerts", params={"alert_id": link["alert_id"]} | {"page_size": 5}
            )
        )
    firing = org.one(
        "alerts", f"status = 'firing' AND alert_source_id != '{ALERT_SOURCE_DATADOG_ID}'"
    )
    await ok(await http.post(f"/v2/alerts/{firing['id']}/actions/resolve"))
    await _pages(http, "/v1/postmortem_documents", sort_by="created_at_oldest_first")
    for document in org.some("postmortem_documents"):
        await ok(await http.get(f"/v1/postmortem_documents/{document['id']}"))
        content = await ok(await http.get(f"/v1/postmortem_documents/{document['id']}/content"))
        assert content["markdown"].startswith("# Post-mortem: ")
        await ok(
            await http.get(
                "/v1/postmortem_documents", params={"incident_id": document["incident_id"]}
            )
        )
    moved, deleted = org.some("schedule_overrides", 2)
    await _pages(http, "/v2/schedule_overrides", schedule_id=moved["schedule_id"])
    same = {k: moved[k] for k in ("rotation_id", "layer_id", "start_at")}
    update = same | {"end_at": moved["end_at"], "user": {"id": moved["user"]["id"]}}
    await ok(await http.put(f"/v2/schedule_overrides/{moved['id']}", json=update))
    await ok(await http.delete(f"/v2/schedule_overrides/{deleted['id']}"), 204)
    paging = org.one("escalations", "status IN ('triggered', 'acked', 'snoozed')")
    await ok(await http.post(f"/v2/escalations/{paging['id']}/actions/cancel"))


async def _every_operation(path: Path, spec: dict[str, Any], checker: SpecChecker) -> None:
    app = create_app(db_path=path)
    conn = read_only(path)
    http = httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),
        base_url="http://sandbox",
        headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
        event_hooks={"response": [checker.hook]},
    )
    try:
        org = Org(conn, seed=11)
        await _reads(http, org)
        await _writes(http, org)
        await _beyond_the_contract(http, org)
    finally:
        await http.aclose()
        conn.close()
        app.close()
    every = {op["operationId"] for ops in spec["paths"].values() for op in ops.values()}
    assert checker.seen == every


async def test_every_operation_on_the_large_organisation_validates_against_the_spec(
    small_org_file: Path, tmp_path: Path, spec: dict[str, Any], checker: SpecChecker
) -> None:
    path = copy_database(small_org_file, tmp_path / "served.db")
    await _every_operation(path, spec, checker)


@pytest.mark.slow
async def test_every_operation_at_full_size_validates_against_the_spec(
    full_org_file: Path, tmp_path: Path, spec: dict[str, Any], checker: SpecChecker
) -> None:
    path = copy_database(full_org_file, tmp_path / "served.db")
    await _every_operation(path, spec, checker)
