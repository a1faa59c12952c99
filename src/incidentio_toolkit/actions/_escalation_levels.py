"""Escalation path levels and working hours, from the contract's shape to the API's.

The contract describes a path as a list of levels, `{targets, time_to_ack_seconds}`, with targets
that may name their id as `user_id`/`schedule_id`. Such levels are validated into `LevelInput` models,
whose targets' ids may be names (a user's email or name, a schedule's name): the client resolves
them like any marked parameter. When the request is built, each level becomes
`{id: "level-<position>", type: "level", level: {...}}` and each target `{id, type, urgency,
schedule_mode}`. Items already in node form (`id` and `type`) pass through unchanged (ids only),
so branches, repeats and delays can be sent as the API defines them. Working hours given as
`{weekday, start_time, end_time}` items are grouped into one config, in `timezone` (default UTC).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Self, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from incidentio_toolkit.actions._fields import JsonObject, time_zone
from incidentio_toolkit.actions.schedules import ScheduleRef
from incidentio_toolkit.actions.users import UserRef

DEFAULT_TIMEZONE = "UTC"
WORKING_HOURS_ID = "working-hours"

ScheduleMode = Literal[
    "currently_on_call",
    "all_users",
    "next_on_call",
    "all_users_for_rota",
    "currently_on_call_for_rota",
    "next_on_call_for_rota",
]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_LEVEL_SHAPE = (
    "A level is {targets: [{type: user|schedule, id, urgency: high|low}], time_to_ack_seconds}; "
    "a node is {id, type, ...} as in the API."
)
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d|24:00")


class TargetInput(BaseModel):
    """A level target in the contract's shape. Its id is in the field of its type (`user_id` or
    `schedule_id`; `id` is taken as that field), so a name resolves in the right catalog."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    type: Literal["user", "schedule"]
    user_id: UserRef | None = Field(default=None, min_length=1)
    schedule_id: ScheduleRef | None = Field(default=None, min_length=1)
    urgency: Literal["high", "low"] = "high"
    schedule_mode: ScheduleMode | None = None
    selected_rota_id: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _id_by_type(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "id" not in data:
            return cast(Any, data)
        fields = dict(cast(JsonObject, data))
        given = fields.pop("id")
        kind = fields.get("type")
        if kind not in ("user", "schedule") or given is None:
            return fields  # the type's own error says what is wrong
        own = f"{kind}_id"
        if fields.get(own) is not None and fields[own] != given:
            raise ValueError(f"{own} and id differ; give only one of them")
        fields[own] = given
        return fields

    @model_validator(mode="after")
    def _check(self) -> Self:
        own, other = (
            ("user_id", "schedule_id") if self.type == "user" else ("schedule_id", "user_id")
        )
        if getattr(self, other) is not None:
            raise ValueError(f"a {self.type} target takes {own} or id, not {other}")
        if getattr(self, own) is None:
            raise ValueError(f"a {self.type} target needs {own} (or id)")
        if self.type == "user" and (self.schedule_mode or self.selected_rota_id):
            raise ValueError("schedule_mode and selected_rota_id are for schedule targets only")
        for_rota = (self.schedule_mode or "").endswith("_for_rota")
        if for_rota and self.selected_rota_id is None:
            raise ValueError(f"schedule_mode {self.schedule_mode!r} needs selected_rota_id")
        if not for_rota and self.selected_rota_id is not None:
            raise ValueError("selected_rota_id needs a *_for_rota schedule_mode")
        return self

    def to_api(self) -> JsonObject:
        target: JsonObject = {
            "id": self.user_id if self.type == "user" else self.schedule_id,
            "type": self.type,
            "urgency": self.urgency,
        }
        if self.type == "schedule":
            target["schedule_mode"] = self.schedule_mode or "currently_on_call"
            if self.selected_rota_id is not None:
                target["selected_rota_id"] = self.selected_rota_id
        return target


class LevelInput(BaseModel):
    """A level in the contract's shape."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    targets: list[TargetInput] = Field(min_length=1)
    time_to_ack_seconds: int | None = Field(default=None, ge=0)


class _Interval(BaseModel):
    """A working-hours interval in the contract's shape."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    weekday: Weekday
    start_time: str
    end_time: str

    @field_validator("weekday", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("start_time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        padded = value.strip().zfill(5)
        if not _TIME.fullmatch(padded):
            raise ValueError(f"{value!r} is not a 24h HH:MM time such as 09:00")
        return padded


def _problems(error: ValidationError, where: str) -> str:
    """One line per pydantic error, located like the input: `path[0].targets[1].urgency: ...`."""
    lines: list[str] = []
    for item in error.errors():
        location = where + "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in item["loc"]
        )
        lines.append(f"{location}: {item['msg'].removeprefix('Value error, ')}")
    return "; ".join(lines)


def _node_ids(nodes: Iterable[object]) -> set[str]:
    """Every node id already used, including inside if_else branches."""
    found: set[str] = set()
    for node in nodes:
        if not isinstance(node, dict):
            continue
        fields = cast(JsonObject, node)
        if isinstance(fields.get("id"), str):
            found.add(fields["id"])
        branch: object = fields.get("if_else")
        if isinstance(branch, dict):
            for key in ("then_path", "else_path"):
                inner: object = cast(JsonObject, branch).get(key)
                if isinstance(inner, list):
                    found |= _node_ids(cast(list[object], inner))
    return found


def _unique(candidate: str, used: set[str]) -> str:
    name, suffix = candidate, 2
    while name in used:
        name, suffix = f"{candidate}-{suffix}", suffix + 1
    used.add(name)
    return name


def _is_node(item: JsonObject) -> bool:
    return "id" in item and "type" in item


def levels_and_nodes(value: Any) -> Any:
    """Contract levels -> `LevelInput` models; node-form items are kept as they are. Every bad item
    is reported at once, located (`path[1].targets[0].urgency: ...`)."""
    if not isinstance(value, list):
        return value  # pydantic's own error: not a list
    items: list[LevelInput | JsonObject] = []
    problems: list[str] = []
    for index, item in enumerate(cast(list[Any], value)):
        if not isinstance(item, dict):
            problems.append(f"path[{index}]: is a {type(item).__name__}, not an object")
            continue
        fields = cast(JsonObject, item)
        if _is_node(fields):
            items.append(fields)
        elif "type" in fields:
            problems.append(f"path[{index}]: has a type but no id (a node needs a unique id)")
        else:
            try:
                items.append(LevelInput.model_validate(fields))
            except ValidationError as error:
                problems.append(_problems(error, f"path[{index}]"))
    if problems:
        raise ValueError(f"{'; '.join(problems)}. {_LEVEL_SHAPE}")
    return items


def to_nodes(path: list[LevelInput | JsonObject]) -> list[JsonObject]:
    """Levels -> API level nodes with ids unique in the path; node-form items as they are."""
    used = _node_ids(item for item in path if not isinstance(item, LevelInput))
    nodes: list[JsonObject] = []
    for index, item in enumerate(path):
        if not isinstance(item, LevelInput):
            nodes.append(item)
            continue
        body: JsonObject = {"targets": [target.to_api() for target in item.targets]}
        if item.time_to_ack_seconds is not None:
            body["time_to_ack_seconds"] = item.time_to_ack_seconds
        nodes.append({"id": _unique(f"level-{index + 1}", used), "type": "level", "level": body})
    return nodes


def _is_config(item: JsonObject) -> bool:
    return "weekday_intervals" in item


def check_working_hours(items: list[JsonObject]) -> list[JsonObject]:
    """Validate contract-form intervals (normalised); API-form configs are kept as they are."""
    checked: list[JsonObject] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        if _is_config(item):
            timezone = item.get("timezone")
            try:
                if isinstance(timezone, str):
                    time_zone(timezone)
            except ValueError as error:
                problems.append(f"working_hours[{index}].timezone: {error}")
            checked.append(item)
            continue
        try:
            checked.append(_Interval.model_validate(item).model_dump())
        except ValidationError as error:
            problems.append(_problems(error, f"working_hours[{index}]"))
    if problems:
        raise ValueError(
            f"{'; '.join(problems)}. Each item is {{weekday, start_time, end_time}} with HH:MM "
            "times, or an API config with weekday_intervals."
        )
    return checked


def working_hours_configs(items: list[JsonObject], timezone: str | None) -> list[JsonObject]:
    """Group contract-form intervals into one API config; API-form configs pass through."""
    configs = [item for item in items if _is_config(item)]
    intervals = [item for item in items if not _is_config(item)]
    if intervals:
        used = {str(config.get("id")) for config in configs}
        configs.append(
            {
                "id": _unique(WORKING_HOURS_ID, used),
                "name": "Working hours",
                "timezone": timezone or DEFAULT_TIMEZONE,
                "weekday_intervals": intervals,
            }
        )
    return configs


def check_timezone(timezone: str | None, working_hours: list[JsonObject] | None) -> None:
    if timezone is not None and not any(not _is_config(item) for item in working_hours or []):
        raise ValueError(
            "timezone applies to working_hours given as {weekday, start_time, end_time}; "
            "add those, or drop timezone (API-form configs carry their own)."
        )


PathNodes = Annotated[
    list[LevelInput | JsonObject],
    BeforeValidator(levels_and_nodes, json_schema_input_type=list[JsonObject]),
]
"""A path: contract levels as `LevelInput` models (names in their targets are resolved), node-form
items as given; `to_nodes` turns it into the API's nodes."""
WorkingHours = Annotated[list[JsonObject], AfterValidator(check_working_hours)]
