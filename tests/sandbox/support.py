"""Helpers shared by the sandbox's HTTP-level tests: requests and payloads several test modules
build (fixtures are in conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx2

from incidentio_toolkit.sandbox import DEMO_API_KEY, seed

NOW = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
"""The fixed time of the `clock` fixture: a Wednesday, noon UTC."""
AUTH = {"Authorization": f"Bearer {DEMO_API_KEY}"}
"""The header that authenticates with the demo key."""


async def create_incident(client: httpx2.AsyncClient, key: str, **fields: Any) -> httpx2.Response:
    """`POST /v2/incidents` of a public incident with idempotency key `key` and `fields`."""
    return await client.post(
        "/v2/incidents", json={"idempotency_key": key, "visibility": "public", **fields}
    )


def who(entries: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """`(user id, start, end)` of each schedule entry or shift."""
    return [(e["user"]["id"], e["start_at"], e["end_at"]) for e in entries]


def rotation_payload(**overrides: Any) -> dict[str, Any]:
    """A daily rotation of Sofia and Kenji from 2026-01-01 on one layer, with `overrides`."""
    rotation: dict[str, Any] = {
        "name": "Rota",
        "users": [{"id": seed.USER_SOFIA_ID}, {"id": seed.USER_KENJI_ID}],
        "handover_start_at": "2026-01-01T00:00:00Z",
        "handovers": [{"interval": 1, "interval_type": "daily"}],
        "layers": [{"name": "Layer 1"}],
    }
    rotation.update(overrides)
    return rotation


async def create_schedule(
    client: httpx2.AsyncClient, *rotations: dict[str, Any], timezone: str = "UTC"
) -> dict[str, Any]:
    """A new schedule with `rotations` (the created `ScheduleV2`)."""
    response = await client.post(
        "/v2/schedules",
        json={
            "schedule": {
                "name": "Test",
                "timezone": timezone,
                "config": {"rotations": list(rotations)},
            }
        },
    )
    assert response.status_code == 201, response.text
    schedule: dict[str, Any] = response.json()["schedule"]
    return schedule


def workflow_payload(**overrides: Any) -> dict[str, Any]:
    """A valid `POST /v2/workflows` body (one condition, one step), with `overrides`."""
    body: dict[str, Any] = {
        "name": "Tell #eng about majors",
        "trigger": "incident.updated",
        "once_for": ["incident.url"],
        "condition_groups": [
            {
                "conditions": [
                    {
                        "subject": "incident.severity",
                        "operation": "one_of",
                        "param_bindings": [{"array_value": [{"literal": seed.SEVERITY_MAJOR_ID}]}],
                    }
                ]
            }
        ],
        "steps": [
            {
                "id": "s1",
                "name": "slack.post_message",
                "param_bindings": [{"value": {"literal": "hi"}}],
            }
        ],
        "expressions": [],
        "runs_on_incident_modes": ["standard", "retrospective"],
        "continue_on_step_error": True,
        "runs_on_incidents": "newly_created_and_active",
    }
    body.update(overrides)
    return body
