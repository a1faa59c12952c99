"""Typed per-action methods, generated from the ACTIONS registry by scripts/generate.py.

Do not edit: run `make docs` after changing an action. A test fails when this file is stale.
Each signature is written once; `awaitable` and `blocking` make the two clients' methods.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from incidentio_toolkit import outputs
from incidentio_toolkit.actions import (
    custom_fields,
    follow_ups,
    incident_actions,
    incidents,
    workflows,
)
from incidentio_toolkit.client._typed_methods import awaitable, blocking

__all__ = ["AsyncActionMethods", "SyncActionMethods"]


class _Signatures:
    """One signature per action: its parameters, output and documentation."""

    def incidents_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        sort_by: incidents.SortOrder | None = None,
        filter_mode: incidents.FilterMode | None = None,
        status_ids: str | list[str] | None = None,
        status_category: list[incidents.StatusCategory] | None = None,
        severity_ids: str | list[str] | None = None,
        severity_at_least: str | None = None,
        severity_at_most: str | None = None,
        incident_type_ids: str | list[str] | None = None,
        mode: list[incidents.IncidentMode] | None = None,
        created_after: date | None = None,
        created_before: date | None = None,
        updated_after: date | None = None,
        updated_before: date | None = None,
    ) -> outputs.IncidentsListOutput:
        """List incidents, newest first, one page per call, filtered by status, category, severity, type, mode or date.

        Args:
            after: From pagination_meta.after.
            filter_mode: AND (all, default) or OR (any) of the filters.
            status_category: live = active.
            severity_at_least: Severity id; by rank.
            mode: Default standard and retrospective.
            created_after: YYYY-MM-DD; date filters are inclusive.
        """
        ...

    def incidents_create(
        self,
        *,
        idempotency_key: str,
        severity_id: str,
        visibility: incidents.Visibility,
        name: str | None = None,
        summary: str | None = None,
        incident_type_id: str | None = None,
        incident_status_id: str | None = None,
        mode: incidents.IncidentMode | None = None,
    ) -> outputs.IncidentsCreateOutput:
        """Declare an incident (ids from severities_list, incident_types_list, incident_statuses_list). Retry-safe with the same idempotency_key.

        Args:
            idempotency_key: Unique per incident (e.g. a UUID); a repeat returns the first.
            severity_id: Severity id (from severities_list).
            incident_status_id: Initial status (from incident_statuses_list).
            mode: Use test for drills: no real announcements.
        """
        ...

    def incidents_show(self, *, id: str) -> outputs.IncidentsShowOutput:
        """Get one incident with status, severity, roles and custom fields.

        Args:
            id: Incident id, or its reference: INC-123 (also #INC-123, 123) is sent as 123.
        """
        ...

    def incidents_update(
        self,
        *,
        id: str,
        notify_incident_channel: bool,
        name: str | None = None,
        summary: str | None = None,
        severity_id: str | None = None,
        incident_status_id: str | None = None,
        incident_type_id: str | None = None,
    ) -> outputs.IncidentsUpdateOutput:
        """Edit an incident's name, summary, severity or status (from incident_statuses_list); only the fields given change.

        Args:
            id: Incident id (not its INC-123 reference).
            notify_incident_channel: Post the change to the incident channel.
            incident_status_id: New status (from incident_statuses_list).
            incident_type_id: Not editable in incident.io; setting it is an error.
        """
        ...

    def actions_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: incident_actions.ListIncidentMode | None = None,
    ) -> outputs.ActionsListOutput:
        """List incident actions (tasks logged during incidents), optionally for one incident.

        Args:
            incident_id: From incidents_list.
            incident_mode: Default: standard, retrospective.
        """
        ...

    def actions_show(self, *, id: str) -> outputs.ActionsShowOutput:
        """Get one incident action by id (from actions_list)."""
        ...

    def follow_ups_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: follow_ups.ListIncidentMode | None = None,
    ) -> outputs.FollowUpsListOutput:
        """List follow-ups (post-incident work), optionally for one incident.

        Args:
            incident_id: From incidents_list.
            incident_mode: Default: standard, retrospective.
        """
        ...

    def follow_ups_show(self, *, id: str) -> outputs.FollowUpsShowOutput:
        """Get one follow-up by id (from follow_ups_list)."""
        ...

    def users_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        email: str | None = None,
        slack_user_id: str | None = None,
        include_inactive: bool | None = None,
    ) -> outputs.UsersListOutput:
        """Find users by email or Slack id, or page through all users.

        Args:
            after: From pagination_meta.after.
        """
        ...

    def users_show(self, *, id: str) -> outputs.UsersShowOutput:
        """Get one user by id (from users_list)."""
        ...

    def workflows_list(self) -> outputs.WorkflowsListOutput:
        """List all workflows with trigger and state."""
        ...

    def workflows_create(
        self,
        *,
        name: str,
        folder: str | None = None,
        state: workflows.WorkflowState | None = None,
        trigger: str | None = None,
        steps: list[dict[str, Any]] | None = None,
        condition_groups: list[dict[str, Any]] | None = None,
        runs_on_incidents: workflows.RunsOnIncidents | None = None,
        runs_on_incident_modes: list[workflows.WorkflowIncidentMode] | None = None,
        include_private_incidents: bool | None = None,
        continue_on_step_error: bool | None = None,
        once_for: list[str] | None = None,
        expressions: list[dict[str, Any]] | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsCreateOutput:
        """Create a workflow that runs steps when its trigger fires; a draft unless state is set.

        Args:
            steps: [{id, name, param_bindings}]
            condition_groups: [{conditions: [{subject, operation, param_bindings}]}], any group matching.
            once_for: e.g. ["incident.url"]
            expressions: [{label, reference, root_reference, operations}]
            delay: {for_seconds, conditions_apply_over_delay}
        """
        ...

    def workflows_show(
        self, *, id: str, skip_step_upgrades: bool | None = None
    ) -> outputs.WorkflowsShowOutput:
        """Get a workflow's full definition by id (from workflows_list)."""
        ...

    def workflows_update(
        self,
        *,
        id: str,
        name: str,
        steps: list[dict[str, Any]],
        condition_groups: list[dict[str, Any]],
        runs_on_incidents: workflows.RunsOnIncidents,
        runs_on_incident_modes: list[workflows.WorkflowIncidentMode],
        include_private_incidents: bool,
        continue_on_step_error: bool,
        once_for: list[str],
        expressions: list[dict[str, Any]],
        state: workflows.WorkflowState | None = None,
        folder: str | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsUpdateOutput:
        """Replace a workflow (fields as in workflows_create); start from workflows_show.

        Args:
            id: From workflows_list.
        """
        ...

    def workflows_delete(self, *, id: str) -> outputs.WorkflowsDeleteOutput:
        """Archive a workflow by id (from workflows_list)."""
        ...

    def schedules_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.SchedulesListOutput:
        """List on-call schedules with rotations and current shifts.

        Args:
            after: From pagination_meta.after.
        """
        ...

    def schedules_create(
        self, *, name: str, timezone: str, rotations_config: dict[str, Any] | list[dict[str, Any]]
    ) -> outputs.SchedulesCreateOutput:
        """Create an on-call schedule with rotations (user ids from users_list).

        Args:
            timezone: e.g. America/New_York.
            rotations_config: {rotations: [{name, users: [{id}], layers: [{name}], handover_start_at, handovers: [{interval, interval_type}]}]} or the list.
        """
        ...

    def schedules_show(self, *, id: str) -> outputs.SchedulesShowOutput:
        """Get a schedule with rotations and shifts by id (from schedules_list)."""
        ...

    def schedules_update(
        self,
        *,
        id: str,
        name: str | None = None,
        timezone: str | None = None,
        rotations_config: dict[str, Any] | list[dict[str, Any]] | None = None,
    ) -> outputs.SchedulesUpdateOutput:
        """Change a schedule's name, timezone or rotations; rotations sent replace all, so start from schedules_show.

        Args:
            id: From schedules_list.
            rotations_config: As in schedules_create.
        """
        ...

    def schedules_delete(self, *, id: str) -> outputs.SchedulesDeleteOutput:
        """Archive a schedule by id (from schedules_list); fails while it has active replicas."""
        ...

    def escalations_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationsListOutput:
        """List escalations (pages) with their status.

        Args:
            after: From pagination_meta.after.
        """
        ...

    def escalations_create(
        self,
        *,
        idempotency_key: str,
        title: str,
        escalation_path_id: str | None = None,
        user_ids: str | list[str] | None = None,
        description: str | None = None,
        incident_id: str | None = None,
    ) -> outputs.EscalationsCreateOutput:
        """Page people now via an escalation path or users (not both). Retry-safe with the same idempotency_key.

        Args:
            idempotency_key: Unique per page, e.g. a UUID.
            escalation_path_id: From escalation_paths_list.
            user_ids: From users_list.
            incident_id: From incidents_list.
        """
        ...

    def escalations_show(self, *, id: str) -> outputs.EscalationsShowOutput:
        """Get one escalation with status and events by id (from escalations_list)."""
        ...

    def custom_fields_list(self) -> outputs.CustomFieldsListOutput:
        """List incident custom fields and their types."""
        ...

    def custom_fields_create(
        self, *, name: str, description: str, field_type: custom_fields.FieldType
    ) -> outputs.CustomFieldsCreateOutput:
        """Create an incident custom field."""
        ...

    def custom_fields_show(self, *, id: str) -> outputs.CustomFieldsShowOutput:
        """Get one custom field by id (from custom_fields_list)."""
        ...

    def custom_fields_update(
        self, *, id: str, name: str, description: str
    ) -> outputs.CustomFieldsUpdateOutput:
        """Rename a custom field or change its description; the type is fixed.

        Args:
            id: From custom_fields_list.
        """
        ...

    def custom_fields_delete(self, *, id: str) -> outputs.CustomFieldsDeleteOutput:
        """Delete a custom field by id (from custom_fields_list)."""
        ...

    def severities_list(self) -> outputs.SeveritiesListOutput:
        """List severities by rank (higher = more severe); ids for severity_id."""
        ...

    def incident_statuses_list(self) -> outputs.IncidentStatusesListOutput:
        """List incident statuses with their category; ids for incident_status_id."""
        ...

    def incident_types_list(self) -> outputs.IncidentTypesListOutput:
        """List incident types; ids for incident_type_id."""
        ...

    def incident_roles_list(self) -> outputs.IncidentRolesListOutput:
        """List incident roles (lead, reporter, custom)."""
        ...

    def incident_roles_create(
        self, *, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesCreateOutput:
        """Create an incident role."""
        ...

    def incident_roles_show(self, *, id: str) -> outputs.IncidentRolesShowOutput:
        """Get one incident role by id (from incident_roles_list)."""
        ...

    def incident_roles_update(
        self, *, id: str, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesUpdateOutput:
        """Replace an incident role's name, description, instructions and shortform.

        Args:
            id: From incident_roles_list.
        """
        ...

    def incident_roles_delete(self, *, id: str) -> outputs.IncidentRolesDeleteOutput:
        """Delete an incident role by id (from incident_roles_list); not the lead role."""
        ...

    def incident_timestamps_list(self) -> outputs.IncidentTimestampsListOutput:
        """List the timestamps tracked on incidents (e.g. fixed at)."""
        ...

    def incident_timestamps_show(self, *, id: str) -> outputs.IncidentTimestampsShowOutput:
        """Get one incident timestamp by id (from incident_timestamps_list)."""
        ...

    def incident_updates_list(
        self,
        *,
        incident_id: str | None = None,
        page_size: int | None = None,
        after: str | None = None,
    ) -> outputs.IncidentUpdatesListOutput:
        """List updates posted on incidents (message, new status, severity), optionally for one.

        Args:
            incident_id: From incidents_list.
            after: From pagination_meta.after.
        """
        ...

    def schedule_entries_list(
        self,
        *,
        schedule_id: str,
        entry_window_start: str | None = None,
        entry_window_end: str | None = None,
    ) -> outputs.ScheduleEntriesListOutput:
        """Who is on call for a schedule over a time window (the final entries), page by page.

        Args:
            schedule_id: From schedules_list.
            entry_window_start: ISO 8601, or pagination_meta.after for the next page.
            entry_window_end: ISO 8601 with offset.
        """
        ...

    def schedule_overrides_create(
        self,
        *,
        rotation_id: str,
        layer_id: str,
        schedule_id: str,
        start_at: str,
        end_at: str,
        user_id: str | None = None,
        user_email: str | None = None,
        user_slack_id: str | None = None,
    ) -> outputs.ScheduleOverridesCreateOutput:
        """Put a user on call in place of the rota for a time range (rotation and layer ids from schedules_show).

        Args:
            schedule_id: From schedules_list.
            start_at: ISO 8601 with offset.
            user_id: From users_list; or user_email, user_slack_id.
        """
        ...

    def escalation_paths_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationPathsListOutput:
        """List escalation paths.

        Args:
            after: From pagination_meta.after.
        """
        ...

    def escalation_paths_create(
        self,
        *,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsCreateOutput:
        """Create an escalation path: levels of users or schedules (from users_list, schedules_list) paged in turn; working hours in UTC by default.

        Args:
            path: Levels: [{targets: [{type: user|schedule, id, urgency: high|low}], time_to_ack_seconds}], ids level-1, level-2... by position. API nodes pass as given.
            working_hours: [{weekday, start_time: "09:00", end_time: "17:00"}]
            timezone: Of working_hours (default UTC).
        """
        ...

    def escalation_paths_show(self, *, id: str) -> outputs.EscalationPathsShowOutput:
        """Get an escalation path with levels and working hours by id (from escalation_paths_list)."""
        ...

    def escalation_paths_update(
        self,
        *,
        id: str,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsUpdateOutput:
        """Replace an escalation path; fields as in escalation_paths_create, working hours in UTC by default.

        Args:
            id: From escalation_paths_list.
        """
        ...

    def escalation_paths_delete(self, *, id: str) -> outputs.EscalationPathsDeleteOutput:
        """Archive an escalation path by id (from escalation_paths_list)."""
        ...


class AsyncActionMethods:
    """One awaitable method per action; each returns its typed output and never raises."""

    incidents_list = awaitable(_Signatures.incidents_list)
    incidents_create = awaitable(_Signatures.incidents_create)
    incidents_show = awaitable(_Signatures.incidents_show)
    incidents_update = awaitable(_Signatures.incidents_update)
    actions_list = awaitable(_Signatures.actions_list)
    actions_show = awaitable(_Signatures.actions_show)
    follow_ups_list = awaitable(_Signatures.follow_ups_list)
    follow_ups_show = awaitable(_Signatures.follow_ups_show)
    users_list = awaitable(_Signatures.users_list)
    users_show = awaitable(_Signatures.users_show)
    workflows_list = awaitable(_Signatures.workflows_list)
    workflows_create = awaitable(_Signatures.workflows_create)
    workflows_show = awaitable(_Signatures.workflows_show)
    workflows_update = awaitable(_Signatures.workflows_update)
    workflows_delete = awaitable(_Signatures.workflows_delete)
    schedules_list = awaitable(_Signatures.schedules_list)
    schedules_create = awaitable(_Signatures.schedules_create)
    schedules_show = awaitable(_Signatures.schedules_show)
    schedules_update = awaitable(_Signatures.schedules_update)
    schedules_delete = awaitable(_Signatures.schedules_delete)
    escalations_list = awaitable(_Signatures.escalations_list)
    escalations_create = awaitable(_Signatures.escalations_create)
    escalations_show = awaitable(_Signatures.escalations_show)
    custom_fields_list = awaitable(_Signatures.custom_fields_list)
    custom_fields_create = awaitable(_Signatures.custom_fields_create)
    custom_fields_show = awaitable(_Signatures.custom_fields_show)
    custom_fields_update = awaitable(_Signatures.custom_fields_update)
    custom_fields_delete = awaitable(_Signatures.custom_fields_delete)
    severities_list = awaitable(_Signatures.severities_list)
    incident_statuses_list = awaitable(_Signatures.incident_statuses_list)
    incident_types_list = awaitable(_Signatures.incident_types_list)
    incident_roles_list = awaitable(_Signatures.incident_roles_list)
    incident_roles_create = awaitable(_Signatures.incident_roles_create)
    incident_roles_show = awaitable(_Signatures.incident_roles_show)
    incident_roles_update = awaitable(_Signatures.incident_roles_update)
    incident_roles_delete = awaitable(_Signatures.incident_roles_delete)
    incident_timestamps_list = awaitable(_Signatures.incident_timestamps_list)
    incident_timestamps_show = awaitable(_Signatures.incident_timestamps_show)
    incident_updates_list = awaitable(_Signatures.incident_updates_list)
    schedule_entries_list = awaitable(_Signatures.schedule_entries_list)
    schedule_overrides_create = awaitable(_Signatures.schedule_overrides_create)
    escalation_paths_list = awaitable(_Signatures.escalation_paths_list)
    escalation_paths_create = awaitable(_Signatures.escalation_paths_create)
    escalation_paths_show = awaitable(_Signatures.escalation_paths_show)
    escalation_paths_update = awaitable(_Signatures.escalation_paths_update)
    escalation_paths_delete = awaitable(_Signatures.escalation_paths_delete)


class SyncActionMethods:
    """One method per action; each returns its typed output and never raises."""

    incidents_list = blocking(_Signatures.incidents_list)
    incidents_create = blocking(_Signatures.incidents_create)
    incidents_show = blocking(_Signatures.incidents_show)
    incidents_update = blocking(_Signatures.incidents_update)
    actions_list = blocking(_Signatures.actions_list)
    actions_show = blocking(_Signatures.actions_show)
    follow_ups_list = blocking(_Signatures.follow_ups_list)
    follow_ups_show = blocking(_Signatures.follow_ups_show)
    users_list = blocking(_Signatures.users_list)
    users_show = blocking(_Signatures.users_show)
    workflows_list = blocking(_Signatures.workflows_list)
    workflows_create = blocking(_Signatures.workflows_create)
    workflows_show = blocking(_Signatures.workflows_show)
    workflows_update = blocking(_Signatures.workflows_update)
    workflows_delete = blocking(_Signatures.workflows_delete)
    schedules_list = blocking(_Signatures.schedules_list)
    schedules_create = blocking(_Signatures.schedules_create)
    schedules_show = blocking(_Signatures.schedules_show)
    schedules_update = blocking(_Signatures.schedules_update)
    schedules_delete = blocking(_Signatures.schedules_delete)
    escalations_list = blocking(_Signatures.escalations_list)
    escalations_create = blocking(_Signatures.escalations_create)
    escalations_show = blocking(_Signatures.escalations_show)
    custom_fields_list = blocking(_Signatures.custom_fields_list)
    custom_fields_create = blocking(_Signatures.custom_fields_create)
    custom_fields_show = blocking(_Signatures.custom_fields_show)
    custom_fields_update = blocking(_Signatures.custom_fields_update)
    custom_fields_delete = blocking(_Signatures.custom_fields_delete)
    severities_list = blocking(_Signatures.severities_list)
    incident_statuses_list = blocking(_Signatures.incident_statuses_list)
    incident_types_list = blocking(_Signatures.incident_types_list)
    incident_roles_list = blocking(_Signatures.incident_roles_list)
    incident_roles_create = blocking(_Signatures.incident_roles_create)
    incident_roles_show = blocking(_Signatures.incident_roles_show)
    incident_roles_update = blocking(_Signatures.incident_roles_update)
    incident_roles_delete = blocking(_Signatures.incident_roles_delete)
    incident_timestamps_list = blocking(_Signatures.incident_timestamps_list)
    incident_timestamps_show = blocking(_Signatures.incident_timestamps_show)
    incident_updates_list = blocking(_Signatures.incident_updates_list)
    schedule_entries_list = blocking(_Signatures.schedule_entries_list)
    schedule_overrides_create = blocking(_Signatures.schedule_overrides_create)
    escalation_paths_list = blocking(_Signatures.escalation_paths_list)
    escalation_paths_create = blocking(_Signatures.escalation_paths_create)
    escalation_paths_show = blocking(_Signatures.escalation_paths_show)
    escalation_paths_update = blocking(_Signatures.escalation_paths_update)
    escalation_paths_delete = blocking(_Signatures.escalation_paths_delete)
