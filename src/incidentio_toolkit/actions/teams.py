"""Teams: who owns what.

A team lists its members; schedules and escalation paths name the teams that own them in their
`team_ids`, so an agent can go from a team to its on-call setup and back.
"""

from __future__ import annotations

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import AFTER_FIELD, JsonObject, page_size_field


class TeamsListInput(ActionInput):
    page_size: int | None = page_size_field(250)
    after: str | None = AFTER_FIELD


class TeamsListOutput(ActionOutput):
    teams: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


ACTIONS = (
    Action(
        name="teams_list",
        description=(
            "List teams with their members; schedules and escalation paths name their teams in "
            "team_ids."
        ),
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
    ),
)
