"""`incident_brief`: one incident as a responder needs it, in one tool call.

One `incidents_show` (the reference's number is accepted as the id, so `INC-6` costs no lookup),
then the incident's updates, actions, follow-ups and linked alerts read concurrently: five
requests in all (one page of each list).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, cast

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

ALERTS_READ = 50
"""Linked alerts read: one page, incident.io's largest; `alerts_truncated` says when there are
more."""


class IncidentBriefInput(ActionInput):
    incident: IncidentIdOrNumber = Field(min_length=1)
    updates: int = Field(default=5, ge=0, le=25)


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


def _alert(link: Mapping[str, Any]) -> JsonObject:
    return flat(
        link, id="alert.id", title="alert.title", status="alert.status", at="alert.created_at"
    )


async def _alerts(reader: Reader, incident_id: str) -> tuple[list[JsonObject], bool]:
    """The incident's linked alerts (one page), and whether there are more."""
    output = await reader.execute(
        "incident_alerts_list", {"incident_id": incident_id, "page_size": ALERTS_READ}
    )
    links = cast(list[JsonObject], getattr(output, "incident_alerts", None) or [])
    meta = cast(Mapping[str, Any], getattr(output, "pagination_meta", None) or {})
    return [_alert(link) for link in links], bool(meta.get("after"))


async def incident_brief(reader: Reader, arguments: IncidentBriefInput) -> IncidentBriefOutput:
    """The incident's summary, its last updates, its open actions and follow-ups, and its
    linked alerts."""
    incident: Mapping[str, Any] = await read(
        reader, "incidents_show", {"id": arguments.incident}, "incident"
    )
    incident_id = incident["id"]
    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "actions": lambda: read(reader, "actions_list", {"incident_id": incident_id}, "actions"),
        "follow_ups": lambda: read(
            reader, "follow_ups_list", {"incident_id": incident_id}, "follow_ups"
        ),
        "alerts": lambda: _alerts(reader, incident_id),
    }
    if arguments.updates:
        calls["updates"] = lambda: read(
            reader,
            "incident_updates_list",
            {"incident_id": incident_id, "page_size": arguments.updates},
            "incident_updates",
        )
    found = await gather(calls)
    actions: list[JsonObject] = found["actions"]
    follow_ups: list[JsonObject] = found["follow_ups"]
    alerts, more_alerts = cast(tuple[list[JsonObject], bool], found["alerts"])
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
    brief["alerts"] = alerts
    if more_alerts:
        brief["alerts_truncated"] = True
    brief["counts"] = {
        "actions": len(actions),
        "open_actions": len(open_actions),
        "follow_ups": len(follow_ups),
        "open_follow_ups": len(open_follow_ups),
        "alerts": len(alerts),
    }
    return IncidentBriefOutput(success=True, brief=brief)


INCIDENT_BRIEF = Composite(
    name="incident_brief",
    description=(
        "One incident: status, severity, lead, roles, custom fields, last updates, open actions, "
        "follow-ups, alerts."
    ),
    toolset="incidents",
    input=IncidentBriefInput,
    output=IncidentBriefOutput,
    result="brief",
    run=incident_brief,
    calls="5: the incident, then its updates, actions, follow-ups and alerts at once",
)

COMPOSITES = (INCIDENT_BRIEF,)
