"""Incident actions (tasks logged during an incident): list and show."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import (
    FIELDS_FIELD,
    INCIDENT_ID_FIELD,
    FieldPaths,
    JsonObject,
    ListIncidentMode,
    id_field,
)
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions.incidents import IncidentId

INCIDENT_ACTION = Projection(
    noun="incident action",
    schema="ActionV2",
    fields=(
        "assignee",
        "completed_at",
        "created_at",
        "creator",
        "description",
        "id",
        "incident_id",
        "status",
        "updated_at",
    ),
    summary=("id", "incident_id", "description", "status", "assignee.name", "completed_at"),
)


class ActionsListInput(ActionInput):
    incident_id: IncidentId | None = INCIDENT_ID_FIELD
    incident_mode: ListIncidentMode | None = Field(default=None)
    fields: FieldPaths | None = FIELDS_FIELD


class ActionsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class ActionsListOutput(ActionOutput):
    actions: list[JsonObject] = Field(default_factory=list[JsonObject])


class ActionsShowOutput(ActionOutput):
    action: JsonObject | None = None


ACTIONS = (
    Action(
        name="actions_list",
        description="List incident actions (tasks).",
        kind="read",
        verb="list",
        toolset="actions",
        method="GET",
        path="/v2/actions",
        operation_id="Actions V2#List",
        success_status=200,
        input=ActionsListInput,
        output=ActionsListOutput,
        result="actions",
        items="actions",
        projection=INCIDENT_ACTION,
    ),
    Action(
        name="actions_show",
        description="One incident action.",
        kind="read",
        verb="show",
        toolset="actions",
        method="GET",
        path="/v2/actions/{id}",
        operation_id="Actions V2#Show",
        success_status=200,
        input=ActionsShowInput,
        output=ActionsShowOutput,
        result="action",
        projection=INCIDENT_ACTION,
    ),
)
