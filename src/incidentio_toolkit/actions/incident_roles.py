"""Incident roles (lead, reporter, custom): list, create, show, update and delete."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import FIELDS_FIELD, FieldPaths, JsonObject, id_field
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions._references import Catalog, Resolves

INCIDENT_ROLES = Catalog(noun="incident role", list_action="incident_roles_list")
IncidentRoleRef = Annotated[str, Resolves(INCIDENT_ROLES)]

INCIDENT_ROLE = Projection(
    noun="incident role",
    schema="IncidentRoleV2",
    fields=(
        "created_at",
        "description",
        "id",
        "instructions",
        "name",
        "role_type",
        "shortform",
        "updated_at",
    ),
    summary=("id", "name", "role_type", "shortform", "description"),
)


class IncidentRolesListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentRolesCreateInput(ActionInput):
    name: str = Field(min_length=1)
    description: str
    instructions: str
    shortform: str


class IncidentRolesShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentRoleRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class IncidentRolesUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentRoleRef = id_field()
    name: str = Field(min_length=1)
    description: str
    instructions: str
    shortform: str


class IncidentRolesDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: IncidentRoleRef = id_field()


class IncidentRolesListOutput(ActionOutput):
    incident_roles: list[JsonObject] = Field(default_factory=list[JsonObject])


class IncidentRolesCreateOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesShowOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesUpdateOutput(ActionOutput):
    incident_role: JsonObject | None = None


class IncidentRolesDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="incident_roles_list",
        description="List incident roles.",
        kind="read",
        verb="list",
        toolset="incident_roles",
        method="GET",
        path="/v2/incident_roles",
        operation_id="Incident Roles V2#List",
        success_status=200,
        input=IncidentRolesListInput,
        output=IncidentRolesListOutput,
        result="incident_roles",
        projection=INCIDENT_ROLE,
        items="incident_roles",
    ),
    Action(
        name="incident_roles_create",
        description="Create an incident role.",
        kind="write",
        verb="create",
        toolset="incident_roles",
        method="POST",
        path="/v2/incident_roles",
        operation_id="Incident Roles V2#Create",
        success_status=201,
        input=IncidentRolesCreateInput,
        output=IncidentRolesCreateOutput,
        result="incident_role",
        projection=INCIDENT_ROLE,
        check_with="incident_roles_list",
    ),
    Action(
        name="incident_roles_show",
        description="One incident role, by name.",
        kind="read",
        verb="show",
        toolset="incident_roles",
        method="GET",
        path="/v2/incident_roles/{id}",
        operation_id="Incident Roles V2#Show",
        success_status=200,
        input=IncidentRolesShowInput,
        output=IncidentRolesShowOutput,
        result="incident_role",
        projection=INCIDENT_ROLE,
    ),
    Action(
        name="incident_roles_update",
        description="Replace an incident role.",
        kind="write",
        verb="update",
        toolset="incident_roles",
        method="PUT",
        path="/v2/incident_roles/{id}",
        operation_id="Incident Roles V2#Update",
        success_status=200,
        input=IncidentRolesUpdateInput,
        output=IncidentRolesUpdateOutput,
        result="incident_role",
        projection=INCIDENT_ROLE,
        check_with="incident_roles_show",
    ),
    Action(
        name="incident_roles_delete",
        description="Delete an incident role (not the lead).",
        kind="destructive",
        verb="delete",
        toolset="incident_roles",
        method="DELETE",
        path="/v2/incident_roles/{id}",
        operation_id="Incident Roles V2#Delete",
        success_status=204,
        input=IncidentRolesDeleteInput,
        output=IncidentRolesDeleteOutput,
        check_with="incident_roles_show",
        noun="Incident role",
    ),
)
