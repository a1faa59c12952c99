"""Teams: who owns what.

A team lists its members; schedules and escalation paths name the teams that own them in their
`team_ids`, so an agent can go from a team to its on-call setup and back.
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
from incidentio_toolkit.actions._references import Catalog, Resolves

TEAMS = Catalog(noun="team", list_action="teams_list")
"""Teams may be named: `teams_show(id="Payments")`."""

TeamRef = Annotated[str, Resolves(TEAMS)]

TEAM = Projection(
    noun="team",
    schema="TeamV3",
    fields=("catalog_entry", "id", "members", "name"),
    summary=("id", "name", "members.name", "members.email"),
)


class TeamsListInput(ActionInput):
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


class TeamsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: TeamRef = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class TeamsListOutput(ActionOutput):
    teams: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class TeamsShowOutput(ActionOutput):
    team: JsonObject | None = None


ACTIONS = (
    Action(
        name="teams_list",
        description="List teams and their members.",
        kind="read",
        verb="list",
        toolset="teams",
        method="GET",
        path="/v3/teams",
        operation_id="Teams V3#List",
        success_status=200,
        input=TeamsListInput,
        output=TeamsListOutput,
        result="teams",
        items="teams",
        cursor="after",
        projection=TEAM,
    ),
    Action(
        name="teams_show",
        description="One team and its members.",
        kind="read",
        verb="show",
        toolset="teams",
        method="GET",
        path="/v3/teams/{id}",
        operation_id="Teams V3#Show",
        success_status=200,
        input=TeamsShowInput,
        output=TeamsShowOutput,
        result="team",
        projection=TEAM,
    ),
)
