"""The app: its route table serves exactly the operations of the action registry, each answers with
a body that validates against the official spec, and errors come in incident.io's envelope."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import workflow_payload

from incidentio_toolkit.actions import ACTIONS, CONTRACT_ACTIONS
from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox.app import ADMIN_ROUTES, ROUTES
from incidentio_toolkit.sandbox.testing import SpecChecker

pytestmark = pytest.mark.anyio


def test_route_table_serves_exactly_the_operations_of_the_actions() -> None:
    served = [(r.method, r.path) for r in ROUTES]
    assert len(served) == len(set(served))  # no operation twice
    assert set(served) == {(a.method, a.path) for a in ACTIONS.values()}
    assert not {path for _, path in served} & {r.path for r in ADMIN_ROUTES}


def test_route_table_matches_the_operations_of_the_spec(spec: dict[str, Any]) -> None:
    in_spec = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert {(r.method, r.path) for r in ROUTES} == in_spec


def _workflow_payload(name: str) -> dict[str, Any]:
    """A workflow that uses most of the engine's shapes (expressions, delay, form fields)."""
    return workflow_payload(
        name=name,
        steps=[
            {
                "id": "s1",
                "name": "slack.post_message",
                "param_bindings": [{"value": {"reference": "incident.url"}}],
            }
        ],
        expressions=[
            {
                "label": "Lead email",
                "reference": "lead_email",
                "root_reference": "incident",
                "operations": [
                    {
                        "operation_type": "navigate",
                        "navigate": {"reference": "incident.incident_lead"},
                    },
                    {
                        "operation_type": "parse",
                        "parse": {"source": "x", "returns": {"type": "String", "array": False}},
                    },
                    {
                        "operation_type": "branches",
                        "branches": {
                            "returns": {"type": "String", "array": False},
                            "branches": [
                                {
                                    "condition_groups": [],
                                    "result": {"value": {"literal": "a"}},
                                }
                            ],
                        },
                    },
                ],
                "else_branch": {"result": {"value": {"literal": "none"}}},
            }
        ],
        runs_on_incident_modes=["standard"],
        continue_on_step_error=False,
        runs_on_incidents="newly_created",
        delay={"for_seconds": 60, "conditions_apply_over_delay": False},
        form_fields=[{"key": "why", "title": "Why?", "type": "string"}],
    )


