"""Schedule overrides after they are made: list, correct and remove them.

`schedule_overrides_create` is one of the product contract's actions (in `on_call.py`); these go
beyond it and share the `schedules` toolset. An update sends the whole override, as the API's PUT
requires: incident.io does not let an override change hands, so the user is the one it has (delete
it and create another to put someone else on call).
"""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import Field, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    USER_REFERENCE_FIELDS,
    FieldPaths,
    JsonObject,
    Timestamp,
    check_user_and_window,
    id_field,
    page_size_field,
    with_user_object,
)
from incidentio_toolkit.actions.on_call import SCHEDULE_OVERRIDE
from incidentio_toolkit.actions.schedules import ScheduleRef
from incidentio_toolkit.actions.users import UserRef


class ScheduleOverridesListInput(ActionInput):
    schedule_id: ScheduleRef = Field(min_length=1)
    rotation_id: str | None = None
    layer_id: str | None = None
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class ScheduleOverridesUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    rotation_id: str = Field(min_length=1)
    layer_id: str = Field(min_length=1)
    start_at: Timestamp
    end_at: Timestamp
    user_id: UserRef | None = None
    user_email: str | None = None
    user_slack_id: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        user = {name: getattr(self, name) for name, _ in USER_REFERENCE_FIELDS}
        check_user_and_window(user, self.start_at, self.end_at)
        return self


class ScheduleOverridesDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


def _update_request(arguments: ScheduleOverridesUpdateInput) -> ApiRequest:
    values = arguments.model_dump(exclude_none=True)
    override_id = values.pop("id")
    return ApiRequest({"id": override_id}, json=with_user_object(values))


class ScheduleOverridesListOutput(ActionOutput):
    overrides: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class ScheduleOverridesUpdateOutput(ActionOutput):
    override: JsonObject | None = None


class ScheduleOverridesDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="schedule_overrides_list",
        description="List a schedule's overrides.",
        kind="read",
        verb="list",
        toolset="schedules",
        method="GET",
        path="/v2/schedule_overrides",
        operation_id="Schedules V2#ListOverrides",
        success_status=200,
        input=ScheduleOverridesListInput,
        output=ScheduleOverridesListOutput,
        result="overrides",
        items="overrides",
        cursor="after",
        projection=SCHEDULE_OVERRIDE,
    ),
    Action(
        name="schedule_overrides_update",
        description="Move an override; send all its fields (same user).",
        kind="write",
        verb="update",
        toolset="schedules",
        method="PUT",
        path="/v2/schedule_overrides/{id}",
        operation_id="Schedules V2#UpdateOverride",
        success_status=200,
        input=ScheduleOverridesUpdateInput,
        output=ScheduleOverridesUpdateOutput,
        result="override",
        check_with="schedule_overrides_list",
        projection=SCHEDULE_OVERRIDE,
        build_request=_update_request,
    ),
    Action(
        name="schedule_overrides_delete",
        description="Delete a schedule override.",
        kind="destructive",
        verb="delete",
        toolset="schedules",
        method="DELETE",
        path="/v2/schedule_overrides/{id}",
        operation_id="Schedules V2#DestroyOverride",
        success_status=204,
        input=ScheduleOverridesDeleteInput,
        output=ScheduleOverridesDeleteOutput,
        check_with="schedule_overrides_list",
        noun="Schedule override",
    ),
)
