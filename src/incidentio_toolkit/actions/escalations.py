"""Escalations (pages): list, create and show.

Creating an escalation notifies people, so it is a destructive action. It targets exactly one of an
escalation path or a list of users (by name, email or id; also as one comma-separated string).
`dry_run: true` answers who would be paged now and sends nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Self, cast

from pydantic import Field, field_validator, model_validator

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, Reader
from incidentio_toolkit.actions._escalation_responders import (
    EscalationPathRef,
    Level,
    levels_of,
    paged_people,
    resolve_levels,
)
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    IdList,
    JsonObject,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._projection import Projection, names_of, objects
from incidentio_toolkit.actions._reads import read
from incidentio_toolkit.actions._references import Resolves
from incidentio_toolkit.actions.incidents import IncidentId
from incidentio_toolkit.actions.users import USERS


def _events(escalation: Mapping[str, Any]) -> list[JsonObject]:
    """The timeline after the trigger (which `created_at` already dates)."""
    timeline: list[JsonObject] = []
    for event in objects(escalation.get("events")):
        if event.get("event") == "triggered":
            continue
        item: JsonObject = {"event": event.get("event"), "at": event.get("occurred_at")}
        users = names_of(event.get("users"))
        if users:
            item["users"] = users
        timeline.append(item)
    return timeline


ESCALATION = Projection(
    noun="escalation",
    schema="EscalationV2",
    fields=(
        "created_at",
        "creator",
        "description",
        "escalation_path_id",
        "events",
        "id",
        "priority",
        "related_alerts",
        "related_incidents",
        "status",
        "title",
        "updated_at",
    ),
    summary=(
        "id",
        "title",
        "status",
        "priority.name",
        "escalation_path_id",
        "related_incidents.reference",
        "created_at",
        "updated_at",
    ),
    derived={"timeline": _events},
)
"""A page with its status and a compact timeline: each event with its time and the people named."""


class EscalationsListInput(ActionInput):
    page_size: int | None = page_size_field(50)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class EscalationsCreateInput(ActionInput):
    idempotency_key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    escalation_path_id: EscalationPathRef | None = None
    user_ids: Annotated[IdList, Resolves(USERS)] | None = None
    description: str | None = None
    incident_id: IncidentId | None = None
    dry_run: bool | None = Field(default=None, description="Preview who would be paged.")

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
    fields: FieldPaths | None = FIELDS_FIELD


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(people: list[JsonObject]) -> str:
    """`Liam O'Brien and Sofia Rossi (Primary On-call) and Marcus Johnson`: people grouped by
    the schedule that pages them."""
    groups: dict[str, list[str]] = {}
    for person in people:
        groups.setdefault(str(person.get("via") or ""), []).append(
            str(person.get("name") or person.get("email"))
        )
    parts = [_and(names) + (f" ({via})" if via else "") for via, names in groups.items()]
    return _and(parts)


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def _question(draft: JsonObject, now: list[JsonObject], later: list[JsonObject]) -> str:
    title = f' about "{draft["title"]}"'
    path = draft.get("escalation_path")
    if not now:
        where = f" at the first level of {path['name']}" if isinstance(path, dict) else ""
        return f"Nobody would be paged now{where}. Create the escalation{title} anyway?"
    text = f"Page {_sentence(now)} now{title}?"
    nexts = [
        f"{_sentence(level['would_page'])} after {_minutes(level['after_seconds'])}"
        for level in later
        if level["would_page"]
    ]
    if nexts:
        text += " If nobody acknowledges: " + "; then ".join(nexts) + "."
    return text


async def preview_escalation(reader: Reader, arguments: EscalationsCreateInput) -> JsonObject:
    """Who `escalations_create` would page now, computed with reads only: the first level of the
    path (schedules through who is on call now, per their `schedule_mode`) or the given users,
    then the later levels if nobody acknowledges, and the `question` to put to a person before
    paging for real. Nothing is written."""
    draft: JsonObject = {"dry_run": True, "title": arguments.title}
    if arguments.escalation_path_id is not None:
        path = cast(
            Mapping[str, Any],
            await read(
                reader,
                "escalation_paths_show",
                {"id": arguments.escalation_path_id},
                "escalation_path",
            ),
        )
        levels = levels_of(path)
        draft["escalation_path"] = {"id": path.get("id"), "name": path.get("name")}
        urgent = levels and any(t.get("urgency") == "high" for t in levels[0].targets)
        draft["urgency"] = "high" if urgent else "low"
    else:
        users = [{"type": "user", "id": user_id} for user_id in arguments.user_ids or []]
        levels = [Level(position=1, targets=tuple(users), time_to_ack_seconds=None)]
        draft["urgency"] = "high"
    resolved = await resolve_levels(reader, levels)
    now = paged_people(resolved[0]) if resolved else []
    draft["would_page"] = now
    uncovered = [t["schedule"] for t in (resolved[0] if resolved else []) if t.get("uncovered")]
    if uncovered:
        draft["uncovered"] = uncovered
    after, later = 0, list[JsonObject]()
    for level, targets in zip(levels[1:], resolved[1:], strict=True):
        after += levels[level.position - 2].time_to_ack_seconds or 0
        later.append(
            {"level": level.position, "after_seconds": after, "would_page": paged_people(targets)}
        )
    if later:
        draft["if_not_acknowledged"] = later
    if arguments.incident_id is not None:
        draft["incident_id"] = arguments.incident_id
    draft["message"] = (
        f"Would page {_sentence(now)} now. Nothing was sent."
        if now
        else "Nobody would be paged now. Nothing was sent."
    )
    draft["question"] = _question(draft, now, later)
    return draft


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
        description="List escalations (pages).",
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
        projection=ESCALATION,
        items="escalations",
        cursor="after",
    ),
    Action(
        name="escalations_create",
        description="Page people now via an escalation path or users.",
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
        projection=ESCALATION,
        check_with="escalations_list",
        preview=preview_escalation,
    ),
    Action(
        name="escalations_show",
        description="One escalation and its events.",
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
        projection=ESCALATION,
    ),
)
