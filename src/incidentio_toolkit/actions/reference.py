"""Reference data other actions take ids from: severities, incident statuses, incident types."""

from __future__ import annotations

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import JsonObject


class SeveritiesListInput(ActionInput):
    pass


class IncidentStatusesListInput(ActionInput):
    pass


class IncidentTypesListInput(ActionInput):
    pass


class SeveritiesListOutput(ActionOutput):
    severities: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentStatusesListOutput(ActionOutput):
    incident_statuses: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentTypesListOutput(ActionOutput):
    incident_types: list[JsonObject] = Field(default_factory=list[JsonObject])


ACTIONS = (
    Action(
        name="severities_list",
        description="List severities by rank (higher = more severe); ids for severity_id.",
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
    ),
    Action(
        name="incident_statuses_list",
        description="List incident statuses with their category; ids for incident_status_id.",
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
    ),
    Action(
        name="incident_types_list",
        description="List incident types; ids for incident_type_id.",
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
    ),
)
