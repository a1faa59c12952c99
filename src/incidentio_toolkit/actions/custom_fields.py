"""Custom fields: list, create, show, update and delete the extra fields on incidents."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import JsonObject, id_field

FieldType = Literal["single_select", "multi_select", "text", "link", "numeric"]


class CustomFieldsListInput(ActionInput):
    pass


class CustomFieldsCreateInput(ActionInput):
    name: str = Field(min_length=1, max_length=50)
    description: str
    field_type: FieldType


class CustomFieldsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class CustomFieldsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field("From custom_fields_list.")
    name: str = Field(min_length=1, max_length=50)
    description: str


class CustomFieldsDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class CustomFieldsListOutput(ActionOutput):
    custom_fields: list[JsonObject] = Field(default_factory=list[JsonObject])


class CustomFieldsCreateOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsShowOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsUpdateOutput(ActionOutput):
    custom_field: JsonObject | None = None


class CustomFieldsDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="custom_fields_list",
        description="List incident custom fields and their types.",
        kind="read",
        verb="list",
        toolset="custom_fields",
        method="GET",
        path="/v2/custom_fields",
        operation_id="Custom Fields V2#List",
        success_status=200,
        input=CustomFieldsListInput,
        output=CustomFieldsListOutput,
        result="custom_fields",
        items="custom_fields",
    ),
    Action(
        name="custom_fields_create",
        description="Create an incident custom field.",
        kind="write",
        verb="create",
        toolset="custom_fields",
        method="POST",
        path="/v2/custom_fields",
        operation_id="Custom Fields V2#Create",
        success_status=201,
        input=CustomFieldsCreateInput,
        output=CustomFieldsCreateOutput,
        result="custom_field",
        check_with="custom_fields_list",
    ),
    Action(
        name="custom_fields_show",
        description="Get one custom field by id (from custom_fields_list).",
        kind="read",
        verb="show",
        toolset="custom_fields",
        method="GET",
        path="/v2/custom_fields/{id}",
        operation_id="Custom Fields V2#Show",
        success_status=200,
        input=CustomFieldsShowInput,
        output=CustomFieldsShowOutput,
        result="custom_field",
    ),
    Action(
        name="custom_fields_update",
        description="Rename a custom field or change its description; the type is fixed.",
        kind="write",
        verb="update",
        toolset="custom_fields",
        method="PUT",
        path="/v2/custom_fields/{id}",
        operation_id="Custom Fields V2#Update",
        success_status=200,
        input=CustomFieldsUpdateInput,
        output=CustomFieldsUpdateOutput,
        result="custom_field",
        check_with="custom_fields_show",
    ),
    Action(
        name="custom_fields_delete",
        description="Delete a custom field by id (from custom_fields_list).",
        kind="destructive",
        verb="delete",
        toolset="custom_fields",
        method="DELETE",
        path="/v2/custom_fields/{id}",
        operation_id="Custom Fields V2#Delete",
        success_status=204,
        input=CustomFieldsDeleteInput,
        output=CustomFieldsDeleteOutput,
        check_with="custom_fields_show",
        noun="Custom field",
    ),
)
