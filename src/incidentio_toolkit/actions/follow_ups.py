"""Follow-ups (post-incident work): list and show."""

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

FOLLOW_UP = Projection(
    noun="follow-up",
    schema="FollowUpV2",
    fields=(
        "assignee",
        "assignee_team",
        "completed_at",
        "created_at",
        "creator",
        "description",
        "external_issue_reference",
        "id",
        "incident_id",
        "labels",
        "priority",
        "status",
        "title",
        "updated_at",
    ),
    summary=(
        "id",
        "incident_id",
        "title",
        "status",
        "priority.name",
        "assignee.name",
        "assignee_team.name",
        "completed_at",
        "external_issue_reference.issue_name",
    ),
)


class FollowUpsListInput(ActionInput):
    incident_id: IncidentId | None = INCIDENT_ID_FIELD
    incident_mode: ListIncidentMode | None = Field(default=None)
    fields: FieldPaths | None = FIELDS_FIELD


class FollowUpsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class FollowUpsListOutput(ActionOutput):
    follow_ups: list[JsonObject] = Field(default_factory=list[JsonObject])


class FollowUpsShowOutput(ActionOutput):
    follow_up: JsonObject | None = None


ACTIONS = (
    Action(
        name="follow_ups_list",
        description="List follow-ups (post-incident work).",
        kind="read",
        verb="list",
        toolset="follow_ups",
        method="GET",
        path="/v2/follow_ups",
        operation_id="Follow-ups V2#List",
        success_status=200,
        input=FollowUpsListInput,
        output=FollowUpsListOutput,
        result="follow_ups",
        items="follow_ups",
        projection=FOLLOW_UP,
    ),
    Action(
        name="follow_ups_show",
        description="One follow-up of an incident.",
        kind="read",
        verb="show",
        toolset="follow_ups",
        method="GET",
        path="/v2/follow_ups/{id}",
        operation_id="Follow-ups V2#Show",
        success_status=200,
        input=FollowUpsShowInput,
        output=FollowUpsShowOutput,
        result="follow_up",
        projection=FOLLOW_UP,
    ),
)
