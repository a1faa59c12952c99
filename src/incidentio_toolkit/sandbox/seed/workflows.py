"""The demo organisation's workflows: two active, one draft."""

from __future__ import annotations

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.settings import ORG_CREATED
from incidentio_toolkit.sandbox.store import Store


def _literal(value: str) -> JSON:
    return {"value": {"literal": value}}


def seed_workflows(store: Store) -> None:
    """A few workflows (two active, one draft)."""
    severity_is_critical = {
        "conditions": [
            {
                "subject": "incident.severity",
                "operation": "one_of",
                "param_bindings": [{"array_value": [{"literal": ids.SEVERITY_CRITICAL_ID}]}],
            }
        ]
    }
    common = {
        "once_for": ["incident.url"],
        "expressions": [],
        "runs_on_incident_modes": ["standard"],
        "continue_on_step_error": False,
        "runs_on_incidents": "newly_created_and_active",
        "private_incident_scope": "none",
    }
    workflows: list[tuple[str, JSON]] = [
        (
            ids.WORKFLOW_NOTIFY_CRITICAL_ID,
            {
                **common,
                "name": "Announce critical incidents in #incidents",
                "trigger": "incident.updated",
                "state": "active",
                "folder": "Communications",
                "condition_groups": [severity_is_critical],
                "steps": [
                    {
                        "id": "step-1",
                        "name": "slack.post_message",
                        "param_bindings": [
                            _literal("C04INCIDENTS"),
                            _literal("A critical incident is live: {{incident.url}}"),
                        ],
                    }
                ],
            },
        ),
        (
            ids.WORKFLOW_PAGE_ON_CALL_ID,
            {
                **common,
                "name": "Page Primary On-call for critical incidents",
                "trigger": "incident.updated",
                "state": "active",
                "folder": "Escalation",
                "condition_groups": [severity_is_critical],
                "steps": [
                    {
                        "id": "step-1",
                        "name": "escalate.escalation_path",
                        "param_bindings": [_literal(ids.ESCALATION_PATH_URGENT_ID)],
                    }
                ],
            },
        ),
        (
            ids.WORKFLOW_SUMMARY_NUDGE_ID,
            {
                **common,
                "name": "Nudge the lead when the summary is empty",
                "trigger": "incident.updated",
                "state": "draft",
                "condition_groups": [
                    {
                        "conditions": [
                            {
                                "subject": "incident.summary",
                                "operation": "is_blank",
                                "param_bindings": [],
                            }
                        ]
                    }
                ],
                "steps": [
                    {
                        "id": "step-1",
                        "name": "slack.send_direct_message",
                        "param_bindings": [
                            {"value": {"reference": "incident.incident_lead"}},
                            _literal("Please add a summary to {{incident.reference}}"),
                        ],
                    }
                ],
                "delay": {"for_seconds": 600, "conditions_apply_over_delay": True},
            },
        ),
    ]
    for workflow_id, payload in workflows:
        store.workflows.create(Fields(payload), ORG_CREATED, id=workflow_id)
