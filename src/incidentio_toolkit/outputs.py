"""The 46 output models, named and shaped exactly as the contract's output schemas.

Every model is `{success, error, <data fields>}` with `additionalProperties: false`. On failure the data
fields keep their defaults (empty lists, `None`), so every field is always present in a dump.
tests/test_outputs.py compares each model's JSON schema with spec/actions.json.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from incidentio_toolkit.actions._base import ActionOutput

JsonObject = dict[str, Any]


class IncidentsListOutput(ActionOutput):
    incidents: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class IncidentsCreateOutput(ActionOutput):
    incident: JsonObject | None = None


class IncidentsShowOutput(ActionOutput):
    incident: JsonObject | None = None


class IncidentsUpdateOutput(ActionOutput):
    incident: JsonObject | None = None


class ActionsListOutput(ActionOutput):
    actions: list[JsonObject] = Field(default_factory=list[JsonObject])


class ActionsShowOutput(ActionOutput):
    action: JsonObject | None = None


class FollowUpsListOutput(ActionOutput):
    follow_ups: list[JsonObject] = Field(default_factory=list[JsonObject])


class FollowUpsShowOutput(ActionOutput):
    follow_up: JsonObject | None = None


class UsersListOutput(ActionOutput):
    users: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class UsersShowOutput(ActionOutput):
    user: JsonObject | None = None


class WorkflowsListOutput(ActionOutput):
    workflows: list[JsonObject] = Field(default_factory=list[JsonObject])


class WorkflowsCreateOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsShowOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsUpdateOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsDeleteOutput(ActionOutput):
    message: str | None = None


class SchedulesListOutput(ActionOutput):
    schedules: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class SchedulesCreateOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesShowOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesUpdateOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesDeleteOutput(ActionOutput):
    message: str | None = None


class EscalationsListOutput(ActionOutput):
    escalations: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class EscalationsCreateOutput(ActionOutput):
    escalation: JsonObject | None = None


class EscalationsShowOutput(ActionOutput):
    escalation: JsonObject | None = None


class CustomFieldsListOutput(ActionOutput):
    custom_fields: list[JsonObject] = Field(default_factory=list[JsonObject])


class CustomFieldsCreateOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsShowOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsUpdateOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsDeleteOutput(ActionOutput):
    message: str | None = None


class SeveritiesListOutput(ActionOutput):
    severities: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentStatusesListOutput(ActionOutput):
    incident_statuses: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentTypesListOutput(ActionOutput):
    incident_types: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentRolesListOutput(ActionOutput):
    incident_roles: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentRolesCreateOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesShowOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesUpdateOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesDeleteOutput(ActionOutput):
    message: str | None = None


class IncidentTimestampsListOutput(ActionOutput):
    incident_timestamps: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentTimestampsShowOutput(ActionOutput):
    incident_timestamp: JsonObject | None = None


class IncidentUpdatesListOutput(ActionOutput):
    incident_updates: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class ScheduleEntriesListOutput(ActionOutput):
    schedule_entries: JsonObject | None = None
    pagination_meta: JsonObject | None = None


class ScheduleOverridesCreateOutput(ActionOutput):
    override: JsonObject | None = None


class EscalationPathsListOutput(ActionOutput):
    escalation_paths: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class EscalationPathsCreateOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsShowOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsUpdateOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsDeleteOutput(ActionOutput):
    message: str | None = None


__all__ = [
    "ActionsListOutput",
    "ActionsShowOutput",
    "CustomFieldsCreateOutput",
    "CustomFieldsDeleteOutput",
    "CustomFieldsListOutput",
    "CustomFieldsShowOutput",
    "CustomFieldsUpdateOutput",
    "EscalationPathsCreateOutput",
    "EscalationPathsDeleteOutput",
    "EscalationPathsListOutput",
    "EscalationPathsShowOutput",
    "EscalationPathsUpdateOutput",
    "EscalationsCreateOutput",
    "EscalationsListOutput",
    "EscalationsShowOutput",
    "FollowUpsListOutput",
    "FollowUpsShowOutput",
    "IncidentRolesCreateOutput",
    "IncidentRolesDeleteOutput",
    "IncidentRolesListOutput",
    "IncidentRolesShowOutput",
    "IncidentRolesUpdateOutput",
    "IncidentStatusesListOutput",
    "IncidentTimestampsListOutput",
    "IncidentTimestampsShowOutput",
    "IncidentTypesListOutput",
    "IncidentUpdatesListOutput",
    "IncidentsCreateOutput",
    "IncidentsListOutput",
    "IncidentsShowOutput",
    "IncidentsUpdateOutput",
    "ScheduleEntriesListOutput",
    "ScheduleOverridesCreateOutput",
    "SchedulesCreateOutput",
    "SchedulesDeleteOutput",
    "SchedulesListOutput",
    "SchedulesShowOutput",
    "SchedulesUpdateOutput",
    "SeveritiesListOutput",
    "UsersListOutput",
    "UsersShowOutput",
    "WorkflowsCreateOutput",
    "WorkflowsDeleteOutput",
    "WorkflowsListOutput",
    "WorkflowsShowOutput",
    "WorkflowsUpdateOutput",
]
