"""Incidents: list (with typed filters), declare, show and edit."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal, Self, cast

from pydantic import Field, model_validator

from incidentio_toolkit.actions._base import (
    Action,
    ActionInput,
    ActionOutput,
    ApiRequest,
    QueryItems,
)
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    IdList,
    IncidentIdOnly,
    IncidentIdOrNumber,
    IncidentMode,
    JsonObject,
    id_field,
    page_size_field,
)

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
    filter_mode: FilterMode | None = Field(
        default=None, description="AND (all, default) or OR (any) of the filters."
    )
    status_ids: IdList | None = None
    status_category: list[StatusCategory] | None = Field(default=None, description="live = active.")
    severity_ids: IdList | None = None
    severity_at_least: str | None = Field(default=None, description="Severity id; by rank.")
    severity_at_most: str | None = None
    incident_type_ids: IdList | None = None
    mode: list[IncidentMode] | None = Field(
        default=None, description="Default standard and retrospective."
    )
    created_after: date | None = Field(
        default=None, description="YYYY-MM-DD; date filters are inclusive."
    )
    created_before: date | None = None
    updated_after: date | None = None
    updated_before: date | None = None


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
    query: QueryItems = []
    for name in ("page_size", "after", "sort_by", "filter_mode"):
        value = getattr(arguments, name)
        if value is not None:
            query.append((name, str(value)))
    for name, key in _LIST_FILTERS:
        value = getattr(arguments, name)
        if value is None:
            continue
        values: list[object] = (
            list(cast(list[object], value)) if isinstance(value, list) else [value]
        )
        query.extend(
            (key, item.isoformat() if isinstance(item, date) else str(item)) for item in values
        )
    return ApiRequest({}, query)


class IncidentsCreateInput(ActionInput):
    idempotency_key: str = Field(
        min_length=1, description="Unique per incident (e.g. a UUID); a repeat returns the first."
    )
    severity_id: str = Field(min_length=1, description="Severity id (from severities_list).")
    visibility: Visibility
    name: str | None = None
    summary: str | None = None
    incident_type_id: str | None = None
    incident_status_id: str | None = Field(
        default=None, description="Initial status (from incident_statuses_list)."
    )
    mode: IncidentMode | None = Field(
        default=None, description="Use test for drills: no real announcements."
    )


class IncidentsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentIdOrNumber = id_field(
        "Incident id, or its reference: INC-123 (also #INC-123, 123) is sent as 123."
    )


class IncidentsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentIdOnly = id_field("Incident id (not its INC-123 reference).")
    notify_incident_channel: bool = Field(description="Post the change to the incident channel.")
    name: str | None = None
    summary: str | None = None
    severity_id: str | None = None
    incident_status_id: str | None = Field(
        default=None, description="New status (from incident_statuses_list)."
    )
    incident_type_id: str | None = Field(
        default=None, description="Not editable in incident.io; setting it is an error."
    )

    @model_validator(mode="after")
    def _incident_type_is_not_editable(self) -> Self:
        if self.incident_type_id is not None:
            raise ValueError(
                "incident_type_id cannot be changed: incident.io's edit endpoint has no incident "
                "type field. Remove incident_type_id (change the type in the incident.io dashboard)."
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
        description=(
            "List incidents, newest first, one page per call, filtered by status, category, "
            "severity, type, mode or date."
        ),
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
    ),
    Action(
        name="incidents_create",
        description=(
            "Declare an incident (ids from severities_list, incident_types_list, "
            "incident_statuses_list). Retry-safe with the same idempotency_key."
        ),
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
    ),
    Action(
        name="incidents_show",
        description="Get one incident with status, severity, roles and custom fields.",
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
    ),
    Action(
        name="incidents_update",
        description=(
            "Edit an incident's name, summary, severity or status (from "
            "incident_statuses_list); only the fields given change."
        ),
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
    ),
)
