"""Escalation paths: list, create, show, replace and archive.

Levels and working hours are converted to the API's nodes and configs by `_escalation_levels`;
`_escalation_responders` reads a path back (its catalog, summary, and who its levels page now).
The API's replace clears what it is not sent, so `escalation_paths_update` keeps the path's
current teams, repeat and working hours when they are left out (`Action.keeps`: one read first).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._escalation_levels import (
    PathNodes,
    WorkingHours,
    check_timezone,
    to_nodes,
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
    IdList,
    JsonObject,
    TimeZone,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._references import Resolves
from incidentio_toolkit.actions.teams import TEAMS

_PATH = "[{targets: [{type: user|schedule, id, urgency}], time_to_ack_seconds}]"
_WORKING_HOURS = "[{weekday, start_time: 09:00, end_time}] in timezone or UTC"
_REPEAT = "{repeat_after_seconds: 300-345600, delay_repeat_on_activity}"


class _Repeat(BaseModel):
    """The API's `EscalationPathRepeatConfigV2`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    repeat_after_seconds: int = Field(ge=300, le=345600)
    delay_repeat_on_activity: bool = False


def _repeat_config(value: JsonObject) -> JsonObject:
    try:
        return _Repeat.model_validate(value).model_dump()
    except ValidationError as error:
        problems = "; ".join(
            f"repeat_config.{'.'.join(map(str, item['loc']))}: {item['msg']}"
            for item in error.errors()
        )
        raise ValueError(f"{problems}. Give {_REPEAT}.") from None


RepeatConfig = Annotated[JsonObject, AfterValidator(_repeat_config)]
TeamIds = Annotated[IdList, Resolves(TEAMS)]


class EscalationPathsListInput(ActionInput):
    page_size: int | None = page_size_field(25)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class EscalationPathsCreateInput(ActionInput):
    name: str = Field(min_length=1)
    path: PathNodes = Field(min_length=1, description=_PATH)
    working_hours: WorkingHours | None = Field(default=None, description=_WORKING_HOURS)
    timezone: TimeZone | None = Field(default=None, min_length=1)
    team_ids: TeamIds | None = None
    repeat_config: RepeatConfig | None = None

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
    team_ids: TeamIds | None = None
    repeat_config: RepeatConfig | None = None

    @model_validator(mode="after")
    def _timezone_for_hours(self) -> Self:
        check_timezone(self.timezone, self.working_hours)
        return self


class EscalationPathsDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: EscalationPathRef = id_field()


def _path_request(arguments: EscalationPathsCreateInput | EscalationPathsUpdateInput) -> ApiRequest:
    body: JsonObject = {"name": arguments.name, "path": to_nodes(arguments.path)}
    if arguments.working_hours is not None:
        body["working_hours"] = working_hours_configs(arguments.working_hours, arguments.timezone)
    if arguments.team_ids is not None:
        body["team_ids"] = arguments.team_ids
    if arguments.repeat_config is not None:
        body["repeat_config"] = arguments.repeat_config
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
        description="Edit an escalation path (as in escalation_paths_create).",
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
        keeps=("team_ids", "repeat_config", "working_hours"),
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
