"""Escalations (pages): list, create and show.

Creating an escalation notifies people, so it is a destructive action. It targets exactly one of an
escalation path or a list of users; `user_ids` is also accepted as one comma-separated string.
"""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import Field, field_validator, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    IdList,
    JsonObject,
    id_field,
    page_size_field,
)


class EscalationsListInput(ActionInput):
    page_size: int | None = page_size_field(50)
    after: str | None = AFTER_FIELD


class EscalationsCreateInput(ActionInput):
    idempotency_key: str = Field(min_length=1, description="Unique per page, e.g. a UUID.")
    title: str = Field(min_length=1)
    escalation_path_id: str | None = Field(default=None, description="From escalation_paths_list.")
    user_ids: IdList | None = Field(default=None, description="From users_list.")
    description: str | None = None
    incident_id: str | None = Field(default=None, description="From incidents_list.")

    @field_validator("user_ids", mode="after")
    @classmethod
    def _no_empty_list(cls, value: list[str] | None) -> list[str] | None:
        return value or None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if self.escalation_path_id is not None and self.user_ids is not None:
            raise ValueError(
                "escalation_path_id and user_ids were both given: page either an escalation path "
                "or the users directly. Remove one of them."
            )
        if self.escalation_path_id is None and self.user_ids is None:
            raise ValueError(
                "Nobody to page: give escalation_path_id (from escalation_paths_list) or user_ids "
                "(from users_list)."
            )
        return self


class EscalationsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class EscalationsListOutput(ActionOutput):
    escalations: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class EscalationsCreateOutput(ActionOutput):
    escalation: JsonObject | None = None


class EscalationsShowOutput(ActionOutput):
    escalation: JsonObject | None = None


ACTIONS = (
    Action(
        name="escalations_list",
        description="List escalations (pages) with their status.",
        kind="read",
        verb="list",
        toolset="escalations",
        method="GET",
        path="/v2/escalations",
        operation_id="Escalations V2#List",
        success_status=200,
        input=EscalationsListInput,
        output=EscalationsListOutput,
        result="escalations",
        items="escalations",
        cursor="after",
    ),
    Action(
        name="escalations_create",
        description=(
            "Page people now via an escalation path or users (not both). Retry-safe with the "
            "same idempotency_key."
        ),
        kind="destructive",
        verb="create",
        toolset="escalations",
        method="POST",
        path="/v2/escalations",
        operation_id="Escalations V2#Create",
        success_status=201,
        input=EscalationsCreateInput,
        output=EscalationsCreateOutput,
        result="escalation",
        check_with="escalations_list",
    ),
    Action(
        name="escalations_show",
        description="Get one escalation with status and events by id (from escalations_list).",
        kind="read",
        verb="show",
        toolset="escalations",
        method="GET",
        path="/v2/escalations/{id}",
        operation_id="Escalations V2#Show",
        success_status=200,
        input=EscalationsShowInput,
        output=EscalationsShowOutput,
        result="escalation",
    ),
)
