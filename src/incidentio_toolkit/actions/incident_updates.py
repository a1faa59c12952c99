"""Incident updates: the status and severity changes posted over an incident's life."""

from __future__ import annotations

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    INCIDENT_ID_FIELD,
    JsonObject,
    page_size_field,
)


class IncidentUpdatesListInput(ActionInput):
    incident_id: str | None = INCIDENT_ID_FIELD
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD


class IncidentUpdatesListOutput(ActionOutput):
    incident_updates: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


ACTIONS = (
    Action(
        name="incident_updates_list",
        description=(
            "List updates posted on incidents (message, new status, severity), optionally for one."
        ),
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
    ),
)
