"""Who is on call: a schedule's entries over a time window, and one-off overrides.

Times are checked as ISO 8601 with a UTC offset before any request, and sent in RFC 3339 form.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import (
    FIELDS_FIELD,
    USER_REFERENCE_FIELDS,
    FieldPaths,
    JsonObject,
    Timestamp,
    check_user_and_window,
    with_user_object,
)
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions.schedules import ScheduleRef
from incidentio_toolkit.actions.users import UserRef

SCHEDULE_ENTRY = Projection(
    noun="schedule entry",
    schema="ScheduleEntryV2",
    fields=("end_at", "entry_id", "fingerprint", "layer_id", "rotation_id", "start_at", "user"),
    summary=("user.name", "user.email", "start_at", "end_at", "layer_id"),
)
"""One shift of the final rota (overrides applied); `scheduled` and `overrides` are left out."""

SCHEDULE_OVERRIDE = Projection(
    noun="schedule override",
    schema="ScheduleOverrideV2",
    fields=(
        "created_at",
        "end_at",
        "id",
        "layer_id",
        "rotation_id",
        "schedule_id",
        "start_at",
        "updated_at",
        "user",
    ),
    summary=("id", "schedule_id", "user.name", "start_at", "end_at", "layer_id"),
)


class ScheduleEntriesListInput(ActionInput):
    schedule_id: ScheduleRef = Field(min_length=1)
    entry_window_start: str | None = Field(
        default=None, description="Or pagination_meta.after for the next page."
    )
    entry_window_end: Timestamp | None = Field(default=None)
    fields: FieldPaths | None = FIELDS_FIELD


class ScheduleOverridesCreateInput(ActionInput):
    rotation_id: str = Field(min_length=1)
    layer_id: str = Field(min_length=1)
    schedule_id: ScheduleRef = Field(min_length=1)
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


def _override_request(arguments: ScheduleOverridesCreateInput) -> ApiRequest:
    return ApiRequest({}, json=with_user_object(arguments.api_values()))


class ScheduleEntriesListOutput(ActionOutput):
    schedule_entries: JsonObject | None = None
    pagination_meta: JsonObject | None = None


class ScheduleOverridesCreateOutput(ActionOutput):
    override: JsonObject | None = None


ACTIONS = (
    Action(
        name="schedule_entries_list",
        description="Who is on call for a schedule in a window.",
        kind="read",
        verb="list",
        toolset="schedules",
        method="GET",
        path="/v2/schedule_entries",
        operation_id="Schedules V2#ListScheduleEntries",
        success_status=200,
        input=ScheduleEntriesListInput,
        output=ScheduleEntriesListOutput,
        result="schedule_entries",
        projection=SCHEDULE_ENTRY,
        items="schedule_entries.final",
        cursor="entry_window_start",
    ),
    Action(
        name="schedule_overrides_create",
        description="Put someone on call instead of the rota.",
        kind="write",
        verb="create",
        toolset="schedules",
        method="POST",
        path="/v2/schedule_overrides",
        operation_id="Schedules V2#CreateOverride",
        success_status=201,
        input=ScheduleOverridesCreateInput,
        output=ScheduleOverridesCreateOutput,
        result="override",
        projection=SCHEDULE_OVERRIDE,
        check_with="schedule_entries_list",
        build_request=_override_request,
    ),
)
