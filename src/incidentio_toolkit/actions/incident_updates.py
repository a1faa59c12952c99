"""Incident updates: the status and severity changes posted over an incident's life."""

from __future__ import annotations

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    INCIDENT_ID_FIELD,
    FieldPaths,
    JsonObject,
    page_size_field,
)
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions.incidents import IncidentId

INCIDENT_UPDATE = Projection(
    noun="incident update",
    schema="IncidentUpdateV2",
    fields=(
        "created_at",
        "id",
        "incident_id",
        "merged_into_incident_id",
        "message",
        "new_incident_status",
        "new_severity",
        "updater",
    ),
    summary=(
        "id",
        "incident_id",
        "created_at",
        "message",
        "new_incident_status.name",
        "new_severity.name",
        "updater.user.name",
        "merged_into_incident_id",
    ),
)


class IncidentUpdatesListInput(ActionInput):
    incident_id: IncidentId | None = INCIDENT_ID_FIELD
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentUpdatesListOutput(ActionOutput):
    incident_updates: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


ACTIONS = (
    Action(
        name="incident_updates_list",
        description="List incident updates.",
        kind="read",
        verb="list",
        toolset="incidents",
        method="GET",
        path="/v2/incident_updates",
        operation_id="Incident Updates V2#List",
        success_status=200,
        input=IncidentUpdatesListInput,
        output=IncidentUpdatesListOutput,
        result="incident_updates",
        items="incident_updates",
        cursor="after",
        projection=INCIDENT_UPDATE,
    ),
)
