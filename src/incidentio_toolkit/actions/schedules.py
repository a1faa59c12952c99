"""On-call schedules: list, create, show, replace and archive.

The API nests everything under `schedule` and calls the rotations `config`; the contract's flat
`name`, `timezone` and `rotations_config` are mapped there. `rotations_config` may be the
`{"rotations": [...]}` object or a bare list of rotations; each rotation is sent as given, but
that its users' `id` may be a name or an email (resolved like any marked parameter).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Self, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    JsonObject,
    TimeZone,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._projection import (
    Projection,
    name_of,
    names_of,
    objects,
    value_at,
)
from incidentio_toolkit.actions._references import Catalog, Resolves
from incidentio_toolkit.actions.users import UserRef

SCHEDULES = Catalog(noun="schedule", list_action="schedules_list", full_pages=False)
"""Listed 25 to a page: a larger page answers without the schedules' `next_shifts`."""
ScheduleRef = Annotated[str, Resolves(SCHEDULES)]

_ROTATIONS = (
    "[{name, users: [{id}], layers: [{name}], handover_start_at, handovers: [{interval, "
    "interval_type}]}]"
)


class RotationUser(BaseModel):
    """A rotation's user (the API's `UserReferencePayloadV2`): `id` may be a name or an email."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    id: UserRef | None = None


class Rotation(BaseModel):
    """A rotation, sent as given (every field the API defines passes through) but for its users'
    ids, which may be names."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    users: list[RotationUser] | None = None

    def to_api(self) -> JsonObject:
        """The rotation as it was given, its users' ids resolved."""
        return self.model_dump(exclude_unset=True)


def _rotations_list(value: Any) -> Any:
    """`{"rotations": [...]}` or `[...]` -> the list of rotations, each an object with a name."""
    if isinstance(value, dict):
        config = cast(JsonObject, value)
        if not isinstance(config.get("rotations"), list):
            raise ValueError(
                'rotations_config needs a "rotations" list: send {"rotations": [{"name": ...}, '
                "...]} or the list of rotations itself."
            )
        if len(config) > 1:
            others = ", ".join(sorted(repr(key) for key in config if key != "rotations"))
            raise ValueError(f'rotations_config takes only "rotations"; remove {others}.')
        value = config["rotations"]
    if isinstance(value, list):
        for index, rotation in enumerate(cast(list[object], value)):
            if not isinstance(rotation, dict) or not cast(JsonObject, rotation).get("name"):
                raise ValueError(f'rotations[{index}] needs a "name" (each rotation is an object).')
    return cast(Any, value)


RotationsConfig = Annotated[
    list[Rotation],
    BeforeValidator(_rotations_list, json_schema_input_type=JsonObject | list[JsonObject]),
]
"""The rotations, given as `{"rotations": [...]}` or the bare list."""


def rotations_of(schedule: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The rotations of a schedule (`config.rotations`)."""
    return list(objects(value_at(schedule, "config.rotations")))


def layer_names(schedule: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """`{(rotation id, layer id): label}`: the layer's name, prefixed by its rotation's when the
    schedule has several rotations and the two names differ (`Follow the sun / Primary`)."""
    rotations = rotations_of(schedule)
    found: dict[tuple[str, str], str] = {}
    for rotation in rotations:
        rotation_name = name_of(rotation) or ""
        for layer in objects(rotation.get("layers")):
            label = name_of(layer) or ""
            if len(rotations) > 1 and rotation_name and rotation_name != label:
                label = f"{rotation_name} / {label}" if label else rotation_name
            found[(str(rotation.get("id")), str(layer.get("id")))] = label
    return found


def shift(entry: Mapping[str, Any], layers: Mapping[tuple[str, str], str]) -> JsonObject:
    """One shift as agents read it: who (`user` name and `email`), which `layer`, `from` and
    `until` when."""
    out: JsonObject = {
        "user": value_at(entry, "user.name"),
        "email": value_at(entry, "user.email"),
    }
    layer = layers.get((str(entry.get("rotation_id")), str(entry.get("layer_id"))))
    if layer:
        out["layer"] = layer
    out["from"] = entry.get("start_at")
    out["until"] = entry.get("end_at")
    return {key: value for key, value in out.items() if value is not None}


def _shifts(key: str) -> Any:
    def derive(schedule: Mapping[str, Any]) -> list[JsonObject]:
        layers = layer_names(schedule)
        return [shift(entry, layers) for entry in objects(schedule.get(key))]

    return derive


def _rotations(schedule: Mapping[str, Any]) -> list[JsonObject]:
    return [
        {
            "name": name_of(rotation),
            "layers": names_of(rotation.get("layers")),
            "users": names_of(rotation.get("users")),
        }
        for rotation in rotations_of(schedule)
    ]


SCHEDULE = Projection(
    noun="schedule",
    schema="ScheduleV2",
    fields=(
        "annotations",
        "config",
        "created_at",
        "current_shifts",
        "holidays_public_config",
        "id",
        "name",
        "next_shifts",
        "permalink",
        "team_ids",
        "timezone",
        "updated_at",
    ),
    summary=("id", "name", "timezone", "team_ids"),
    derived={
        "rotations": _rotations,
        "on_call_now": _shifts("current_shifts"),
        "next": _shifts("next_shifts"),
    },
)
"""A schedule with its rotations by name, who is on call now and who is next (names, layers)."""


class SchedulesListInput(ActionInput):
    page_size: int | None = page_size_field(10000)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class SchedulesCreateInput(ActionInput):
    name: str = Field(min_length=1)
    timezone: TimeZone = Field(min_length=1)
    rotations_config: RotationsConfig = Field(description=_ROTATIONS)


class SchedulesShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: ScheduleRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class SchedulesUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    described_by: ClassVar[type[ActionInput] | None] = SchedulesCreateInput
    id: ScheduleRef = id_field()
    name: str | None = None
    timezone: TimeZone | None = None
    rotations_config: RotationsConfig | None = None

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.name is None and self.timezone is None and self.rotations_config is None:
            raise ValueError("Nothing to update: give name, timezone or rotations_config.")
        return self


class SchedulesDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: ScheduleRef = id_field()


def _schedule_request(arguments: SchedulesCreateInput | SchedulesUpdateInput) -> ApiRequest:
    schedule: JsonObject = {}
    if arguments.name is not None:
        schedule["name"] = arguments.name
    if arguments.timezone is not None:
        schedule["timezone"] = arguments.timezone
    if arguments.rotations_config is not None:
        schedule["config"] = {"rotations": [r.to_api() for r in arguments.rotations_config]}
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
        description="List on-call schedules.",
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
        projection=SCHEDULE,
        items="schedules",
        cursor="after",
    ),
    Action(
        name="schedules_create",
        description="Create an on-call schedule.",
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
        projection=SCHEDULE,
        check_with="schedules_list",
        build_request=_schedule_request,
    ),
    Action(
        name="schedules_show",
        description="One schedule with its shifts.",
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
        projection=SCHEDULE,
    ),
    Action(
        name="schedules_update",
        description="Edit a schedule (as in schedules_create); rotations given replace all.",
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
        projection=SCHEDULE,
        check_with="schedules_show",
        build_request=_schedule_request,
    ),
    Action(
        name="schedules_delete",
        description="Archive an on-call schedule.",
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
