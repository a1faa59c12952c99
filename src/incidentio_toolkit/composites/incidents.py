"""`incident_brief`: one incident as a responder needs it, in one tool call.

One `incidents_show` (the reference's number is accepted as the id, so `INC-6` costs no lookup),
then the incident's updates, actions and follow-ups read concurrently: four requests in all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from incidentio_toolkit.actions import (
    ActionInput,
    ActionOutput,
    IncidentIdOrNumber,
    JsonObject,
    Reader,
    flat,
    gather,
    read,
)
from incidentio_toolkit.actions.incidents import INCIDENT
from incidentio_toolkit.composites._base import Composite

OPEN = "outstanding"
"""The status of an action or follow-up still to do."""


class IncidentBriefInput(ActionInput):
    incident: IncidentIdOrNumber = Field(min_length=1)
    updates: int = Field(default=5, ge=0, le=25, description="Recent updates to include.")


class IncidentBriefOutput(ActionOutput):
    brief: JsonObject | None = None


def _update(update: Mapping[str, Any]) -> JsonObject:
    return flat(
        update,
        at="created_at",
        by="updater.user.name",
        status="new_incident_status.name",
        severity="new_severity.name",
        message="message",
    )


async def incident_brief(reader: Reader, arguments: IncidentBriefInput) -> IncidentBriefOutput:
    """The incident's summary, its last updates, and its open actions and follow-ups."""
    incident: Mapping[str, Any] = await read(
        reader, "incidents_show", {"id": arguments.incident}, "incident"
    )
    incident_id = incident["id"]
    calls = {
        "actions": lambda: read(reader, "actions_list", {"incident_id": incident_id}, "actions"),
        "follow_ups": lambda: read(
            reader, "follow_ups_list", {"incident_id": incident_id}, "follow_ups"
        ),
    }
    if arguments.updates:
        calls["updates"] = lambda: read(
            reader,
            "incident_updates_list",
            {"incident_id": incident_id, "page_size": arguments.updates},
            "incident_updates",
        )
    found: dict[str, list[JsonObject]] = await gather(calls)
    actions, follow_ups = found["actions"], found["follow_ups"]
    open_actions = [a for a in actions if a.get("status") == OPEN]
    open_follow_ups = [f for f in follow_ups if f.get("status") == OPEN]
    brief = INCIDENT.summarize(incident)
    brief["updates"] = [_update(u) for u in found.get("updates", [])[: arguments.updates]]
    brief["open_actions"] = [
        flat(a, id="id", description="description", assignee="assignee.name") for a in open_actions
    ]
    brief["open_follow_ups"] = [
        flat(f, id="id", title="title", assignee="assignee.name", priority="priority.name")
        for f in open_follow_ups
    ]
    brief["counts"] = {
        "actions": len(actions),
        "open_actions": len(open_actions),
        "follow_ups": len(follow_ups),
        "open_follow_ups": len(open_follow_ups),
    }
    return IncidentBriefOutput(success=True, brief=brief)


INCIDENT_BRIEF = Composite(
    name="incident_brief",
    description="One incident in one call: status, severity, lead, roles, custom fields, last updates, open actions and follow-ups.",
    toolset="incidents",
    input=IncidentBriefInput,
    output=IncidentBriefOutput,
    result="brief",
    run=incident_brief,
    calls="4: the incident, then its updates, actions and follow-ups at once",
)

COMPOSITES = (INCIDENT_BRIEF,)
