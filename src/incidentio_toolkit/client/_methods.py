"""Typed per-action methods, generated from the ACTIONS registry by scripts/generate.py.

Do not edit: run `make docs` after changing an action. A test fails when this file is stale.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from incidentio_toolkit import outputs

__all__ = ["AsyncActionMethods", "SyncActionMethods"]


class AsyncActionMethods:
    """One awaitable method per action; each returns its typed output and never raises."""

    async def _invoke(self, name: str, arguments: dict[str, Any]) -> Any:
        raise NotImplementedError

    async def incidents_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        sort_by: Literal["created_at_newest_first", "created_at_oldest_first"] | None = None,
        filter_mode: Literal["all", "any"] | None = None,
        status_ids: str | list[str] | None = None,
        status_category: list[
            Literal[
                "triage", "declined", "merged", "canceled", "live", "learning", "closed", "paused"
            ]
        ]
        | None = None,
        severity_ids: str | list[str] | None = None,
        severity_at_least: str | None = None,
        severity_at_most: str | None = None,
        incident_type_ids: str | list[str] | None = None,
        mode: list[Literal["standard", "retrospective", "test", "tutorial"]] | None = None,
        created_after: date | None = None,
        created_before: date | None = None,
        updated_after: date | None = None,
        updated_before: date | None = None,
    ) -> outputs.IncidentsListOutput:
        """List incidents, newest first, one page per call, filtered by status, category, severity, type, mode or date."""
        return await self._invoke(
            "incidents_list",
            {
                "page_size": page_size,
                "after": after,
                "sort_by": sort_by,
                "filter_mode": filter_mode,
                "status_ids": status_ids,
                "status_category": status_category,
                "severity_ids": severity_ids,
                "severity_at_least": severity_at_least,
                "severity_at_most": severity_at_most,
                "incident_type_ids": incident_type_ids,
                "mode": mode,
                "created_after": created_after,
                "created_before": created_before,
                "updated_after": updated_after,
                "updated_before": updated_before,
            },
        )

    async def incidents_create(
        self,
        *,
        idempotency_key: str,
        severity_id: str,
        visibility: Literal["public", "private"],
        name: str | None = None,
        summary: str | None = None,
        incident_type_id: str | None = None,
        incident_status_id: str | None = None,
        mode: Literal["standard", "retrospective", "test", "tutorial"] | None = None,
    ) -> outputs.IncidentsCreateOutput:
        """Declare an incident (ids from severities_list, incident_types_list, incident_statuses_list). Retry-safe with the same idempotency_key."""
        return await self._invoke(
            "incidents_create",
            {
                "idempotency_key": idempotency_key,
                "severity_id": severity_id,
                "visibility": visibility,
                "name": name,
                "summary": summary,
                "incident_type_id": incident_type_id,
                "incident_status_id": incident_status_id,
                "mode": mode,
            },
        )

    async def incidents_show(self, *, id: str) -> outputs.IncidentsShowOutput:
        """Get one incident with status, severity, roles and custom fields."""
        return await self._invoke("incidents_show", {"id": id})

    async def incidents_update(
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
        """Edit an incident's name, summary, severity or status (from incident_statuses_list); only the fields given change."""
        return await self._invoke(
            "incidents_update",
            {
                "id": id,
                "notify_incident_channel": notify_incident_channel,
                "name": name,
                "summary": summary,
                "severity_id": severity_id,
                "incident_status_id": incident_status_id,
                "incident_type_id": incident_type_id,
            },
        )

    async def actions_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: Literal["standard", "retrospective", "test", "tutorial", "stream"]
        | None = None,
    ) -> outputs.ActionsListOutput:
        """List incident actions (tasks logged during incidents), optionally for one incident."""
        return await self._invoke(
            "actions_list", {"incident_id": incident_id, "incident_mode": incident_mode}
        )

    async def actions_show(self, *, id: str) -> outputs.ActionsShowOutput:
        """Get one incident action by id (from actions_list)."""
        return await self._invoke("actions_show", {"id": id})

    async def follow_ups_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: Literal["standard", "retrospective", "test", "tutorial", "stream"]
        | None = None,
    ) -> outputs.FollowUpsListOutput:
        """List follow-ups (post-incident work), optionally for one incident."""
        return await self._invoke(
            "follow_ups_list", {"incident_id": incident_id, "incident_mode": incident_mode}
        )

    async def follow_ups_show(self, *, id: str) -> outputs.FollowUpsShowOutput:
        """Get one follow-up by id (from follow_ups_list)."""
        return await self._invoke("follow_ups_show", {"id": id})

    async def users_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        email: str | None = None,
        slack_user_id: str | None = None,
        include_inactive: bool | None = None,
    ) -> outputs.UsersListOutput:
        """Find users by email or Slack id, or page through all users."""
        return await self._invoke(
            "users_list",
            {
                "page_size": page_size,
                "after": after,
                "email": email,
                "slack_user_id": slack_user_id,
                "include_inactive": include_inactive,
            },
        )

    async def users_show(self, *, id: str) -> outputs.UsersShowOutput:
        """Get one user by id (from users_list)."""
        return await self._invoke("users_show", {"id": id})

    async def workflows_list(self) -> outputs.WorkflowsListOutput:
        """List all workflows with trigger and state."""
        return await self._invoke("workflows_list", {})

    async def workflows_create(
        self,
        *,
        name: str,
        folder: str | None = None,
        state: Literal["active", "disabled", "draft", "error"] | None = None,
        trigger: str | None = None,
        steps: list[dict[str, Any]] | None = None,
        condition_groups: list[dict[str, Any]] | None = None,
        runs_on_incidents: Literal["newly_created", "newly_created_and_active"] | None = None,
        runs_on_incident_modes: list[Literal["standard", "test", "retrospective"]] | None = None,
        include_private_incidents: bool | None = None,
        continue_on_step_error: bool | None = None,
        once_for: list[str] | None = None,
        expressions: list[dict[str, Any]] | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsCreateOutput:
        """Create a workflow that runs steps when its trigger fires; a draft unless state is set."""
        return await self._invoke(
            "workflows_create",
            {
                "name": name,
                "folder": folder,
                "state": state,
                "trigger": trigger,
                "steps": steps,
                "condition_groups": condition_groups,
                "runs_on_incidents": runs_on_incidents,
                "runs_on_incident_modes": runs_on_incident_modes,
                "include_private_incidents": include_private_incidents,
                "continue_on_step_error": continue_on_step_error,
                "once_for": once_for,
                "expressions": expressions,
                "delay": delay,
            },
        )

    async def workflows_show(
        self, *, id: str, skip_step_upgrades: bool | None = None
    ) -> outputs.WorkflowsShowOutput:
        """Get a workflow's full definition by id (from workflows_list)."""
        return await self._invoke(
            "workflows_show", {"id": id, "skip_step_upgrades": skip_step_upgrades}
        )

    async def workflows_update(
        self,
        *,
        id: str,
        name: str,
        steps: list[dict[str, Any]],
        condition_groups: list[dict[str, Any]],
        runs_on_incidents: Literal["newly_created", "newly_created_and_active"],
        runs_on_incident_modes: list[Literal["standard", "test", "retrospective"]],
        include_private_incidents: bool,
        continue_on_step_error: bool,
        once_for: list[str],
        expressions: list[dict[str, Any]],
        state: Literal["active", "disabled", "draft", "error"] | None = None,
        folder: str | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsUpdateOutput:
        """Replace a workflow (fields as in workflows_create); start from workflows_show."""
        return await self._invoke(
            "workflows_update",
            {
                "id": id,
                "name": name,
                "steps": steps,
                "condition_groups": condition_groups,
                "runs_on_incidents": runs_on_incidents,
                "runs_on_incident_modes": runs_on_incident_modes,
                "include_private_incidents": include_private_incidents,
                "continue_on_step_error": continue_on_step_error,
                "once_for": once_for,
                "expressions": expressions,
                "state": state,
                "folder": folder,
                "delay": delay,
            },
        )

    async def workflows_delete(self, *, id: str) -> outputs.WorkflowsDeleteOutput:
        """Archive a workflow by id (from workflows_list)."""
        return await self._invoke("workflows_delete", {"id": id})

    async def schedules_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.SchedulesListOutput:
        """List on-call schedules with rotations and current shifts."""
        return await self._invoke("schedules_list", {"page_size": page_size, "after": after})

    async def schedules_create(
        self, *, name: str, timezone: str, rotations_config: dict[str, Any] | list[dict[str, Any]]
    ) -> outputs.SchedulesCreateOutput:
        """Create an on-call schedule with rotations (user ids from users_list)."""
        return await self._invoke(
            "schedules_create",
            {"name": name, "timezone": timezone, "rotations_config": rotations_config},
        )

    async def schedules_show(self, *, id: str) -> outputs.SchedulesShowOutput:
        """Get a schedule with rotations and shifts by id (from schedules_list)."""
        return await self._invoke("schedules_show", {"id": id})

    async def schedules_update(
        self,
        *,
        id: str,
        name: str | None = None,
        timezone: str | None = None,
        rotations_config: dict[str, Any] | list[dict[str, Any]] | None = None,
    ) -> outputs.SchedulesUpdateOutput:
        """Change a schedule's name, timezone or rotations; rotations sent replace all, so start from schedules_show."""
        return await self._invoke(
            "schedules_update",
            {"id": id, "name": name, "timezone": timezone, "rotations_config": rotations_config},
        )

    async def schedules_delete(self, *, id: str) -> outputs.SchedulesDeleteOutput:
        """Archive a schedule by id (from schedules_list); fails while it has active replicas."""
        return await self._invoke("schedules_delete", {"id": id})

    async def escalations_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationsListOutput:
        """List escalations (pages) with their status."""
        return await self._invoke("escalations_list", {"page_size": page_size, "after": after})

    async def escalations_create(
        self,
        *,
        idempotency_key: str,
        title: str,
        escalation_path_id: str | None = None,
        user_ids: str | list[str] | None = None,
        description: str | None = None,
        incident_id: str | None = None,
    ) -> outputs.EscalationsCreateOutput:
        """Page people now via an escalation path or users (not both). Retry-safe with the same idempotency_key."""
        return await self._invoke(
            "escalations_create",
            {
                "idempotency_key": idempotency_key,
                "title": title,
                "escalation_path_id": escalation_path_id,
                "user_ids": user_ids,
                "description": description,
                "incident_id": incident_id,
            },
        )

    async def escalations_show(self, *, id: str) -> outputs.EscalationsShowOutput:
        """Get one escalation with status and events by id (from escalations_list)."""
        return await self._invoke("escalations_show", {"id": id})

    async def custom_fields_list(self) -> outputs.CustomFieldsListOutput:
        """List incident custom fields and their types."""
        return await self._invoke("custom_fields_list", {})

    async def custom_fields_create(
        self,
        *,
        name: str,
        description: str,
        field_type: Literal["single_select", "multi_select", "text", "link", "numeric"],
    ) -> outputs.CustomFieldsCreateOutput:
        """Create an incident custom field."""
        return await self._invoke(
            "custom_fields_create",
            {"name": name, "description": description, "field_type": field_type},
        )

    async def custom_fields_show(self, *, id: str) -> outputs.CustomFieldsShowOutput:
        """Get one custom field by id (from custom_fields_list)."""
        return await self._invoke("custom_fields_show", {"id": id})

    async def custom_fields_update(
        self, *, id: str, name: str, description: str
    ) -> outputs.CustomFieldsUpdateOutput:
        """Rename a custom field or change its description; the type is fixed."""
        return await self._invoke(
            "custom_fields_update", {"id": id, "name": name, "description": description}
        )

    async def custom_fields_delete(self, *, id: str) -> outputs.CustomFieldsDeleteOutput:
        """Delete a custom field by id (from custom_fields_list)."""
        return await self._invoke("custom_fields_delete", {"id": id})

    async def severities_list(self) -> outputs.SeveritiesListOutput:
        """List severities by rank (higher = more severe); ids for severity_id."""
        return await self._invoke("severities_list", {})

    async def incident_statuses_list(self) -> outputs.IncidentStatusesListOutput:
        """List incident statuses with their category; ids for incident_status_id."""
        return await self._invoke("incident_statuses_list", {})

    async def incident_types_list(self) -> outputs.IncidentTypesListOutput:
        """List incident types; ids for incident_type_id."""
        return await self._invoke("incident_types_list", {})

    async def incident_roles_list(self) -> outputs.IncidentRolesListOutput:
        """List incident roles (lead, reporter, custom)."""
        return await self._invoke("incident_roles_list", {})

    async def incident_roles_create(
        self, *, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesCreateOutput:
        """Create an incident role."""
        return await self._invoke(
            "incident_roles_create",
            {
                "name": name,
                "description": description,
                "instructions": instructions,
                "shortform": shortform,
            },
        )

    async def incident_roles_show(self, *, id: str) -> outputs.IncidentRolesShowOutput:
        """Get one incident role by id (from incident_roles_list)."""
        return await self._invoke("incident_roles_show", {"id": id})

    async def incident_roles_update(
        self, *, id: str, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesUpdateOutput:
        """Replace an incident role's name, description, instructions and shortform."""
        return await self._invoke(
            "incident_roles_update",
            {
                "id": id,
                "name": name,
                "description": description,
                "instructions": instructions,
                "shortform": shortform,
            },
        )

    async def incident_roles_delete(self, *, id: str) -> outputs.IncidentRolesDeleteOutput:
        """Delete an incident role by id (from incident_roles_list); not the lead role."""
        return await self._invoke("incident_roles_delete", {"id": id})

    async def incident_timestamps_list(self) -> outputs.IncidentTimestampsListOutput:
        """List the timestamps tracked on incidents (e.g. fixed at)."""
        return await self._invoke("incident_timestamps_list", {})

    async def incident_timestamps_show(self, *, id: str) -> outputs.IncidentTimestampsShowOutput:
        """Get one incident timestamp by id (from incident_timestamps_list)."""
        return await self._invoke("incident_timestamps_show", {"id": id})

    async def incident_updates_list(
        self,
        *,
        incident_id: str | None = None,
        page_size: int | None = None,
        after: str | None = None,
    ) -> outputs.IncidentUpdatesListOutput:
        """List updates posted on incidents (message, new status, severity), optionally for one."""
        return await self._invoke(
            "incident_updates_list",
            {"incident_id": incident_id, "page_size": page_size, "after": after},
        )

    async def schedule_entries_list(
        self,
        *,
        schedule_id: str,
        entry_window_start: str | None = None,
        entry_window_end: str | None = None,
    ) -> outputs.ScheduleEntriesListOutput:
        """Who is on call for a schedule over a time window (the final entries), page by page."""
        return await self._invoke(
            "schedule_entries_list",
            {
                "schedule_id": schedule_id,
                "entry_window_start": entry_window_start,
                "entry_window_end": entry_window_end,
            },
        )

    async def schedule_overrides_create(
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
        """Put a user on call in place of the rota for a time range (rotation and layer ids from schedules_show)."""
        return await self._invoke(
            "schedule_overrides_create",
            {
                "rotation_id": rotation_id,
                "layer_id": layer_id,
                "schedule_id": schedule_id,
                "start_at": start_at,
                "end_at": end_at,
                "user_id": user_id,
                "user_email": user_email,
                "user_slack_id": user_slack_id,
            },
        )

    async def escalation_paths_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationPathsListOutput:
        """List escalation paths."""
        return await self._invoke("escalation_paths_list", {"page_size": page_size, "after": after})

    async def escalation_paths_create(
        self,
        *,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsCreateOutput:
        """Create an escalation path: levels of users or schedules (from users_list, schedules_list) paged in turn; working hours in UTC by default."""
        return await self._invoke(
            "escalation_paths_create",
            {"name": name, "path": path, "working_hours": working_hours, "timezone": timezone},
        )

    async def escalation_paths_show(self, *, id: str) -> outputs.EscalationPathsShowOutput:
        """Get an escalation path with levels and working hours by id (from escalation_paths_list)."""
        return await self._invoke("escalation_paths_show", {"id": id})

    async def escalation_paths_update(
        self,
        *,
        id: str,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsUpdateOutput:
        """Replace an escalation path; fields as in escalation_paths_create, working hours in UTC by default."""
        return await self._invoke(
            "escalation_paths_update",
            {
                "id": id,
                "name": name,
                "path": path,
                "working_hours": working_hours,
                "timezone": timezone,
            },
        )

    async def escalation_paths_delete(self, *, id: str) -> outputs.EscalationPathsDeleteOutput:
        """Archive an escalation path by id (from escalation_paths_list)."""
        return await self._invoke("escalation_paths_delete", {"id": id})


class SyncActionMethods:
    """One method per action; each returns its typed output and never raises."""

    def _invoke(self, name: str, arguments: dict[str, Any]) -> Any:
        raise NotImplementedError

    def incidents_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        sort_by: Literal["created_at_newest_first", "created_at_oldest_first"] | None = None,
        filter_mode: Literal["all", "any"] | None = None,
        status_ids: str | list[str] | None = None,
        status_category: list[
            Literal[
                "triage", "declined", "merged", "canceled", "live", "learning", "closed", "paused"
            ]
        ]
        | None = None,
        severity_ids: str | list[str] | None = None,
        severity_at_least: str | None = None,
        severity_at_most: str | None = None,
        incident_type_ids: str | list[str] | None = None,
        mode: list[Literal["standard", "retrospective", "test", "tutorial"]] | None = None,
        created_after: date | None = None,
        created_before: date | None = None,
        updated_after: date | None = None,
        updated_before: date | None = None,
    ) -> outputs.IncidentsListOutput:
        """List incidents, newest first, one page per call, filtered by status, category, severity, type, mode or date."""
        return self._invoke(
            "incidents_list",
            {
                "page_size": page_size,
                "after": after,
                "sort_by": sort_by,
                "filter_mode": filter_mode,
                "status_ids": status_ids,
                "status_category": status_category,
                "severity_ids": severity_ids,
                "severity_at_least": severity_at_least,
                "severity_at_most": severity_at_most,
                "incident_type_ids": incident_type_ids,
                "mode": mode,
                "created_after": created_after,
                "created_before": created_before,
                "updated_after": updated_after,
                "updated_before": updated_before,
            },
        )

    def incidents_create(
        self,
        *,
        idempotency_key: str,
        severity_id: str,
        visibility: Literal["public", "private"],
        name: str | None = None,
        summary: str | None = None,
        incident_type_id: str | None = None,
        incident_status_id: str | None = None,
        mode: Literal["standard", "retrospective", "test", "tutorial"] | None = None,
    ) -> outputs.IncidentsCreateOutput:
        """Declare an incident (ids from severities_list, incident_types_list, incident_statuses_list). Retry-safe with the same idempotency_key."""
        return self._invoke(
            "incidents_create",
            {
                "idempotency_key": idempotency_key,
                "severity_id": severity_id,
                "visibility": visibility,
                "name": name,
                "summary": summary,
                "incident_type_id": incident_type_id,
                "incident_status_id": incident_status_id,
                "mode": mode,
            },
        )

    def incidents_show(self, *, id: str) -> outputs.IncidentsShowOutput:
        """Get one incident with status, severity, roles and custom fields."""
        return self._invoke("incidents_show", {"id": id})

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
        """Edit an incident's name, summary, severity or status (from incident_statuses_list); only the fields given change."""
        return self._invoke(
            "incidents_update",
            {
                "id": id,
                "notify_incident_channel": notify_incident_channel,
                "name": name,
                "summary": summary,
                "severity_id": severity_id,
                "incident_status_id": incident_status_id,
                "incident_type_id": incident_type_id,
            },
        )

    def actions_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: Literal["standard", "retrospective", "test", "tutorial", "stream"]
        | None = None,
    ) -> outputs.ActionsListOutput:
        """List incident actions (tasks logged during incidents), optionally for one incident."""
        return self._invoke(
            "actions_list", {"incident_id": incident_id, "incident_mode": incident_mode}
        )

    def actions_show(self, *, id: str) -> outputs.ActionsShowOutput:
        """Get one incident action by id (from actions_list)."""
        return self._invoke("actions_show", {"id": id})

    def follow_ups_list(
        self,
        *,
        incident_id: str | None = None,
        incident_mode: Literal["standard", "retrospective", "test", "tutorial", "stream"]
        | None = None,
    ) -> outputs.FollowUpsListOutput:
        """List follow-ups (post-incident work), optionally for one incident."""
        return self._invoke(
            "follow_ups_list", {"incident_id": incident_id, "incident_mode": incident_mode}
        )

    def follow_ups_show(self, *, id: str) -> outputs.FollowUpsShowOutput:
        """Get one follow-up by id (from follow_ups_list)."""
        return self._invoke("follow_ups_show", {"id": id})

    def users_list(
        self,
        *,
        page_size: int | None = None,
        after: str | None = None,
        email: str | None = None,
        slack_user_id: str | None = None,
        include_inactive: bool | None = None,
    ) -> outputs.UsersListOutput:
        """Find users by email or Slack id, or page through all users."""
        return self._invoke(
            "users_list",
            {
                "page_size": page_size,
                "after": after,
                "email": email,
                "slack_user_id": slack_user_id,
                "include_inactive": include_inactive,
            },
        )

    def users_show(self, *, id: str) -> outputs.UsersShowOutput:
        """Get one user by id (from users_list)."""
        return self._invoke("users_show", {"id": id})

    def workflows_list(self) -> outputs.WorkflowsListOutput:
        """List all workflows with trigger and state."""
        return self._invoke("workflows_list", {})

    def workflows_create(
        self,
        *,
        name: str,
        folder: str | None = None,
        state: Literal["active", "disabled", "draft", "error"] | None = None,
        trigger: str | None = None,
        steps: list[dict[str, Any]] | None = None,
        condition_groups: list[dict[str, Any]] | None = None,
        runs_on_incidents: Literal["newly_created", "newly_created_and_active"] | None = None,
        runs_on_incident_modes: list[Literal["standard", "test", "retrospective"]] | None = None,
        include_private_incidents: bool | None = None,
        continue_on_step_error: bool | None = None,
        once_for: list[str] | None = None,
        expressions: list[dict[str, Any]] | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsCreateOutput:
        """Create a workflow that runs steps when its trigger fires; a draft unless state is set."""
        return self._invoke(
            "workflows_create",
            {
                "name": name,
                "folder": folder,
                "state": state,
                "trigger": trigger,
                "steps": steps,
                "condition_groups": condition_groups,
                "runs_on_incidents": runs_on_incidents,
                "runs_on_incident_modes": runs_on_incident_modes,
                "include_private_incidents": include_private_incidents,
                "continue_on_step_error": continue_on_step_error,
                "once_for": once_for,
                "expressions": expressions,
                "delay": delay,
            },
        )

    def workflows_show(
        self, *, id: str, skip_step_upgrades: bool | None = None
    ) -> outputs.WorkflowsShowOutput:
        """Get a workflow's full definition by id (from workflows_list)."""
        return self._invoke("workflows_show", {"id": id, "skip_step_upgrades": skip_step_upgrades})

    def workflows_update(
        self,
        *,
        id: str,
        name: str,
        steps: list[dict[str, Any]],
        condition_groups: list[dict[str, Any]],
        runs_on_incidents: Literal["newly_created", "newly_created_and_active"],
        runs_on_incident_modes: list[Literal["standard", "test", "retrospective"]],
        include_private_incidents: bool,
        continue_on_step_error: bool,
        once_for: list[str],
        expressions: list[dict[str, Any]],
        state: Literal["active", "disabled", "draft", "error"] | None = None,
        folder: str | None = None,
        delay: dict[str, Any] | None = None,
    ) -> outputs.WorkflowsUpdateOutput:
        """Replace a workflow (fields as in workflows_create); start from workflows_show."""
        return self._invoke(
            "workflows_update",
            {
                "id": id,
                "name": name,
                "steps": steps,
                "condition_groups": condition_groups,
                "runs_on_incidents": runs_on_incidents,
                "runs_on_incident_modes": runs_on_incident_modes,
                "include_private_incidents": include_private_incidents,
                "continue_on_step_error": continue_on_step_error,
                "once_for": once_for,
                "expressions": expressions,
                "state": state,
                "folder": folder,
                "delay": delay,
            },
        )

    def workflows_delete(self, *, id: str) -> outputs.WorkflowsDeleteOutput:
        """Archive a workflow by id (from workflows_list)."""
        return self._invoke("workflows_delete", {"id": id})

    def schedules_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.SchedulesListOutput:
        """List on-call schedules with rotations and current shifts."""
        return self._invoke("schedules_list", {"page_size": page_size, "after": after})

    def schedules_create(
        self, *, name: str, timezone: str, rotations_config: dict[str, Any] | list[dict[str, Any]]
    ) -> outputs.SchedulesCreateOutput:
        """Create an on-call schedule with rotations (user ids from users_list)."""
        return self._invoke(
            "schedules_create",
            {"name": name, "timezone": timezone, "rotations_config": rotations_config},
        )

    def schedules_show(self, *, id: str) -> outputs.SchedulesShowOutput:
        """Get a schedule with rotations and shifts by id (from schedules_list)."""
        return self._invoke("schedules_show", {"id": id})

    def schedules_update(
        self,
        *,
        id: str,
        name: str | None = None,
        timezone: str | None = None,
        rotations_config: dict[str, Any] | list[dict[str, Any]] | None = None,
    ) -> outputs.SchedulesUpdateOutput:
        """Change a schedule's name, timezone or rotations; rotations sent replace all, so start from schedules_show."""
        return self._invoke(
            "schedules_update",
            {"id": id, "name": name, "timezone": timezone, "rotations_config": rotations_config},
        )

    def schedules_delete(self, *, id: str) -> outputs.SchedulesDeleteOutput:
        """Archive a schedule by id (from schedules_list); fails while it has active replicas."""
        return self._invoke("schedules_delete", {"id": id})

    def escalations_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationsListOutput:
        """List escalations (pages) with their status."""
        return self._invoke("escalations_list", {"page_size": page_size, "after": after})

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
        """Page people now via an escalation path or users (not both). Retry-safe with the same idempotency_key."""
        return self._invoke(
            "escalations_create",
            {
                "idempotency_key": idempotency_key,
                "title": title,
                "escalation_path_id": escalation_path_id,
                "user_ids": user_ids,
                "description": description,
                "incident_id": incident_id,
            },
        )

    def escalations_show(self, *, id: str) -> outputs.EscalationsShowOutput:
        """Get one escalation with status and events by id (from escalations_list)."""
        return self._invoke("escalations_show", {"id": id})

    def custom_fields_list(self) -> outputs.CustomFieldsListOutput:
        """List incident custom fields and their types."""
        return self._invoke("custom_fields_list", {})

    def custom_fields_create(
        self,
        *,
        name: str,
        description: str,
        field_type: Literal["single_select", "multi_select", "text", "link", "numeric"],
    ) -> outputs.CustomFieldsCreateOutput:
        """Create an incident custom field."""
        return self._invoke(
            "custom_fields_create",
            {"name": name, "description": description, "field_type": field_type},
        )

    def custom_fields_show(self, *, id: str) -> outputs.CustomFieldsShowOutput:
        """Get one custom field by id (from custom_fields_list)."""
        return self._invoke("custom_fields_show", {"id": id})

    def custom_fields_update(
        self, *, id: str, name: str, description: str
    ) -> outputs.CustomFieldsUpdateOutput:
        """Rename a custom field or change its description; the type is fixed."""
        return self._invoke(
            "custom_fields_update", {"id": id, "name": name, "description": description}
        )

    def custom_fields_delete(self, *, id: str) -> outputs.CustomFieldsDeleteOutput:
        """Delete a custom field by id (from custom_fields_list)."""
        return self._invoke("custom_fields_delete", {"id": id})

    def severities_list(self) -> outputs.SeveritiesListOutput:
        """List severities by rank (higher = more severe); ids for severity_id."""
        return self._invoke("severities_list", {})

    def incident_statuses_list(self) -> outputs.IncidentStatusesListOutput:
        """List incident statuses with their category; ids for incident_status_id."""
        return self._invoke("incident_statuses_list", {})

    def incident_types_list(self) -> outputs.IncidentTypesListOutput:
        """List incident types; ids for incident_type_id."""
        return self._invoke("incident_types_list", {})

    def incident_roles_list(self) -> outputs.IncidentRolesListOutput:
        """List incident roles (lead, reporter, custom)."""
        return self._invoke("incident_roles_list", {})

    def incident_roles_create(
        self, *, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesCreateOutput:
        """Create an incident role."""
        return self._invoke(
            "incident_roles_create",
            {
                "name": name,
                "description": description,
                "instructions": instructions,
                "shortform": shortform,
            },
        )

    def incident_roles_show(self, *, id: str) -> outputs.IncidentRolesShowOutput:
        """Get one incident role by id (from incident_roles_list)."""
        return self._invoke("incident_roles_show", {"id": id})

    def incident_roles_update(
        self, *, id: str, name: str, description: str, instructions: str, shortform: str
    ) -> outputs.IncidentRolesUpdateOutput:
        """Replace an incident role's name, description, instructions and shortform."""
        return self._invoke(
            "incident_roles_update",
            {
                "id": id,
                "name": name,
                "description": description,
                "instructions": instructions,
                "shortform": shortform,
            },
        )

    def incident_roles_delete(self, *, id: str) -> outputs.IncidentRolesDeleteOutput:
        """Delete an incident role by id (from incident_roles_list); not the lead role."""
        return self._invoke("incident_roles_delete", {"id": id})

    def incident_timestamps_list(self) -> outputs.IncidentTimestampsListOutput:
        """List the timestamps tracked on incidents (e.g. fixed at)."""
        return self._invoke("incident_timestamps_list", {})

    def incident_timestamps_show(self, *, id: str) -> outputs.IncidentTimestampsShowOutput:
        """Get one incident timestamp by id (from incident_timestamps_list)."""
        return self._invoke("incident_timestamps_show", {"id": id})

    def incident_updates_list(
        self,
        *,
        incident_id: str | None = None,
        page_size: int | None = None,
        after: str | None = None,
    ) -> outputs.IncidentUpdatesListOutput:
        """List updates posted on incidents (message, new status, severity), optionally for one."""
        return self._invoke(
            "incident_updates_list",
            {"incident_id": incident_id, "page_size": page_size, "after": after},
        )

    def schedule_entries_list(
        self,
        *,
        schedule_id: str,
        entry_window_start: str | None = None,
        entry_window_end: str | None = None,
    ) -> outputs.ScheduleEntriesListOutput:
        """Who is on call for a schedule over a time window (the final entries), page by page."""
        return self._invoke(
            "schedule_entries_list",
            {
                "schedule_id": schedule_id,
                "entry_window_start": entry_window_start,
                "entry_window_end": entry_window_end,
            },
        )

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
        """Put a user on call in place of the rota for a time range (rotation and layer ids from schedules_show)."""
        return self._invoke(
            "schedule_overrides_create",
            {
                "rotation_id": rotation_id,
                "layer_id": layer_id,
                "schedule_id": schedule_id,
                "start_at": start_at,
                "end_at": end_at,
                "user_id": user_id,
                "user_email": user_email,
                "user_slack_id": user_slack_id,
            },
        )

    def escalation_paths_list(
        self, *, page_size: int | None = None, after: str | None = None
    ) -> outputs.EscalationPathsListOutput:
        """List escalation paths."""
        return self._invoke("escalation_paths_list", {"page_size": page_size, "after": after})

    def escalation_paths_create(
        self,
        *,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsCreateOutput:
        """Create an escalation path: levels of users or schedules (from users_list, schedules_list) paged in turn; working hours in UTC by default."""
        return self._invoke(
            "escalation_paths_create",
            {"name": name, "path": path, "working_hours": working_hours, "timezone": timezone},
        )

    def escalation_paths_show(self, *, id: str) -> outputs.EscalationPathsShowOutput:
        """Get an escalation path with levels and working hours by id (from escalation_paths_list)."""
        return self._invoke("escalation_paths_show", {"id": id})

    def escalation_paths_update(
        self,
        *,
        id: str,
        name: str,
        path: list[dict[str, Any]],
        working_hours: list[dict[str, Any]] | None = None,
        timezone: str | None = None,
    ) -> outputs.EscalationPathsUpdateOutput:
        """Replace an escalation path; fields as in escalation_paths_create, working hours in UTC by default."""
        return self._invoke(
            "escalation_paths_update",
            {
                "id": id,
                "name": name,
                "path": path,
                "working_hours": working_hours,
                "timezone": timezone,
            },
        )

    def escalation_paths_delete(self, *, id: str) -> outputs.EscalationPathsDeleteOutput:
        """Archive an escalation path by id (from escalation_paths_list)."""
        return self._invoke("escalation_paths_delete", {"id": id})
