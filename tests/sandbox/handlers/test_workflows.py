"""`/v2/workflows`: request strings in, engine objects out; versions; validation."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import workflow_payload

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_workflow_create_returns_objects_where_the_request_had_strings(
    client: httpx2.AsyncClient,
) -> None:
    response = await client.post(
        "/v2/workflows", json=workflow_payload(state="active", annotations={"team": "eng"})
    )
    assert response.status_code == 201
    body = response.json()
    workflow = body["workflow"]
    assert workflow["trigger"] == {"name": "incident.updated", "label": "Incident → Updated"}
    assert workflow["once_for"][0]["key"] == "incident.url"
    condition = workflow["condition_groups"][0]["conditions"][0]
    assert condition["subject"] == {
        "reference": "incident.severity",
        "label": "Incident → Severity",
    }
    assert condition["operation"] == {"value": "one_of", "label": "is one of"}
    assert workflow["steps"][0]["label"]
    assert workflow["version"] == 1
    assert workflow["state"] == "active"
    assert workflow["runs_from"] == "2026-01-14T12:00:00Z"
    assert body["management_meta"] == {"annotations": {"team": "eng"}, "managed_by": "dashboard"}
    shown = await client.get(
        f"/v2/workflows/{workflow['id']}", params={"skip_step_upgrades": "true"}
    )
    assert shown.json() == body


async def test_workflow_update_bumps_the_version_and_keeps_the_trigger(
    client: httpx2.AsyncClient,
) -> None:
    workflow_id = (await client.post("/v2/workflows", json=workflow_payload())).json()["workflow"][
        "id"
    ]
    update = {
        k: v
        for k, v in workflow_payload(name="Renamed", state="disabled").items()
        if k != "trigger"
    }
    response = await client.put(f"/v2/workflows/{workflow_id}", json=update)
    assert response.status_code == 200
    workflow = response.json()["workflow"]
    assert (workflow["name"], workflow["version"], workflow["state"]) == ("Renamed", 2, "disabled")
    assert workflow["trigger"]["name"] == "incident.updated"
    listed = (await client.get("/v2/workflows")).json()["workflows"]
    slim = next(w for w in listed if w["id"] == workflow_id)
    assert slim["steps"] == [{"name": "slack.post_message", "label": workflow["steps"][0]["label"]}]


async def test_workflow_delete_archives_it(client: httpx2.AsyncClient) -> None:
    assert (
        await client.delete(f"/v2/workflows/{seed.WORKFLOW_SUMMARY_NUDGE_ID}")
    ).status_code == 204
    assert (await client.get(f"/v2/workflows/{seed.WORKFLOW_SUMMARY_NUDGE_ID}")).status_code == 404
    ids = {w["id"] for w in (await client.get("/v2/workflows")).json()["workflows"]}
    assert ids == {seed.WORKFLOW_NOTIFY_CRITICAL_ID, seed.WORKFLOW_PAGE_ON_CALL_ID}
    assert (
        await client.put(f"/v2/workflows/{seed.WORKFLOW_SUMMARY_NUDGE_ID}", json=workflow_payload())
    ).status_code == 404


WORKFLOW_CASES: list[tuple[dict[str, Any], str]] = [
    ({"trigger": None}, "trigger"),
    ({"once_for": None}, "once_for"),
    ({"condition_groups": None}, "condition_groups"),
    ({"runs_on_incidents": "all"}, "runs_on_incidents"),
    ({"runs_on_incident_modes": ["tutorial"]}, "runs_on_incident_modes[0]"),
    ({"state": "paused"}, "state"),
    ({"continue_on_step_error": None}, "continue_on_step_error"),
    (
        {"include_private_incidents": True, "private_incident_scope": "none"},
        "include_private_incidents",
    ),
    ({"steps": [{"id": "s", "param_bindings": []}]}, "steps[0].name"),
    (
        {
            "expressions": [
                {
                    "label": "x",
                    "reference": "y",
                    "root_reference": "z",
                    "operations": [{"operation_type": "fly"}],
                }
            ]
        },
        "expressions[0].operations[0].operation_type",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "field"),
    WORKFLOW_CASES,
)
async def test_workflow_create_validation(
    client: httpx2.AsyncClient, overrides: dict[str, Any], field: str
) -> None:
    response = await client.post("/v2/workflows", json=workflow_payload(**overrides))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"field": field}


async def test_workflow_private_scope_follows_the_deprecated_flag(
    client: httpx2.AsyncClient,
) -> None:
    workflow = (
        await client.post("/v2/workflows", json=workflow_payload(include_private_incidents=True))
    ).json()["workflow"]
    assert (workflow["private_incident_scope"], workflow["include_private_incidents"]) == (
        "all",
        True,
    )


async def test_owning_team_ids_must_name_teams(client: httpx2.AsyncClient) -> None:
    owned = await client.post(
        "/v2/workflows", json=workflow_payload(owning_team_ids=[seed.TEAM_PLATFORM_ID])
    )
    assert owned.status_code == 201, owned.text
    assert owned.json()["workflow"]["owning_team_ids"] == [seed.TEAM_PLATFORM_ID]
    wrong = await client.post(
        "/v2/workflows", json=workflow_payload(owning_team_ids=[seed.ROLE_LEAD_ID])
    )
    assert wrong.status_code == 422
    error = wrong.json()["errors"][0]
    assert (error["code"], error["source"]) == ("not_found", {"field": "owning_team_ids[0]"})
