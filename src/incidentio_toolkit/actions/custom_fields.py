"""Custom fields: list, create, show, update and delete the extra fields on incidents."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import FIELDS_FIELD, FieldPaths, JsonObject, id_field
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions._references import Catalog, Resolves

FieldType = Literal["single_select", "multi_select", "text", "link", "numeric"]

CUSTOM_FIELDS = Catalog(noun="custom field", list_action="custom_fields_list")
CustomFieldRef = Annotated[str, Resolves(CUSTOM_FIELDS)]

CUSTOM_FIELD = Projection(
    noun="custom field",
    schema="CustomFieldV2",
    fields=(
        "catalog_type_id",
        "created_at",
        "description",
        "field_type",
        "filter_by",
        "fixed_filter",
        "group_by_catalog_attribute_id",
        "helptext_catalog_attribute_id",
        "id",
        "name",
        "updated_at",
    ),
    summary=("id", "name", "field_type", "description"),
)


class CustomFieldsListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class CustomFieldsCreateInput(ActionInput):
    name: str = Field(min_length=1, max_length=50)
    description: str
    field_type: FieldType


class CustomFieldsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: CustomFieldRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class CustomFieldsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: CustomFieldRef = id_field()
    name: str = Field(min_length=1, max_length=50)
    description: str


class CustomFieldsDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: CustomFieldRef = id_field()


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
        description="List incident custom fields.",
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
        projection=CUSTOM_FIELD,
        items="custom_fields",
    ),
    Action(
        name="custom_fields_create",
        description="Create a custom field.",
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
        projection=CUSTOM_FIELD,
        check_with="custom_fields_list",
    ),
    Action(
        name="custom_fields_show",
        description="One custom field, by name.",
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
        projection=CUSTOM_FIELD,
    ),
    Action(
        name="custom_fields_update",
        description="Edit a custom field.",
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
        projection=CUSTOM_FIELD,
        check_with="custom_fields_show",
    ),
    Action(
        name="custom_fields_delete",
        description="Delete a custom field.",
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
