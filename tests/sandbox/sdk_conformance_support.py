"""Driving the official incident.io Python SDK (`incident-io` on PyPI) from the action registry.

- `sdk_operation(action)`: the SDK module generated for the action's operation, found from its
  operation id (`Escalations V2#CreatePath` → `incident_io.api.escalations_v2`
  `.escalations_v2_create_path`), so a new action needs no table entry here.
- `SEED_ARGUMENTS`: one argument set per action that succeeds against the seeded demo
  organisation (the ids are the seed's); `test_sdk_conformance.py` checks it covers every action.
- `sdk_call(action, arguments)`: the keyword arguments of the SDK function for the request the
  action's record builds (path parameters, query parameters as the SDK's typed values, the body
  as the SDK's payload model).
"""

from __future__ import annotations

import enum
import importlib
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from incidentio_toolkit.actions import Action
from incidentio_toolkit.sandbox import seed as s

SdkFunction = Callable[..., Any]

_HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
_ROTATION: dict[str, Any] = {
    "name": "Weekly",
    "users": [{"id": s.USER_SOFIA_ID}, {"email": "kenji.tanaka@northwind.example"}],
    "layers": [{"name": "Primary"}],
    "handover_start_at": "2024-01-01T09:00:00Z",
    "handovers": [{"interval": 1, "interval_type": "weekly"}],
}
_CONDITION_GROUPS: list[dict[str, Any]] = [
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
_STEPS: list[dict[str, Any]] = [
    {"id": "s1", "name": "slack.post_message", "param_bindings": [{"value": {"literal": "hi"}}]}
]
_PATH: list[dict[str, Any]] = [
    {
        "targets": [{"type": "schedule", "schedule_id": s.SCHEDULE_PRIMARY_ID, "urgency": "high"}],
        "time_to_ack_seconds": 300,
    },
    {"targets": [{"type": "user", "user_id": s.USER_MARCUS_ID, "urgency": "high"}]},
]

SEED_ARGUMENTS: dict[str, dict[str, Any]] = {
    "incidents_list": {
        "page_size": 3,
        "status_category": ["live", "learning", "closed"],
        "severity_at_least": s.SEVERITY_MAJOR_ID,
        "created_after": "2024-01-01",
    },
    "incidents_create": {
        "idempotency_key": "sdk-conformance-incident",
        "visibility": "public",
        "name": "Card payments declined",
        "summary": "Some card payments fail at checkout.",
        "severity_id": s.SEVERITY_MAJOR_ID,
        "incident_type_id": s.INCIDENT_TYPE_CUSTOMER_FACING_ID,
    },
    "incidents_show": {"id": s.INCIDENT_CHECKOUT_ID},
    "incidents_update": {
        "id": s.INCIDENT_WEBHOOKS_ID,
        "notify_incident_channel": False,
        "summary": "Webhook deliveries are retried from the queue.",
        "incident_status_id": s.STATUS_MONITORING_ID,
    },
    "actions_list": {"incident_id": s.INCIDENT_CHECKOUT_ID, "incident_mode": "standard"},
    "actions_show": {"id": s.ACTION_ROLLBACK_ID},
    "follow_ups_list": {"incident_id": s.INCIDENT_CHECKOUT_ID},
    "follow_ups_show": {"id": s.FOLLOW_UP_CHECKOUT_ALERTS_ID},
    "users_list": {"page_size": 4, "include_inactive": True},
    "users_show": {"id": s.USER_PRIYA_ID},
    "workflows_list": {},
    "workflows_create": {
        "name": "Tell #eng about majors",
        "folder": "Comms",
        "once_for": ["incident.url"],
        "condition_groups": _CONDITION_GROUPS,
        "steps": _STEPS,
    },
    "workflows_show": {"id": s.WORKFLOW_NOTIFY_CRITICAL_ID, "skip_step_upgrades": True},
    "workflows_update": {
        "id": s.WORKFLOW_SUMMARY_NUDGE_ID,
        "name": "Nudge for a summary",
        "steps": _STEPS,
        "condition_groups": _CONDITION_GROUPS,
        "runs_on_incidents": "newly_created_and_active",
        "runs_on_incident_modes": ["standard"],
        "include_private_incidents": False,
        "continue_on_step_error": True,
        "once_for": ["incident.url"],
        "expressions": [],
        "state": "active",
    },
    "workflows_delete": {"id": s.WORKFLOW_SUMMARY_NUDGE_ID},
    "schedules_list": {"page_size": 1},
    "schedules_create": {
        "name": "Database on-call",
        "timezone": "Europe/Paris",
        "rotations_config": [_ROTATION],
    },
    "schedules_show": {"id": s.SCHEDULE_PLATFORM_ID},
    "schedules_update": {
        "id": s.SCHEDULE_PRIMARY_ID,
        "name": "Primary on-call",
        "rotations_config": [_ROTATION],
    },
    "schedules_delete": {"id": s.SCHEDULE_PLATFORM_ID},
    "escalations_list": {"page_size": 1},
    "escalations_create": {
        "idempotency_key": "sdk-conformance-escalation",
        "title": "Checkout is down",
        "description": "Card payments fail for every customer.",
        "user_ids": [s.USER_AMARA_ID],
        "incident_id": s.INCIDENT_WEBHOOKS_ID,
    },
    "escalations_show": {"id": s.ESCALATION_CHECKOUT_ID},
    "custom_fields_list": {},
    "custom_fields_create": {
        "name": "Root cause",
        "description": "What broke",
        "field_type": "single_select",
    },
    "custom_fields_show": {"id": s.CUSTOM_FIELD_AFFECTED_TEAM_ID},
    "custom_fields_update": {
        "id": s.CUSTOM_FIELD_CUSTOMER_IMPACT_ID,
        "name": "Impact on customers",
        "description": "Who noticed, and how",
    },
    "custom_fields_delete": {"id": s.CUSTOM_FIELD_STATUS_PAGE_ID},
    "severities_list": {},
    "incident_statuses_list": {},
    "incident_types_list": {},
    "incident_roles_list": {},
    "incident_roles_create": {
        "name": "Scribe",
        "description": "Takes notes",
        "instructions": "Write it all down",
        "shortform": "scribe",
    },
    "incident_roles_show": {"id": s.ROLE_LEAD_ID},
    "incident_roles_update": {
        "id": s.ROLE_COMMS_ID,
        "name": "Communications",
        "description": "Keeps customers informed",
        "instructions": "Update the status page every 30 minutes",
        "shortform": "comms",
    },
    "incident_roles_delete": {"id": s.ROLE_COMMS_ID},
    "incident_timestamps_list": {},
    "incident_timestamps_show": {"id": s.TIMESTAMP_RESOLVED_ID},
    "incident_updates_list": {"incident_id": s.INCIDENT_CHECKOUT_ID, "page_size": 2},
    "schedule_entries_list": {
        "schedule_id": s.SCHEDULE_PLATFORM_ID,
        "entry_window_start": (_HOUR - timedelta(days=1)).isoformat(),
        "entry_window_end": (_HOUR + timedelta(days=2)).isoformat(),
    },
    "schedule_overrides_create": {
        "schedule_id": s.SCHEDULE_PRIMARY_ID,
        "rotation_id": s.ROTATION_PRIMARY_ID,
        "layer_id": s.LAYER_PRIMARY_ID,
        "start_at": (_HOUR + timedelta(hours=2)).isoformat(),
        "end_at": (_HOUR + timedelta(hours=4)).isoformat(),
        "user_email": "hannah.schmidt@northwind.example",
    },
    "escalation_paths_list": {"page_size": 1},
    "escalation_paths_create": {
        "name": "Database urgent",
        "path": _PATH,
        "working_hours": [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}],
        "timezone": "Europe/London",
    },
    "escalation_paths_show": {"id": s.ESCALATION_PATH_URGENT_ID},
    "escalation_paths_update": {
        "id": s.ESCALATION_PATH_PLATFORM_ID,
        "name": "Platform (any time)",
        "path": _PATH,
    },
    "escalation_paths_delete": {"id": s.ESCALATION_PATH_PLATFORM_ID},
    "alerts_list": {"page_size": 5, "status": ["firing"], "created_after": "2025-01-01"},
    "alerts_show": {"id": s.ALERT_CHECKOUT_ERRORS_ID},
    "alerts_resolve": {"id": s.ALERT_DISK_REPLICA_ID},
    "incident_alerts_list": {"incident_id": s.INCIDENT_WEBHOOKS_ID},
    "escalations_cancel": {"id": s.ESCALATION_WEBHOOKS_ID},
    "postmortem_documents_list": {
        "incident_id": s.INCIDENT_CHECKOUT_ID,
        "sort_by": "created_at_oldest_first",
    },
    "postmortem_documents_show": {"id": s.POSTMORTEM_CHECKOUT_ID},
    "postmortem_documents_content": {"id": s.POSTMORTEM_SEARCH_ID},
    "schedule_overrides_list": {"schedule_id": s.SCHEDULE_PRIMARY_ID, "page_size": 5},
    "schedule_overrides_update": {
        "id": s.OVERRIDE_HOLIDAY_COVER_ID,
        "rotation_id": s.ROTATION_PRIMARY_ID,
        "layer_id": s.LAYER_PRIMARY_ID,
        "start_at": "2025-12-24T09:00:00Z",
        "end_at": "2025-12-26T09:00:00Z",
        "user_email": "hannah.schmidt@northwind.example",
    },
    "schedule_overrides_delete": {"id": s.OVERRIDE_HOLIDAY_COVER_ID},
    "teams_list": {"page_size": 2},
    "teams_show": {"id": s.TEAM_PAYMENTS_ID},
}
"""Per action, arguments that succeed against a freshly seeded sandbox."""


