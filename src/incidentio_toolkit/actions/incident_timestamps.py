"""Incident timestamps (reported at, fixed at, ...): list and show their definitions."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import FIELDS_FIELD, FieldPaths, JsonObject, id_field
from incidentio_toolkit.actions._projection import Projection

INCIDENT_TIMESTAMP = Projection(
    noun="incident timestamp",
    schema="IncidentTimestampV2",
    fields=("id", "name", "rank"),
    summary=("id", "name", "rank"),
)


class IncidentTimestampsListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentTimestampsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentTimestampsListOutput(ActionOutput):
    incident_timestamps: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentTimestampsShowOutput(ActionOutput):
    incident_timestamp: JsonObject | None = None


ACTIONS = (
    Action(
        name="incident_timestamps_list",
        description="List incident timestamp kinds.",
        kind="read",
        verb="list",
        toolset="reference",
        method="GET",
        path="/v2/incident_timestamps",
        operation_id="Incident Timestamps V2#List",
        success_status=200,
        input=IncidentTimestampsListInput,
        output=IncidentTimestampsListOutput,
        result="incident_timestamps",
        projection=INCIDENT_TIMESTAMP,
        items="incident_timestamps",
    ),
    Action(
        name="incident_timestamps_show",
        description="One incident timestamp.",
        kind="read",
        verb="show",
        toolset="reference",
        method="GET",
        path="/v2/incident_timestamps/{id}",
        operation_id="Incident Timestamps V2#Show",
        success_status=200,
        input=IncidentTimestampsShowInput,
        output=IncidentTimestampsShowOutput,
        result="incident_timestamp",
        projection=INCIDENT_TIMESTAMP,
    ),
)
