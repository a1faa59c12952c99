"""Users: list (find by email or Slack id) and show."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import AFTER_FIELD, JsonObject, id_field, page_size_field


class UsersListInput(ActionInput):
    page_size: int | None = page_size_field(10000)
    after: str | None = AFTER_FIELD
    email: str | None = None
    slack_user_id: str | None = None
    include_inactive: bool | None = None


class UsersShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class UsersListOutput(ActionOutput):
    users: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class UsersShowOutput(ActionOutput):
    user: JsonObject | None = None


ACTIONS = (
    Action(
        name="users_list",
        description="Find users by email or Slack id, or page through all users.",
        kind="read",
        verb="list",
        toolset="users",
        method="GET",
        path="/v2/users",
        operation_id="Users V2#List",
        success_status=200,
        input=UsersListInput,
        output=UsersListOutput,
        result="users",
        items="users",
        cursor="after",
    ),
    Action(
        name="users_show",
        description="Get one user by id (from users_list).",
        kind="read",
        verb="show",
        toolset="users",
        method="GET",
        path="/v2/users/{id}",
        operation_id="Users V2#Show",
        success_status=200,
        input=UsersShowInput,
        output=UsersShowOutput,
        result="user",
    ),
)
