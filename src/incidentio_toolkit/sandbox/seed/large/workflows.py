"""The large organisation's workflows: announcements, paging, nudges and ticketing, per team,
in every state, written through the workflows store."""

from __future__ import annotations

from datetime import timedelta

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.shape import ORG_CREATED

STATES = {"active": 0.75, "draft": 0.12, "disabled": 0.13}
TEMPLATES = ("announce", "page", "nudge", "ticket")


def _literal(value: str) -> JSON:
    return {"value": {"literal": value}}


def _one_of(subject: str, *values: str) -> JSON:
    return {
        "subject": subject,
        "operation": "one_of",
        "param_bindings": [{"array_value": [{"literal": v} for v in values]}],
    }


def _workflow(org: LargeOrg, team: Team, template: str) -> JSON:
    settings = org.settings
    team_is = _one_of(
        f"incident.custom_field[{settings.fields['team']}]", settings.options["team"][team.name]
    )
    severe = _one_of(
        "incident.severity",
        settings.severities["major"]["id"],
        settings.severities["critical"]["id"],
    )
    common: JSON = {
        "once_for": ["incident.url"],
        "expressions": [],
        "runs_on_incident_modes": ["standard"],
        "continue_on_step_error": False,
        "runs_on_incidents": "newly_created_and_active",
        "private_incident_scope": "none",
        "trigger": "incident.updated",
        "state": org.weighted(STATES),
        "folder": team.name,
        "annotations": {"globex.example/owner": team.name.lower()},
    }
    if template == "announce":
        return {
            **common,
            "name": f"Announce {team.name} incidents in their channel",
            "condition_groups": [{"conditions": [team_is]}],
            "steps": [
                {
                    "id": "step-1",
                    "name": "slack.post_message",
                    "param_bindings": [
                        _literal(team.channel),
                        _literal("New incident for " + team.name + ": {{incident.url}}"),
                    ],
                }
            ],
        }
    if template == "page":
        path = team.path_ids[0] if team.path_ids else org.pick(org.teams[0].path_ids)
        return {
            **common,
            "name": f"Page {team.name} on-call for major incidents",
            "condition_groups": [{"conditions": [team_is, severe]}],
            "steps": [
                {
                    "id": "step-1",
                    "name": "escalate.escalation_path",
                    "param_bindings": [_literal(path)],
                }
            ],
        }
    if template == "nudge":
        return {
            **common,
            "name": f"Nudge the {team.name} lead when the summary is empty",
            "condition_groups": [
                {
                    "conditions": [
                        team_is,
                        {
                            "subject": "incident.summary",
                            "operation": "is_blank",
                            "param_bindings": [],
                        },
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
            "delay": {"for_seconds": 900, "conditions_apply_over_delay": True},
        }
    return {
        **common,
        "name": f"Open a ticket for {team.name} follow-ups",
        "trigger": "follow_up.created",
        "runs_on_incident_modes": ["standard", "retrospective"],
        "private_incident_scope": "all",
        "condition_groups": [{"conditions": [team_is]}],
        "steps": [
            {
                "id": "step-1",
                "name": "jira.create_issue",
                "param_bindings": [
                    _literal(team.name.upper()[:4]),
                    _literal("{{follow_up.title}}"),
                ],
            }
        ],
    }


def write_workflows(org: LargeOrg) -> None:
    """`size.workflows` workflows, cycling through the teams and the templates."""
    for index in range(org.size.workflows):
        team = org.teams[index % len(org.teams)]
        template = TEMPLATES[index // len(org.teams) % len(TEMPLATES)]
        created = ORG_CREATED + timedelta(days=org.rng.randint(0, 600))
        org.store.workflows.create(Fields(_workflow(org, team, template)), created)
