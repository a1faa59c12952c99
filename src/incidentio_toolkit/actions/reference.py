"""Reference data other actions take ids from: severities, incident statuses, incident types.

Each is a catalog: parameters that take their ids also take their names.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import FIELDS_FIELD, FieldPaths, JsonObject
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions._references import Catalog, Resolves

SEVERITIES = Catalog(noun="severity", list_action="severities_list")
INCIDENT_STATUSES = Catalog(noun="incident status", list_action="incident_statuses_list")
INCIDENT_TYPES = Catalog(noun="incident type", list_action="incident_types_list")

SeverityRef = Annotated[str, Resolves(SEVERITIES)]
IncidentStatusRef = Annotated[str, Resolves(INCIDENT_STATUSES)]
IncidentTypeRef = Annotated[str, Resolves(INCIDENT_TYPES)]

SEVERITY = Projection(
    noun="severity",
    schema="SeverityV1",
    fields=("created_at", "description", "id", "name", "rank", "updated_at"),
    summary=("id", "name", "rank", "description"),
)
INCIDENT_STATUS = Projection(
    noun="incident status",
    schema="IncidentStatusV1",
    fields=("category", "created_at", "description", "id", "name", "rank", "updated_at"),
    summary=("id", "name", "category", "rank"),
)
INCIDENT_TYPE = Projection(
    noun="incident type",
    schema="IncidentTypeV1",
    fields=(
        "create_in_triage",
        "created_at",
        "description",
        "id",
        "is_default",
        "name",
        "owning_team_ids",
        "private_incidents_only",
        "updated_at",
    ),
    summary=(
        "id",
        "name",
        "description",
        "is_default",
        "private_incidents_only",
        "create_in_triage",
    ),
)


class SeveritiesListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentStatusesListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentTypesListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class SeveritiesListOutput(ActionOutput):
    severities: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentStatusesListOutput(ActionOutput):
    incident_statuses: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentTypesListOutput(ActionOutput):
    incident_types: list[JsonObject] = Field(default_factory=list[JsonObject])


ACTIONS = (
    Action(
        name="severities_list",
        description="List severities (higher rank is more severe).",
        kind="read",
        verb="list",
        toolset="reference",
        method="GET",
        path="/v1/severities",
        operation_id="Severities V1#List",
        success_status=200,
        input=SeveritiesListInput,
        output=SeveritiesListOutput,
        result="severities",
        items="severities",
        projection=SEVERITY,
    ),
    Action(
        name="incident_statuses_list",
        description="List incident statuses.",
        kind="read",
        verb="list",
        toolset="reference",
        method="GET",
        path="/v1/incident_statuses",
        operation_id="Incident Statuses V1#List",
        success_status=200,
        input=IncidentStatusesListInput,
        output=IncidentStatusesListOutput,
        result="incident_statuses",
        items="incident_statuses",
        projection=INCIDENT_STATUS,
    ),
    Action(
        name="incident_types_list",
        description="List incident types.",
        kind="read",
        verb="list",
        toolset="reference",
        method="GET",
        path="/v1/incident_types",
        operation_id="Incident Types V1#List",
        success_status=200,
        input=IncidentTypesListInput,
        output=IncidentTypesListOutput,
        result="incident_types",
        items="incident_types",
        projection=INCIDENT_TYPE,
    ),
)