def _snake(text: str) -> str:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text)
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def sdk_module_name(action: Action) -> str:
    """The SDK module of the action's operation (`Follow-ups V2#List` → `...follow_ups_v2_list`)."""
    tag, _, operation = action.operation_id.partition("#")
    package = _snake(tag)
    return f"incident_io.api.{package}.{package}_{_snake(operation)}"


def sdk_operation(action: Action) -> SdkFunction:
    """The SDK's `sync_detailed` function for the action's operation."""
    module = importlib.import_module(sdk_module_name(action))
    function: SdkFunction = module.sync_detailed
    return function


def _concrete(annotation: Any) -> Any:
    """The one type in `X | Unset` (or `X`)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [m for m in typing.get_args(annotation) if m.__name__ != "Unset"]
        [member] = members
        return member
    return annotation


def _typed(annotation: Any, value: Any) -> Any:
    kind = _concrete(annotation)
    if hasattr(kind, "from_dict"):
        return kind.from_dict(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is bool:
        return value == "true"
    if kind is int:
        return int(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    return value


def _query_objects(query: list[tuple[str, str]]) -> dict[str, Any]:
    """Query items grouped by parameter; bracket keys become the SDK's filter objects."""
    grouped: dict[str, Any] = {}
    for key, value in query:
        name, bracket, rest = key.partition("[")
        if not bracket:
            grouped[name] = value
            continue
        node = cast(dict[str, Any], grouped.setdefault(name, {}))
        keys = rest.rstrip("]").split("][")
        for inner in keys[:-1]:
            node = cast(dict[str, Any], node.setdefault(inner, {}))
        cast(list[str], node.setdefault(keys[-1], [])).append(value)
    return grouped


def sdk_call(action: Action, arguments: Mapping[str, Any]) -> tuple[SdkFunction, dict[str, Any]]:
    """The SDK function and its keyword arguments (all but `client`) for `arguments`."""
    function = sdk_operation(action)
    hints = typing.get_type_hints(function)
    request = action.request(action.input.model_validate(arguments))
    kwargs: dict[str, Any] = dict(request.path_params)
    for name, value in _query_objects(request.query).items():
        kwargs[name] = _typed(hints[name], value)
    if request.json is not None:
        kwargs["body"] = _typed(hints["body"], request.json)
    return function, kwargs