async def _all_operations(client: httpx2.AsyncClient) -> None:
    async def ok(response: httpx2.Response, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, response.text
        return response.json() if response.content else {}

    # incidents, updates, actions, follow-ups
    await ok(await client.get("/v2/incidents", params={"page_size": 2}))
    created = await ok(
        await client.post(
            "/v2/incidents",
            json={
                "idempotency_key": "conf-1",
                "visibility": "public",
                "severity_id": seed.SEVERITY_MINOR_ID,
            },
        )
    )
    incident_id = created["incident"]["id"]
    await ok(await client.get(f"/v2/incidents/{incident_id}"))
    await ok(
        await client.post(
            f"/v2/incidents/{incident_id}/actions/edit",
            json={
                "incident": {"severity_id": seed.SEVERITY_MAJOR_ID},
                "notify_incident_channel": False,
            },
        )
    )
    await ok(await client.get("/v2/incident_updates", params={"incident_id": incident_id}))
    await ok(await client.get("/v2/actions"))
    await ok(await client.get(f"/v2/actions/{seed.ACTION_ROLLBACK_ID}"))
    await ok(await client.get("/v2/follow_ups"))
    await ok(await client.get(f"/v2/follow_ups/{seed.FOLLOW_UP_DEPLOY_GUARD_ID}"))
    # users and read-only settings
    await ok(await client.get("/v2/users"))
    await ok(await client.get(f"/v2/users/{seed.USER_PRIYA_ID}"))
    await ok(await client.get("/v1/severities"))
    await ok(await client.get("/v1/incident_statuses"))
    await ok(await client.get("/v1/incident_types"))
    await ok(await client.get("/v2/incident_timestamps"))
    await ok(await client.get(f"/v2/incident_timestamps/{seed.TIMESTAMP_REPORTED_ID}"))
    # workflows
    await ok(await client.get("/v2/workflows"))
    workflow = await ok(
        await client.post("/v2/workflows", json=_workflow_payload("Conformance")), 201
    )
    workflow_id = workflow["workflow"]["id"]
    await ok(await client.get(f"/v2/workflows/{workflow_id}"))
    update = {k: v for k, v in _workflow_payload("Conformance v2").items() if k != "trigger"}
    await ok(await client.put(f"/v2/workflows/{workflow_id}", json=update))
    await ok(await client.delete(f"/v2/workflows/{workflow_id}"), 204)
    # schedules, entries, overrides
    await ok(await client.get("/v2/schedules"))
    schedule_body = {
        "schedule": {
            "name": "Conformance",
            "timezone": "Europe/Paris",
            "config": {
                "rotations": [
                    {
                        "name": "R",
                        "users": [{"id": seed.USER_SOFIA_ID}],
                        "handover_start_at": "2026-01-01T00:00:00Z",
                        "handovers": [{"interval": 1, "interval_type": "daily"}],
                        "layers": [{"name": "L"}],
                    }
                ]
            },
        }
    }
    schedule = (await ok(await client.post("/v2/schedules", json=schedule_body), 201))["schedule"]
    await ok(await client.get(f"/v2/schedules/{schedule['id']}"))
    await ok(
        await client.put(f"/v2/schedules/{schedule['id']}", json={"schedule": {"name": "Renamed"}})
    )
    await ok(
        await client.get("/v2/schedule_entries", params={"schedule_id": seed.SCHEDULE_PRIMARY_ID})
    )
    await ok(
        await client.post(
            "/v2/schedule_overrides",
            json={
                "schedule_id": seed.SCHEDULE_PRIMARY_ID,
                "rotation_id": seed.ROTATION_PRIMARY_ID,
                "layer_id": seed.LAYER_PRIMARY_ID,
                "start_at": "2026-01-14T12:00:00Z",
                "end_at": "2026-01-14T18:00:00Z",
                "user": {"email": "hannah.schmidt@northwind.example"},
            },
        ),
        201,
    )
    await ok(await client.delete(f"/v2/schedules/{schedule['id']}"), 202)
    # escalation paths and escalations
    await ok(await client.get("/v2/escalation_paths"))
    path_body: dict[str, Any] = {
        "name": "Conformance path",
        "path": [
            {
                "id": "n1",
                "type": "if_else",
                "if_else": {
                    "conditions": [
                        {"subject": "alert.priority", "operation": "one_of", "param_bindings": []}
                    ],
                    "then_path": [
                        {
                            "id": "n2",
                            "type": "level",
                            "level": {
                                "targets": [
                                    {"id": seed.USER_KENJI_ID, "type": "user", "urgency": "high"}
                                ],
                                "round_robin_config": {"enabled": False},
                            },
                        }
                    ],
                    "else_path": [{"id": "n3", "type": "delay", "delay": {"delay_seconds": 60}}],
                },
            },
            {"id": "n4", "type": "repeat", "repeat": {"to_node": "n1", "repeat_times": 1}},
        ],
    }
    path = (await ok(await client.post("/v2/escalation_paths", json=path_body), 201))[
        "escalation_path"
    ]
    await ok(await client.get(f"/v2/escalation_paths/{path['id']}"))
    await ok(
        await client.put(
            f"/v2/escalation_paths/{path['id']}", json={**path_body, "name": "Renamed"}
        )
    )
    await ok(await client.get("/v2/escalations"))
    escalation = await ok(
        await client.post(
            "/v2/escalations",
            json={
                "idempotency_key": "conf-esc",
                "title": "Conformance",
                "escalation_path_id": path["id"],
                "incident_id": incident_id,
            },
        ),
        201,
    )
    await ok(await client.get(f"/v2/escalations/{escalation['escalation']['id']}"))
    await ok(await client.delete(f"/v2/escalation_paths/{path['id']}"), 204)
    # custom fields and incident roles
    await ok(await client.get("/v2/custom_fields"))
    field = await ok(
        await client.post(
            "/v2/custom_fields",
            json={"name": "Region", "description": "Where", "field_type": "single_select"},
        ),
        201,
    )
    field_id = field["custom_field"]["id"]
    await ok(await client.get(f"/v2/custom_fields/{field_id}"))
    await ok(
        await client.put(
            f"/v2/custom_fields/{field_id}", json={"name": "Region!", "description": "?"}
        )
    )
    await ok(await client.delete(f"/v2/custom_fields/{field_id}"), 204)
    await ok(await client.get("/v2/incident_roles"))
    role_body = {
        "name": "Scribe",
        "shortform": "scribe",
        "description": "Takes notes",
        "instructions": "Write",
    }
    role = await ok(await client.post("/v2/incident_roles", json=role_body), 201)
    role_id = role["incident_role"]["id"]
    await ok(await client.get(f"/v2/incident_roles/{role_id}"))
    await ok(
        await client.put(f"/v2/incident_roles/{role_id}", json={**role_body, "name": "Scribe 2"})
    )
    await ok(await client.delete(f"/v2/incident_roles/{role_id}"), 204)


async def test_every_operation_of_the_contract_answers_within_the_spec(
    client: httpx2.AsyncClient, checker: SpecChecker
) -> None:
    """The contract's operations by hand; every operation of the registry (those beyond the
    contract too) is also run through the client by test_client_scenarios.py."""
    await _all_operations(client)
    contract = {ACTIONS[name].operation_id for name in CONTRACT_ACTIONS}
    assert checker.seen == contract, sorted(contract - checker.seen)


async def test_every_list_of_the_seeded_organisation_validates(
    client: httpx2.AsyncClient, checker: SpecChecker
) -> None:
    # Seeded objects are richer than API-created ones (roles, custom fields, timestamps, events).
    for path in (
        "/v2/incidents",
        "/v2/escalations",
        "/v2/schedules",
        "/v2/escalation_paths",
        "/v2/workflows",
    ):
        response = await client.get(
            path, params={"mode[one_of]": "test"} if path == "/v2/incidents" else None
        )
        assert response.status_code == 200
    for incident_id in (
        seed.INCIDENT_CHECKOUT_ID,
        seed.INCIDENT_DNS_RETRO_ID,
        seed.INCIDENT_DRILL_ID,
    ):
        assert (await client.get(f"/v2/incidents/{incident_id}")).status_code == 200
    for workflow_id in (seed.WORKFLOW_NOTIFY_CRITICAL_ID, seed.WORKFLOW_SUMMARY_NUDGE_ID):
        assert (await client.get(f"/v2/workflows/{workflow_id}")).status_code == 200
    assert (
        await client.get(f"/v2/escalation_paths/{seed.ESCALATION_PATH_PLATFORM_ID}")
    ).status_code == 200
    assert len(checker.seen) >= 8


async def test_error_answers_use_the_incident_io_envelope(client: httpx2.AsyncClient) -> None:
    # the client's hook checks every envelope; here we also pin the codes
    missing = await client.post("/v2/incidents", json={"visibility": "public"})
    assert missing.status_code == 422
    assert missing.json()["errors"][0] == {
        "code": "missing_field",
        "message": "idempotency_key is required",
        "source": {"field": "idempotency_key"},
    }
    unknown = await client.get("/v2/incidents/01NOPE")
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["code"] == "not_found"
    no_route = await client.get("/v3/nothing")
    assert no_route.status_code == 404
    wrong_method = await client.patch("/v2/incidents")
    assert wrong_method.status_code == 405
    broken = await client.post(
        "/v2/incidents",
        content=b'{"idempotency_key": ',
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 400
    not_object = await client.post("/v2/incidents", json=["a"])
    assert not_object.status_code == 422
