"""Who is on call: a schedule's entries over a time window, and one-off overrides.

Times are validated as ISO 8601 with a UTC offset before any request, and sent in RFC 3339 form.
"""

from __future__ import annotations

from typing import Self

from pydantic import AwareDatetime, Field, model_validator

from incidentio_toolkit import outputs
from incidentio_toolkit.actions._base import Action, ActionInput, ApiRequest, QueryItems
from incidentio_toolkit.actions._fields import JsonObject


class ScheduleEntriesListInput(ActionInput):
    schedule_id: str = Field(min_length=1, description="From schedules_list.")
    entry_window_start: str | None = Field(
        default=None,
        description="ISO 8601 (default now), or pagination_meta.after.",
    )
    entry_window_end: AwareDatetime | None = Field(
        default=None, description="ISO 8601 with offset."
    )


def _entries_request(arguments: ScheduleEntriesListInput) -> ApiRequest:
    values = arguments.model_dump(mode="json", exclude_none=True)
    query: QueryItems = [(name, str(value)) for name, value in values.items()]
    return ApiRequest({}, query)


_USER_FIELDS = (("user_id", "id"), ("user_email", "email"), ("user_slack_id", "slack_user_id"))


class ScheduleOverridesCreateInput(ActionInput):
    rotation_id: str = Field(min_length=1, description="From schedules_show.")
    layer_id: str = Field(min_length=1, description="From schedules_show.")
    schedule_id: str = Field(min_length=1, description="From schedules_list.")
    start_at: AwareDatetime = Field(description="ISO 8601 with offset, e.g. 2025-01-31T09:00:00Z.")
    end_at: AwareDatetime
    user_id: str | None = Field(
        default=None, description="From users_list; or user_email, user_slack_id."
    )
    user_email: str | None = None
    user_slack_id: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if all(getattr(self, name) is None for name, _ in _USER_FIELDS):
            raise ValueError(
                "No user for the override: give user_id (from users_list), user_email or "
                "user_slack_id."
            )
        if self.end_at <= self.start_at:
            raise ValueError(
                f"end_at ({self.end_at.isoformat()}) must be after start_at "
                f"({self.start_at.isoformat()})."
            )
        return self


def _override_request(arguments: ScheduleOverridesCreateInput) -> ApiRequest:
    values = arguments.model_dump(mode="json", exclude_none=True)
    user: JsonObject = {key: values.pop(name) for name, key in _USER_FIELDS if name in values}
    return ApiRequest({}, json={**values, "user": user})


ACTIONS = (
    Action(
        name="schedule_entries_list",
        description=(
            "Who is on call for a schedule in a time window (use final). Next page: "
            "entry_window_start = pagination_meta.after."
        ),
        kind="read",
        toolset="schedules",
        method="GET",
        path="/v2/schedule_entries",
        operation_id="Schedules V2#ListScheduleEntries",
        success_status=200,
        input=ScheduleEntriesListInput,
        output=outputs.ScheduleEntriesListOutput,
        build_request=_entries_request,
    ),
    Action(
        name="schedule_overrides_create",
        description=(
            "Put a user on call instead of the rota for a time range. Rotation and layer ids from "
            "schedules_show. Returns override."
        ),
        kind="write",
        toolset="schedules",
        method="POST",
        path="/v2/schedule_overrides",
        operation_id="Schedules V2#CreateOverride",
        success_status=201,
        input=ScheduleOverridesCreateInput,
        output=outputs.ScheduleOverridesCreateOutput,
        build_request=_override_request,
    ),
)
