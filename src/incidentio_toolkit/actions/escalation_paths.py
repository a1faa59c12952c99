"""Escalation paths: list, create, show, replace and archive.

Levels and working hours are converted to the API's nodes and configs by `_escalation_levels`;
`_escalation_responders` reads a path back (its catalog, summary, and who its levels page now).
"""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import (
    Field,
    model_validator,
)

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._escalation_levels import (
    PathNodes,
    WorkingHours,
    check_timezone,
    working_hours_configs,
)
from incidentio_toolkit.actions._escalation_responders import (
    ESCALATION_PATH,
    EscalationPathRef,
)
from incidentio_toolkit.actions._escalation_responders import (  # the levels, read back
    ESCALATION_PATHS as ESCALATION_PATHS,
)
from incidentio_toolkit.actions._escalation_responders import Level as Level
from incidentio_toolkit.actions._escalation_responders import levels_of as levels_of
from incidentio_toolkit.actions._escalation_responders import paged_people as paged_people
from incidentio_toolkit.actions._escalation_responders import resolve_levels as resolve_levels
from incidentio_toolkit.actions._escalation_responders import (
    schedule_target as schedule_target,
)
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    JsonObject,
    TimeZone,
    id_field,
    page_size_field,
)

_PATH = "[{targets: [{type: user|schedule, id, urgency: high|low}], time_to_ack_seconds}]"
_WORKING_HOURS = "[{weekday, start_time: 09:00, end_time: 17:00}]"
_TIMEZONE = "Of working_hours (default UTC)."


class EscalationPathsListInput(ActionInput):
    page_size: int | None = page_size_field(25)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class EscalationPathsCreateInput(ActionInput):
    name: str = Field(min_length=1)
    path: PathNodes = Field(min_length=1, description=_PATH)
    working_hours: WorkingHours | None = Field(default=None, description=_WORKING_HOURS)
    timezone: TimeZone | None = Field(default=None, min_length=1, description=_TIMEZONE)

    @model_validator(mode="after")
    def _timezone_for_hours(self) -> Self:
        check_timezone(self.timezone, self.working_hours)
        return self


class EscalationPathsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: EscalationPathRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class EscalationPathsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: EscalationPathRef = id_field()
    name: str = Field(min_length=1)
    path: PathNodes = Field(min_length=1)
    working_hours: WorkingHours | None = None
    timezone: TimeZone | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _timezone_for_hours(self) -> Self:
        check_timezone(self.timezone, self.working_hours)
        return self


class EscalationPathsDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: EscalationPathRef = id_field()


def _path_request(arguments: EscalationPathsCreateInput | EscalationPathsUpdateInput) -> ApiRequest:
    body: JsonObject = {"name": arguments.name, "path": arguments.path}
    if arguments.working_hours is not None:
        body["working_hours"] = working_hours_configs(arguments.working_hours, arguments.timezone)
    path_params = {"id": arguments.id} if isinstance(arguments, EscalationPathsUpdateInput) else {}
    return ApiRequest(path_params, json=body)


class EscalationPathsListOutput(ActionOutput):
    escalation_paths: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class EscalationPathsCreateOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsShowOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsUpdateOutput(ActionOutput):
    escalation_path: JsonObject | None = None


class EscalationPathsDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="escalation_paths_list",
        description="List escalation paths.",
        kind="read",
        verb="list",
        toolset="escalation_paths",
        method="GET",
        path="/v2/escalation_paths",
        operation_id="Escalations V2#ListPaths",
        success_status=200,
        input=EscalationPathsListInput,
        output=EscalationPathsListOutput,
        result="escalation_paths",
        projection=ESCALATION_PATH,
        items="escalation_paths",
        cursor="after",
    ),
    Action(
        name="escalation_paths_create",
        description="Create an escalation path.",
        kind="write",
        verb="create",
        toolset="escalation_paths",
        method="POST",
        path="/v2/escalation_paths",
        operation_id="Escalations V2#CreatePath",
        success_status=201,
        input=EscalationPathsCreateInput,
        output=EscalationPathsCreateOutput,
        result="escalation_path",
        projection=ESCALATION_PATH,
        check_with="escalation_paths_list",
        build_request=_path_request,
    ),
    Action(
        name="escalation_paths_show",
        description="One escalation path and its levels.",
        kind="read",
        verb="show",
        toolset="escalation_paths",
        method="GET",
        path="/v2/escalation_paths/{id}",
        operation_id="Escalations V2#ShowPath",
        success_status=200,
        input=EscalationPathsShowInput,
        output=EscalationPathsShowOutput,
        result="escalation_path",
        projection=ESCALATION_PATH,
    ),
    Action(
        name="escalation_paths_update",
        description="Replace an escalation path (as in escalation_paths_create).",
        kind="write",
        verb="update",
        toolset="escalation_paths",
        method="PUT",
        path="/v2/escalation_paths/{id}",
        operation_id="Escalations V2#UpdatePath",
        success_status=200,
        input=EscalationPathsUpdateInput,
        output=EscalationPathsUpdateOutput,
        result="escalation_path",
        projection=ESCALATION_PATH,
        check_with="escalation_paths_show",
        build_request=_path_request,
    ),
    Action(
        name="escalation_paths_delete",
        description="Archive an escalation path.",
        kind="destructive",
        verb="delete",
        toolset="escalation_paths",
        method="DELETE",
        path="/v2/escalation_paths/{id}",
        operation_id="Escalations V2#DestroyPath",
        success_status=204,
        input=EscalationPathsDeleteInput,
        output=EscalationPathsDeleteOutput,
        check_with="escalation_paths_show",
        noun="Escalation path",
    ),
)
