"""One argument set per action with every optional parameter set: the tests that drive every
action (the wire test, the fault matrix, the fuzzers, the key canary) start from it. A new action adds
its entry here; a test fails until it does. `success_body` is the 2xx answer those tests serve.

Ids of parameters that also accept names are ULID-shaped (`01J...`, 26 characters), as incident.io's
are, so the client takes them as ids and sends them without a lookup. List and show actions set
`fields`, the toolkit's own parameter, which must never reach a request."""

from __future__ import annotations

from typing import Any

from incidentio_toolkit.actions import Action


def success_body(action: Action) -> dict[str, Any]:
    """A 2xx body carrying every data key the action reads, each of the output field's type."""
    body: dict[str, Any] = {}
    for name in action.data_fields:
        annotation = str(action.output.model_fields[name].annotation)
        if annotation.startswith("list"):
            body[name] = [{"id": "01X"}]
        else:
            body[name] = "text" if annotation.startswith("str") else {"id": "01X"}
    return body


FULL_ARGUMENTS: dict[str, dict[str, Any]] = {
    "incidents_list": {
        "page_size": 10,
        "after": "01JNC000000000000000000000",
        "sort_by": "created_at_oldest_first",
        "filter_mode": "any",
        "status_ids": ["01JST100000000000000000000", "01JST200000000000000000000"],
        "status_category": ["live", "triage"],
        "severity_ids": "01JSEV10000000000000000000, 01JSEV20000000000000000000",
        "severity_at_least": "01JSEV20000000000000000000",
        "severity_at_most": "01JSEV10000000000000000000",
        "incident_type_ids": ["01JTYPE0000000000000000000"],
        "mode": ["standard", "test"],
        "created_after": "2026-11-23",
        "created_before": "2026-11-26",
        "updated_after": "2026-11-24",
        "updated_before": "2026-11-25",
        "fields": ["id"],
    },
    "incidents_create": {
        "idempotency_key": "idem-1",
        "severity_id": "01JSEV00000000000000000000",
        "visibility": "public",
        "name": "Checkout down",
        "summary": "500s on /pay",
        "incident_type_id": "01JTYPE0000000000000000000",
        "incident_status_id": "01JST000000000000000000000",
        "mode": "test",
    },
    "incidents_show": {"id": "01JNC000000000000000000000", "fields": ["id"]},
    "incidents_update": {
        "id": "01JNC000000000000000000000",
        "notify_incident_channel": False,
        "name": "n",
        "summary": "s",
        "severity_id": "01JSEV00000000000000000000",
        "incident_status_id": "01JST000000000000000000000",
    },
    "actions_list": {
        "incident_id": "01JNC000000000000000000000",
        "incident_mode": "test",
        "fields": ["id"],
    },
    "actions_show": {"id": "01ACT", "fields": ["id"]},
    "follow_ups_list": {
        "incident_id": "01JNC000000000000000000000",
        "incident_mode": "standard",
        "fields": ["id"],
    },
    "follow_ups_show": {"id": "01FU", "fields": ["id"]},
    "users_list": {
        "page_size": 50,
        "after": "01JSR000000000000000000000",
        "email": "a@example.com",
        "slack_user_id": "U123",
        "include_inactive": True,
        "fields": ["id"],
    },
    "users_show": {"id": "01JSR000000000000000000000", "fields": ["id"]},
    "workflows_list": {"fields": ["id"]},
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
    "workflows_show": {"id": "01WF", "skip_step_upgrades": True, "fields": ["id"]},
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
    "schedules_list": {
        "page_size": 5,
        "after": "01JSCH00000000000000000000",
        "fields": ["id"],
    },
    "schedules_create": {
        "name": "Primary",
        "timezone": "Europe/London",
        "rotations_config": {
            "rotations": [
                {
                    "name": "Weekly",
                    "users": [{"id": "01JSR000000000000000000000"}],
                    "handover_start_at": "2026-11-23T09:00:00Z",
                    "handovers": [{"interval": 1, "interval_type": "weekly"}],
                    "layers": [{"name": "Layer 1"}],
                }
            ]
        },
    },
    "schedules_show": {"id": "01JSCH00000000000000000000", "fields": ["id"]},
    "schedules_update": {
        "id": "01JSCH00000000000000000000",
        "name": "Primary",
        "timezone": "UTC",
        "rotations_config": [{"name": "Daily", "users": [{"email": "a@example.com"}]}],
    },
    "schedules_delete": {"id": "01JSCH00000000000000000000"},
    "escalations_list": {"page_size": 20, "after": "01ESC", "fields": ["id"]},
    "escalations_create": {
        "idempotency_key": "esc-1",
        "title": "Checkout down",
        "user_ids": "01JSR100000000000000000000,01JSR200000000000000000000",
        "description": "Paging the on-call engineer",
        "incident_id": "01JNC000000000000000000000",
    },
    "escalations_show": {"id": "01ESC", "fields": ["id"]},
    "custom_fields_list": {"fields": ["id"]},
    "custom_fields_create": {
        "name": "Team",
        "description": "Owning team",
        "field_type": "single_select",
    },
    "custom_fields_show": {"id": "01JCF000000000000000000000", "fields": ["id"]},
    "custom_fields_update": {
        "id": "01JCF000000000000000000000",
        "name": "Team",
        "description": "Owning team",
    },
    "custom_fields_delete": {"id": "01JCF000000000000000000000"},
    "severities_list": {"fields": ["id"]},
    "incident_statuses_list": {"fields": ["id"]},
    "incident_types_list": {"fields": ["id"]},
    "incident_roles_list": {"fields": ["id"]},
    "incident_roles_create": {
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write everything down",
        "shortform": "scribe",
    },
    "incident_roles_show": {"id": "01JRE000000000000000000000", "fields": ["id"]},
    "incident_roles_update": {
        "id": "01JRE000000000000000000000",
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write it down",
        "shortform": "scribe",
    },
    "incident_roles_delete": {"id": "01JRE000000000000000000000"},
    "incident_timestamps_list": {"fields": ["id"]},
    "incident_timestamps_show": {"id": "01TS", "fields": ["id"]},
    "incident_updates_list": {
        "incident_id": "01JNC000000000000000000000",
        "page_size": 25,
        "after": "01UPD",
        "fields": ["id"],
    },
    "schedule_entries_list": {
        "schedule_id": "01JSCH00000000000000000000",
        "entry_window_start": "2026-11-26T00:00:00Z",
        "entry_window_end": "2026-11-27T00:00:00Z",
        "fields": ["user.name", "start_at"],
    },
    "schedule_overrides_create": {
        "rotation_id": "01ROT",
        "layer_id": "01LAY",
        "schedule_id": "01JSCH00000000000000000000",
        "start_at": "2026-11-26T09:00:00Z",
        "end_at": "2026-11-26T17:00:00Z",
        "user_id": "01JSR000000000000000000000",
        "user_email": "a@example.com",
        "user_slack_id": "U123",
    },
    "escalation_paths_list": {
        "page_size": 10,
        "after": "01JEP000000000000000000000",
        "fields": ["id"],
    },
    "escalation_paths_create": {
        "name": "Urgent",
        "path": [
            {
                "targets": [
                    {
                        "type": "schedule",
                        "schedule_id": "01JSCH00000000000000000000",
                        "urgency": "high",
                    }
                ],
                "time_to_ack_seconds": 300,
            }
        ],
        "working_hours": [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}],
        "timezone": "Europe/London",
        "team_ids": "01JTEAM0000000000000000000, 01JTEAM1000000000000000000",
        "repeat_config": {"repeat_after_seconds": 300},
    },
    "escalation_paths_show": {"id": "01JEP000000000000000000000", "fields": ["id"]},
    "escalation_paths_update": {
        "id": "01JEP000000000000000000000",
        "name": "Urgent",
        "path": [
            {
                "targets": [
                    {"type": "user", "user_id": "01JSR000000000000000000000", "urgency": "low"}
                ]
            }
        ],
        "working_hours": [{"weekday": "friday", "start_time": "10:00", "end_time": "16:00"}],
        "timezone": "UTC",
        "team_ids": ["01JTEAM0000000000000000000"],
        "repeat_config": {"repeat_after_seconds": 1800, "delay_repeat_on_activity": False},
    },
    "escalation_paths_delete": {"id": "01JEP000000000000000000000"},
    "alerts_list": {
        "page_size": 50,
        "after": "01JA1R0000000000000000000A",
        "status": ["firing", "resolved"],
        "deduplication_key": "checkout-api:http-5xx-rate",
        "alert_source_ids": "01JSRC1000000000000000000A, 01JSRC2000000000000000000A",
        "created_after": "2026-11-01",
        "created_before": "2026-11-30",
        "fields": ["id"],
    },
    "alerts_show": {"id": "01JA1R0000000000000000000A", "fields": ["id"]},
    "alerts_resolve": {"id": "01JA1R0000000000000000000A"},
    "incident_alerts_list": {
        "incident_id": "01JNC000000000000000000000",
        "alert_id": "01JA1R0000000000000000000A",
        "page_size": 10,
        "after": "01J1A00000000000000000000A",
        "fields": ["id"],
    },
    "escalations_cancel": {"id": "01JESC0000000000000000000A"},
    "postmortem_documents_list": {
        "incident_id": "01JNC000000000000000000000",
        "sort_by": "created_at_oldest_first",
        "page_size": 100,
        "after": "01JPM00000000000000000000A",
        "fields": ["id"],
    },
    "postmortem_documents_show": {"id": "01JPM00000000000000000000A", "fields": ["id"]},
    "postmortem_documents_content": {"id": "01JPM00000000000000000000A"},
    "schedule_overrides_list": {
        "schedule_id": "01JSCH0000000000000000000A",
        "rotation_id": "01JR0T0000000000000000000A",
        "layer_id": "01J1AY0000000000000000000A",
        "page_size": 50,
        "after": "01J0VR0000000000000000000A",
        "fields": ["id"],
    },
    "schedule_overrides_update": {
        "id": "01J0VR0000000000000000000A",
        "rotation_id": "01JR0T0000000000000000000A",
        "layer_id": "01J1AY0000000000000000000A",
        "start_at": "2026-11-26T09:00:00Z",
        "end_at": "2026-11-26T17:00:00Z",
        "user_id": "01JVSR0000000000000000000A",
        "user_email": "a@example.com",
        "user_slack_id": "U123",
    },
    "schedule_overrides_delete": {"id": "01J0VR0000000000000000000A"},
    "teams_list": {"page_size": 100, "after": "01JTEAM000000000000000000A", "fields": ["id"]},
    "teams_show": {"id": "01JTEAM000000000000000000A", "fields": ["id"]},
}
