"""Every action through the real client and a mocked transport: the exact request, the spec, the output.

The tests in tests/actions check how each record builds its request; these check what actually goes
over the wire (method, encoded URL, query string, JSON bytes, auth header) and what comes back.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest
from tests.openapi_support import validate_request

from incidentio_toolkit import ACTIONS, AsyncIncidentIO

KEY = "test-key-0123456789abcdef"

# One argument set per action with every optional parameter set.
FULL_ARGUMENTS: dict[str, dict[str, Any]] = {
    "incidents_list": {
        "page_size": 10,
        "after": "01INC",
        "sort_by": "created_at_oldest_first",
        "filter_mode": "any",
        "status_ids": ["01ST1", "01ST2"],
        "status_category": ["live", "triage"],
        "severity_ids": "01SEV1, 01SEV2",
        "severity_at_least": "01SEV2",
        "severity_at_most": "01SEV1",
        "incident_type_ids": ["01TYPE"],
        "mode": ["standard", "test"],
        "created_after": "2026-11-23",
        "created_before": "2026-11-26",
        "updated_after": "2026-11-24",
        "updated_before": "2026-11-25",
    },
    "incidents_create": {
        "idempotency_key": "idem-1",
        "severity_id": "01SEV",
        "visibility": "public",
        "name": "Checkout down",
        "summary": "500s on /pay",
        "incident_type_id": "01TYPE",
        "incident_status_id": "01ST",
        "mode": "test",
    },
    "incidents_show": {"id": "01INC"},
    "incidents_update": {
        "id": "01INC",
        "notify_incident_channel": False,
        "name": "n",
        "summary": "s",
        "severity_id": "01SEV",
        "incident_status_id": "01ST",
    },
    "actions_list": {"incident_id": "01INC", "incident_mode": "test"},
    "actions_show": {"id": "01ACT"},
    "follow_ups_list": {"incident_id": "01INC", "incident_mode": "standard"},
    "follow_ups_show": {"id": "01FU"},
    "users_list": {
        "page_size": 50,
        "after": "01USR",
        "email": "a@example.com",
        "slack_user_id": "U123",
        "include_inactive": True,
    },
    "users_show": {"id": "01USR"},
    "workflows_list": {},
    "workflows_create": {
        "name": "Page on SEV1",
        "folder": "Paging",
        "state": "active",
        "trigger": "incident.created",
        "steps": [],
        "condition_groups": [],
        "runs_on_incidents": "newly_created_and_active",
        "runs_on_incident_modes": ["standard", "test"],
        "include_private_incidents": False,
        "continue_on_step_error": True,
        "once_for": ["incident.url"],
        "expressions": [],
        "delay": {"for_seconds": 60, "conditions_apply_over_delay": False},
    },
    "workflows_show": {"id": "01WF", "skip_step_upgrades": True},
    "workflows_update": {
        "id": "01WF",
        "name": "Page on SEV1",
        "steps": [],
        "condition_groups": [],
        "runs_on_incidents": "newly_created",
        "runs_on_incident_modes": ["standard"],
        "include_private_incidents": True,
        "continue_on_step_error": False,
        "once_for": [],
        "expressions": [],
        "state": "disabled",
        "folder": "Paging",
        "delay": {"for_seconds": 30, "conditions_apply_over_delay": True},
    },
    "workflows_delete": {"id": "01WF"},
    "schedules_list": {"page_size": 5, "after": "01SCH"},
    "schedules_create": {
        "name": "Primary",
        "timezone": "Europe/London",
        "rotations_config": {
            "rotations": [
                {
                    "name": "Weekly",
                    "users": [{"id": "01USR"}],
                    "handover_start_at": "2026-11-23T09:00:00Z",
                    "handovers": [{"interval": 1, "interval_type": "weekly"}],
                    "layers": [{"name": "Layer 1"}],
                }
            ]
        },
    },
    "schedules_show": {"id": "01SCH"},
    "schedules_update": {
        "id": "01SCH",
        "name": "Primary",
        "timezone": "UTC",
        "rotations_config": [{"name": "Daily", "users": [{"email": "a@example.com"}]}],
    },
    "schedules_delete": {"id": "01SCH"},
    "escalations_list": {"page_size": 20, "after": "01ESC"},
    "escalations_create": {
        "idempotency_key": "esc-1",
        "title": "Checkout down",
        "user_ids": "01USR1,01USR2",
        "description": "Paging the on-call engineer",
        "incident_id": "01INC",
    },
    "escalations_show": {"id": "01ESC"},
    "custom_fields_list": {},
    "custom_fields_create": {
        "name": "Team",
        "description": "Owning team",
        "field_type": "single_select",
    },
    "custom_fields_show": {"id": "01CF"},
    "custom_fields_update": {"id": "01CF", "name": "Team", "description": "Owning team"},
    "custom_fields_delete": {"id": "01CF"},
    "severities_list": {},
    "incident_statuses_list": {},
    "incident_types_list": {},
    "incident_roles_list": {},
    "incident_roles_create": {
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write everything down",
        "shortform": "scribe",
    },
    "incident_roles_show": {"id": "01ROLE"},
    "incident_roles_update": {
        "id": "01ROLE",
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write it down",
        "shortform": "scribe",
    },
    "incident_roles_delete": {"id": "01ROLE"},
    "incident_timestamps_list": {},
    "incident_timestamps_show": {"id": "01TS"},
    "incident_updates_list": {"incident_id": "01INC", "page_size": 25, "after": "01UPD"},
    "schedule_entries_list": {
        "schedule_id": "01SCH",
        "entry_window_start": "2026-11-26T00:00:00Z",
        "entry_window_end": "2026-11-27T00:00:00Z",
    },
    "schedule_overrides_create": {
        "rotation_id": "01ROT",
        "layer_id": "01LAY",
        "schedule_id": "01SCH",
        "start_at": "2026-11-26T09:00:00Z",
        "end_at": "2026-11-26T17:00:00Z",
        "user_id": "01USR",
        "user_email": "a@example.com",
        "user_slack_id": "U123",
    },
    "escalation_paths_list": {"page_size": 10, "after": "01EP"},
    "escalation_paths_create": {
        "name": "Urgent",
        "path": [
            {
                "targets": [{"type": "schedule", "schedule_id": "01SCH", "urgency": "high"}],
                "time_to_ack_seconds": 300,
            }
        ],
        "working_hours": [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}],
        "timezone": "Europe/London",
    },
    "escalation_paths_show": {"id": "01EP"},
    "escalation_paths_update": {
        "id": "01EP",
        "name": "Urgent",
        "path": [{"targets": [{"type": "user", "user_id": "01USR", "urgency": "low"}]}],
        "working_hours": [{"weekday": "friday", "start_time": "10:00", "end_time": "16:00"}],
        "timezone": "UTC",
    },
    "escalation_paths_delete": {"id": "01EP"},
}


def _answer_for(name: str) -> dict[str, Any]:
    """A 2xx body carrying every data key the action reads."""
    body: dict[str, Any] = {}
    for field in ACTIONS[name].data_fields:
        annotation = str(ACTIONS[name].output.model_fields[field].annotation)
        body[field] = [{"id": "x"}] if annotation.startswith("list") else {"id": "x"}
    return body


class Recorder:
    def __init__(self, status: int, body: dict[str, Any] | None) -> None:
        self.requests: list[httpx2.Request] = []
        self.status = status
        self.body = body

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if self.body is None:
            return httpx2.Response(self.status)
        return httpx2.Response(self.status, json=self.body)


def test_full_arguments_cover_every_action_and_every_parameter() -> None:
    assert list(FULL_ARGUMENTS) == list(ACTIONS)
    for name, arguments in FULL_ARGUMENTS.items():
        fields = set(ACTIONS[name].input.model_fields)
        # incident_type_id can only ever be rejected; escalation_path_id excludes user_ids.
        assert fields - set(arguments) <= {"incident_type_id", "escalation_path_id"}, name


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(ACTIONS))
async def test_action_sends_exactly_its_request_and_parses_the_answer(name: str) -> None:
    action = ACTIONS[name]
    arguments = FULL_ARGUMENTS[name]
    is_delete = action.verb == "delete"
    recorder = Recorder(action.success_status, None if is_delete else _answer_for(name))
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(recorder), pacing=None) as io:
        result = await io.call(name, arguments)

    assert result["success"] is True, result
    assert action.output.model_validate(result).success
    [sent] = recorder.requests
    expected = action.request(action.input.model_validate(arguments))
    assert sent.method == action.method
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    expected_path = action.path
    for param, value in expected.path_params.items():
        expected_path = expected_path.replace("{" + param + "}", value)
    assert sent.url.path == expected_path
    assert sent.url.host == "api.incident.io"
    assert list(sent.url.params.multi_items()) == expected.query
    if expected.json is None:
        assert sent.content == b""
    else:
        assert sent.headers["content-type"] == "application/json"
        assert json.loads(sent.content) == expected.json
    validate_request(
        action.method,
        expected_path,
        expected.query,
        None if expected.json is None else json.loads(sent.content),
    )
    if is_delete:
        assert result["message"] == f"{action.noun} {arguments['id']!r} deleted."


@pytest.mark.anyio
@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.kind != "read"])
async def test_write_without_a_key_fails_naming_the_key_and_sends_nothing(name: str) -> None:
    recorder = Recorder(200, {})
    async with AsyncIncidentIO("   ", transport=httpx2.MockTransport(recorder), pacing=None) as io:
        result = await io.call(name, FULL_ARGUMENTS[name])
    assert result["success"] is False
    assert "INCIDENTIO_API_KEY" in result["error"]
    assert recorder.requests == []
