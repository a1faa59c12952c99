"""Incidents: list (with typed filters), declare, show and edit.

Severities, statuses and types may be given by name, and incidents by reference (`INC-123`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Self, cast

from pydantic import Field, model_validator

from incidentio_toolkit.actions._base import (
    Action,
    ActionInput,
    ActionOutput,
    ApiRequest,
)
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    IdList,
    IncidentIdOrNumber,
    IncidentMode,
    JsonObject,
    filter_query,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._projection import Projection, name_of, objects
from incidentio_toolkit.actions._references import Catalog, Resolves
from incidentio_toolkit.actions.reference import (
    INCIDENT_STATUSES,
    INCIDENT_TYPES,
    SEVERITIES,
    IncidentStatusRef,
    IncidentTypeRef,
    SeverityRef,
)

INCIDENTS = Catalog(noun="incident", show_action="incidents_show")
"""Incidents are named by reference (`INC-123`), never by title."""

IncidentId = Annotated[str, Resolves(INCIDENTS)]
"""An incident id, or a reference resolved to the id with one incidents_show call."""

StatusCategory = Literal[
    "triage", "declined", "merged", "canceled", "live", "learning", "closed", "paused"
]
SortOrder = Literal["created_at_newest_first", "created_at_oldest_first"]
FilterMode = Literal["all", "any"]
Visibility = Literal["public", "private"]


class IncidentsListInput(ActionInput):
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD
    sort_by: SortOrder | None = None
    filter_mode: FilterMode | None = None
    status_ids: Annotated[IdList, Resolves(INCIDENT_STATUSES)] | None = None
    status_category: list[StatusCategory] | None = None
    severity_ids: Annotated[IdList, Resolves(SEVERITIES)] | None = None
    severity_at_least: SeverityRef | None = None
    severity_at_most: SeverityRef | None = None
    incident_type_ids: Annotated[IdList, Resolves(INCIDENT_TYPES)] | None = None
    mode: list[IncidentMode] | None = Field(default=None)
    created_after: date | None = None
    created_before: date | None = None
    updated_after: date | None = None
    updated_before: date | None = None
    fields: FieldPaths | None = FIELDS_FIELD


_LIST_FILTERS: tuple[tuple[str, str], ...] = (
    ("status_ids", "status[one_of]"),
    ("status_category", "status_category[one_of]"),
    ("severity_ids", "severity[one_of]"),
    ("severity_at_least", "severity[gte]"),
    ("severity_at_most", "severity[lte]"),
    ("incident_type_ids", "incident_type[one_of]"),
    ("mode", "mode[one_of]"),
    ("created_after", "created_at[gte]"),
    ("created_before", "created_at[lte]"),
    ("updated_after", "updated_at[gte]"),
    ("updated_before", "updated_at[lte]"),
)


def _list_request(arguments: IncidentsListInput) -> ApiRequest:
    plain = ("page_size", "after", "sort_by", "filter_mode")
    return ApiRequest({}, filter_query(arguments, plain, _LIST_FILTERS))


class IncidentsCreateInput(ActionInput):
    idempotency_key: str = Field(min_length=1)
    severity_id: SeverityRef = Field(min_length=1)
    visibility: Visibility
    name: str | None = None
    summary: str | None = None
    incident_type_id: IncidentTypeRef | None = None
    incident_status_id: IncidentStatusRef | None = Field(default=None)
    mode: IncidentMode | None = Field(default=None)


class IncidentsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentIdOrNumber = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


_EDITABLE = ("name", "summary", "severity_id", "incident_status_id")
"""What `incidents_update` can change (the fields of the API's `incident` object)."""


class IncidentsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentId = id_field()
    notify_incident_channel: bool = Field()
    name: str | None = None
    summary: str | None = None
    severity_id: SeverityRef | None = None
    incident_status_id: IncidentStatusRef | None = None
    incident_type_id: str | None = Field(default=None, description="Not editable.")

    @model_validator(mode="after")
    def _incident_type_is_not_editable(self) -> Self:
        if self.incident_type_id is not None:
            raise ValueError(
                "incident_type_id cannot be changed: incident.io's edit endpoint has no incident "
                "type field. Remove incident_type_id (change the type in the incident.io dashboard)."
            )
        if all(getattr(self, name) is None for name in _EDITABLE):
            raise ValueError(
                f"Nothing to update: give {', '.join(_EDITABLE[:-1])} or {_EDITABLE[-1]}."
            )
        return self


def _update_request(arguments: IncidentsUpdateInput) -> ApiRequest:
    changes = arguments.model_dump(
        exclude_none=True, exclude={"id", "notify_incident_channel", "incident_type_id"}
    )
    return ApiRequest(
        {"id": arguments.id},
        json={"incident": changes, "notify_incident_channel": arguments.notify_incident_channel},
    )


def _lead(incident: Mapping[str, Any]) -> str | None:
    for assignment in objects(incident.get("incident_role_assignments")):
        role = assignment.get("role")
        if isinstance(role, Mapping) and cast(Mapping[str, Any], role).get("role_type") == "lead":
            return name_of(assignment.get("assignee"))
    return None


def _roles(incident: Mapping[str, Any]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for assignment in objects(incident.get("incident_role_assignments")):
        role, person = name_of(assignment.get("role")), name_of(assignment.get("assignee"))
        if role is not None and person is not None:
            roles[role] = person
    return roles


_VALUE_KEYS = ("value_text", "value_numeric", "value_link", "value_timestamp")


def _custom_field_value(value: Mapping[str, Any]) -> Any:
    option = value.get("value_option")
    if isinstance(option, Mapping):
        return cast(Mapping[str, Any], option).get("value")
    entry = name_of(value.get("value_catalog_entry"))
    if entry is not None:
        return entry
    return next((value[key] for key in _VALUE_KEYS if value.get(key) is not None), None)


def custom_field_values(incident: Mapping[str, Any]) -> dict[str, Any]:
    """`{field name: value}` for the custom fields set on an incident (a list when multi-valued):
    the values only, never the field definitions with their options."""
    found: dict[str, Any] = {}
    for entry in objects(incident.get("custom_field_entries")):
        field = name_of(entry.get("custom_field"))
        values = [_custom_field_value(v) for v in objects(entry.get("values"))]
        values = [v for v in values if v is not None]
        if field is None or not values:
            continue
        kind = cast(Mapping[str, Any], entry.get("custom_field") or {}).get("field_type")
        found[field] = values if kind == "multi_select" or len(values) > 1 else values[0]
    return found


def _timestamps(incident: Mapping[str, Any]) -> dict[str, str]:
    stamps: dict[str, str] = {}
    for item in objects(incident.get("incident_timestamp_values")):
        name = name_of(item.get("incident_timestamp"))
        value = item.get("value")
        moment = cast(Mapping[str, Any], value).get("value") if isinstance(value, Mapping) else None
        if name is not None and isinstance(moment, str):
            stamps[name] = moment
    return stamps


INCIDENT = Projection(
    noun="incident",
    schema="IncidentV2",
    fields=(
        "call_url",
        "created_at",
        "creator",
        "custom_field_entries",
        "duration_metrics",
        "external_issue_reference",
        "has_debrief",
        "id",
        "incident_role_assignments",
        "incident_status",
        "incident_timestamp_values",
        "incident_type",
        "mode",
        "name",
        "permalink",
        "postmortem_document_ids",
        "postmortem_document_url",
        "reference",
        "severity",
        "slack_channel_id",
        "slack_channel_name",
        "slack_team_id",
        "summary",
        "updated_at",
        "visibility",
        "workload_minutes_late",
        "workload_minutes_sleeping",
        "workload_minutes_total",
        "workload_minutes_working",
    ),
    summary=(
        "id",
        "reference",
        "name",
        "summary",
        "incident_status.name",
        "incident_status.category",
        "severity.name",
        "incident_type.name",
        "mode",
        "visibility",
        "created_at",
        "updated_at",
        "slack_channel_name",
        "permalink",
    ),
    derived={
        "lead": _lead,
        "roles": _roles,
        "custom_fields": custom_field_values,
        "timestamps": _timestamps,
    },
)
"""An incident without its custom field definitions (each with every option) and embedded
reference objects: names, status category, lead, role holders, custom field values, timestamps."""


class IncidentsListOutput(ActionOutput):
    incidents: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class IncidentsCreateOutput(ActionOutput):
    incident: JsonObject | None = None


class IncidentsShowOutput(ActionOutput):
    incident: JsonObject | None = None


class IncidentsUpdateOutput(ActionOutput):
    incident: JsonObject | None = None


ACTIONS = (
    Action(
        name="incidents_list",
        description="List incidents, newest first.",
        kind="read",
        verb="list",
        toolset="incidents",
        method="GET",
        path="/v2/incidents",
        operation_id="Incidents V2#List",
        success_status=200,
        input=IncidentsListInput,
        output=IncidentsListOutput,
        result="incidents",
        items="incidents",
        cursor="after",
        build_request=_list_request,
        projection=INCIDENT,
    ),
    Action(
        name="incidents_create",
        description="Declare an incident.",
        kind="write",
        verb="create",
        toolset="incidents",
        method="POST",
        path="/v2/incidents",
        operation_id="Incidents V2#Create",
        success_status=200,
        input=IncidentsCreateInput,
        output=IncidentsCreateOutput,
        result="incident",
        check_with="incidents_list",
        projection=INCIDENT,
    ),
    Action(
        name="incidents_show",
        description="One incident (id or INC-123).",
        kind="read",
        verb="show",
        toolset="incidents",
        method="GET",
        path="/v2/incidents/{id}",
        operation_id="Incidents V2#Show",
        success_status=200,
        input=IncidentsShowInput,
        output=IncidentsShowOutput,
        result="incident",
        projection=INCIDENT,
    ),
    Action(
        name="incidents_update",
        description="Edit an incident's fields.",
        kind="write",
        verb="update",
        toolset="incidents",
        method="POST",
        path="/v2/incidents/{id}/actions/edit",
        operation_id="Incidents V2#Edit",
        success_status=200,
        input=IncidentsUpdateInput,
        output=IncidentsUpdateOutput,
        result="incident",
        check_with="incidents_show",
        build_request=_update_request,
        projection=INCIDENT,
    ),
)
