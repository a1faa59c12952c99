"""Post-mortem documents: the input of a learning review. List them (by incident), read one's
status and editors, or its whole content as Markdown."""

from __future__ import annotations

from typing import ClassVar

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
from incidentio_toolkit.actions.incidents import IncidentId, SortOrder

POSTMORTEM_DOCUMENT = Projection(
    noun="post-mortem document",
    schema="PostmortemDocumentV1",
    fields=(
        "created_at",
        "document_url",
        "editors",
        "exported_urls",
        "id",
        "incident_id",
        "status",
        "title",
        "type",
        "updated_at",
    ),
    summary=("id", "incident_id", "title", "status", "type", "editors.name", "updated_at"),
)


class PostmortemDocumentsListInput(ActionInput):
    incident_id: IncidentId | None = None
    sort_by: SortOrder | None = None
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class PostmortemDocumentsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class PostmortemDocumentsContentInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class PostmortemDocumentsListOutput(ActionOutput):
    postmortem_documents: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class PostmortemDocumentsShowOutput(ActionOutput):
    postmortem_document: JsonObject | None = None


class PostmortemDocumentsContentOutput(ActionOutput):
    markdown: str | None = None


ACTIONS = (
    Action(
        name="postmortem_documents_list",
        description="List post-mortem documents.",
        kind="read",
        verb="list",
        toolset="postmortems",
        method="GET",
        path="/v1/postmortem_documents",
        operation_id="PostmortemDocuments V1#List",
        success_status=200,
        input=PostmortemDocumentsListInput,
        output=PostmortemDocumentsListOutput,
        result="postmortem_documents",
        items="postmortem_documents",
        cursor="after",
        projection=POSTMORTEM_DOCUMENT,
    ),
    Action(
        name="postmortem_documents_show",
        description="One post-mortem (not its text).",
        kind="read",
        verb="show",
        toolset="postmortems",
        method="GET",
        path="/v1/postmortem_documents/{id}",
        operation_id="PostmortemDocuments V1#Show",
        success_status=200,
        input=PostmortemDocumentsShowInput,
        output=PostmortemDocumentsShowOutput,
        result="postmortem_document",
        projection=POSTMORTEM_DOCUMENT,
    ),
    Action(
        name="postmortem_documents_content",
        description="A post-mortem's text, as Markdown.",
        kind="read",
        verb="content",
        toolset="postmortems",
        method="GET",
        path="/v1/postmortem_documents/{id}/content",
        operation_id="PostmortemDocuments V1#ShowContent",
        success_status=200,
        input=PostmortemDocumentsContentInput,
        output=PostmortemDocumentsContentOutput,
        result="markdown",
    ),
)
