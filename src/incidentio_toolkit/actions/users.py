"""Users: list (find by email or Slack id) and show.

Users are a catalog: parameters that take user ids also take an email, a Slack user id or a name.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    JsonObject,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions._references import Catalog, Lookup, Resolves

USERS = Catalog(
    noun="user",
    list_action="users_list",
    names=("email", "slack_user_id", "name"),
    lookups=(
        Lookup(r"[^@\s]+@[^@\s]+", "email", "email"),
        Lookup(r"[UW][A-Z0-9]{6,}", "slack_user_id", "slack_user_id"),
    ),
)

UserRef = Annotated[str, Resolves(USERS)]

USER = Projection(
    noun="user",
    schema="UserWithRolesV2",
    fields=(
        "base_role",
        "custom_roles",
        "email",
        "id",
        "is_active",
        "name",
        "role",
        "seats",
        "slack_user_id",
    ),
    summary=("id", "name", "email", "role", "slack_user_id", "is_active"),
)


class UsersListInput(ActionInput):
    page_size: int | None = page_size_field(10000)
    after: str | None = AFTER_FIELD
    email: str | None = None
    slack_user_id: str | None = None
    include_inactive: bool | None = None
    fields: FieldPaths | None = FIELDS_FIELD


class UsersShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: UserRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class UsersListOutput(ActionOutput):
    users: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class UsersShowOutput(ActionOutput):
    user: JsonObject | None = None


ACTIONS = (
    Action(
        name="users_list",
        description="List users; find by email.",
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
        projection=USER,
    ),
    Action(
        name="users_show",
        description="One user, by email or name.",
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
        projection=USER,
    ),
)
