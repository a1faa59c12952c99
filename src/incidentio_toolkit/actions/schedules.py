"""On-call schedules: list, create, show, replace and archive.

The API nests everything under `schedule` and calls the rotations `config`; the contract's flat
`name`, `timezone` and `rotations_config` are mapped there. `rotations_config` may be the
`{"rotations": [...]}` object or a bare list of rotations.
"""

from __future__ import annotations

from typing import ClassVar, Self, cast

from pydantic import Field, field_validator, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import AFTER_FIELD, JsonObject, id_field, page_size_field

RotationsConfig = JsonObject | list[JsonObject]

_ROTATIONS = (
    "{rotations: [{name, users: [{id}], layers: [{name}], handover_start_at, "
    "handovers: [{interval, interval_type}]}]} or the list."
)


def _rotations_object(value: RotationsConfig) -> JsonObject:
    """`[...]` -> `{"rotations": [...]}`; an object must already carry a `rotations` list."""
    if isinstance(value, list):
        return {"rotations": value}
    if not isinstance(value.get("rotations"), list):
        raise ValueError(
            'rotations_config needs a "rotations" list: send {"rotations": [{"name": ...}, ...]} '
            "or the list of rotations itself."
        )
    return value


class SchedulesListInput(ActionInput):
    page_size: int | None = page_size_field(10000)
    after: str | None = AFTER_FIELD


class SchedulesCreateInput(ActionInput):
    name: str = Field(min_length=1)
    timezone: str = Field(min_length=1, description="e.g. America/New_York.")
    rotations_config: RotationsConfig = Field(description=_ROTATIONS)

    @field_validator("rotations_config", mode="after")
    @classmethod
    def _wrap_rotations(cls, value: RotationsConfig) -> JsonObject:
        config = _rotations_object(value)
        rotations: list[object] = config["rotations"]
        for index, rotation in enumerate(rotations):
            if not isinstance(rotation, dict) or not cast(JsonObject, rotation).get("name"):
                raise ValueError(f'rotations[{index}] needs a "name" (each rotation is an object).')
        return config


class SchedulesShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class SchedulesUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field("From schedules_list.")
    name: str | None = None
    timezone: str | None = None
    rotations_config: RotationsConfig | None = Field(
        default=None, description="As in schedules_create."
    )

    @field_validator("rotations_config", mode="after")
    @classmethod
    def _wrap_rotations(cls, value: RotationsConfig | None) -> JsonObject | None:
        return None if value is None else _rotations_object(value)

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.name is None and self.timezone is None and self.rotations_config is None:
            raise ValueError("Nothing to update: give name, timezone or rotations_config.")
        return self


class SchedulesDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


def _schedule_request(arguments: SchedulesCreateInput | SchedulesUpdateInput) -> ApiRequest:
    schedule: JsonObject = {}
    if arguments.name is not None:
        schedule["name"] = arguments.name
    if arguments.timezone is not None:
        schedule["timezone"] = arguments.timezone
    if arguments.rotations_config is not None:
        schedule["config"] = arguments.rotations_config
    path_params = {"id": arguments.id} if isinstance(arguments, SchedulesUpdateInput) else {}
    return ApiRequest(path_params, json={"schedule": schedule})


class SchedulesListOutput(ActionOutput):
    schedules: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class SchedulesCreateOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesShowOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesUpdateOutput(ActionOutput):
    schedule: JsonObject | None = None


class SchedulesDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="schedules_list",
        description="List on-call schedules with rotations and current shifts.",
        kind="read",
        verb="list",
        toolset="schedules",
        method="GET",
        path="/v2/schedules",
        operation_id="Schedules V2#List",
        success_status=200,
        input=SchedulesListInput,
        output=SchedulesListOutput,
        result="schedules",
        items="schedules",
        cursor="after",
    ),
    Action(
        name="schedules_create",
        description="Create an on-call schedule with rotations (user ids from users_list).",
        kind="write",
        verb="create",
        toolset="schedules",
        method="POST",
        path="/v2/schedules",
        operation_id="Schedules V2#Create",
        success_status=201,
        input=SchedulesCreateInput,
        output=SchedulesCreateOutput,
        result="schedule",
        check_with="schedules_list",
        build_request=_schedule_request,
    ),
    Action(
        name="schedules_show",
        description="Get a schedule with rotations and shifts by id (from schedules_list).",
        kind="read",
        verb="show",
        toolset="schedules",
        method="GET",
        path="/v2/schedules/{id}",
        operation_id="Schedules V2#Show",
        success_status=200,
        input=SchedulesShowInput,
        output=SchedulesShowOutput,
        result="schedule",
    ),
    Action(
        name="schedules_update",
        description=(
            "Change a schedule's name, timezone or rotations; rotations sent replace all, so "
            "start from schedules_show."
        ),
        kind="write",
        verb="update",
        toolset="schedules",
        method="PUT",
        path="/v2/schedules/{id}",
        operation_id="Schedules V2#Update",
        success_status=200,
        input=SchedulesUpdateInput,
        output=SchedulesUpdateOutput,
        result="schedule",
        check_with="schedules_show",
        build_request=_schedule_request,
    ),
    Action(
        name="schedules_delete",
        description=(
            "Archive a schedule by id (from schedules_list); fails while it has active replicas."
        ),
        kind="destructive",
        verb="delete",
        toolset="schedules",
        method="DELETE",
        path="/v2/schedules/{id}",
        operation_id="Schedules V2#Destroy",
        success_status=202,
        input=SchedulesDeleteInput,
        output=SchedulesDeleteOutput,
        check_with="schedules_show",
        noun="Schedule",
    ),
)
