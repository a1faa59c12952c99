"""The incident tasks of `bench_agent_tasks.py`: live incidents, a brief, a status change, open
follow-ups and actions, and the live incidents at the top severity."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from _agent_kit import (
    JSON,
    Agent,
    Env,
    Subject,
    Task,
    by_name,
    every_page,
    lead_of,
    live_incident_subject,
    no_subject,
    number_of,
    same,
    severity_of,
)


async def _status_change(env: Env) -> Subject:
    statuses = sorted(
        (await env.get("/v1/incident_statuses"))["incident_statuses"], key=lambda s: s["rank"]
    )
    live = [s for s in statuses if s["category"] == "live"]
    triage = await env.pages(
        "/v2/incidents", "incidents", page_size=250, **{"status_category[one_of]": "triage"}
    )
    target = live[1] if len(live) > 1 else live[0]
    return {"incident": triage[0]["reference"], "status": target["name"]}


async def _follow_up_owner(env: Env) -> Subject:
    follow_ups = await env.get("/v2/follow_ups")
    owned = [
        f for f in follow_ups["follow_ups"] if f["status"] == "outstanding" and f.get("assignee")
    ]
    return {"name": owned[0]["assignee"]["name"]}


async def _top_severity(env: Env) -> Subject:
    severities = (await env.get("/v1/severities"))["severities"]
    return {"severity": max(severities, key=lambda s: s["rank"])["name"]}


async def _actions_incident(env: Env) -> Subject:
    actions = (await env.get("/v2/actions"))["actions"]
    open_by_incident: dict[str, int] = {}
    for action in actions:
        if action["status"] == "outstanding":
            open_by_incident[action["incident_id"]] = (
                open_by_incident.get(action["incident_id"], 0) + 1
            )
    incident_id = max(sorted(open_by_incident), key=lambda i: open_by_incident[i])
    incident = (await env.get(f"/v2/incidents/{incident_id}"))["incident"]
    return {"incident": incident["reference"]}


def _live_rows(incidents: list[JSON], lead: Callable[[JSON], Any]) -> list[list[Any]]:
    return sorted([i["reference"], severity_of(i), lead(i)] for i in incidents)


LIVE = {"status_category": ["live"], "page_size": 250}


async def live_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    return _live_rows(await every_page(agent, "incidents_list", LIVE, "incidents"), lead_of)


async def live_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incidents = await every_page(agent, "incidents_list", LIVE, "incidents")
    return _live_rows(incidents, lambda i: i.get("lead"))


async def live_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    live = await env.pages("/v2/incidents", "incidents", **{"status_category[one_of]": "live"})
    return same(_live_rows(live, lead_of))(answer)


def _brief(
    status: str,
    severity: str,
    lead: Any,
    updates: list[str],
    actions: list[str],
    follow_ups: list[str],
    alerts: list[list[str]],
) -> JSON:
    return {
        "status": status,
        "severity": severity,
        "lead": lead,
        "updates": updates,
        "open_actions": sorted(actions),
        "open_follow_ups": sorted(follow_ups),
        "alerts": sorted(alerts),
    }


UPDATES = 5
ALERTS = 50


async def brief_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incident = (await agent.call("incidents_show", {"id": number_of(subject["incident"])}))[
        "incident"
    ]
    of_it = {"incident_id": incident["id"]}
    updates = await agent.call("incident_updates_list", {**of_it, "page_size": UPDATES})
    actions = await agent.call("actions_list", of_it)
    follow_ups = await agent.call("follow_ups_list", of_it)
    links = await agent.call("incident_alerts_list", {**of_it, "page_size": ALERTS})
    return _brief(
        incident["incident_status"]["name"],
        severity_of(incident),
        lead_of(incident),
        [u["message"] for u in updates["incident_updates"]],
        [a["description"] for a in actions["actions"] if a["status"] == "outstanding"],
        [f["title"] for f in follow_ups["follow_ups"] if f["status"] == "outstanding"],
        [[link["alert"]["title"], link["alert"]["status"]] for link in links["incident_alerts"]],
    )


async def brief_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    brief = (
        await agent.call("incident_brief", {"incident": subject["incident"], "updates": UPDATES})
    )["brief"]
    return _brief(
        brief["incident_status"]["name"],
        severity_of(brief),
        brief.get("lead"),
        [u["message"] for u in brief["updates"]],
        [a["description"] for a in brief["open_actions"]],
        [f["title"] for f in brief["open_follow_ups"]],
        [[alert["title"], alert["status"]] for alert in brief["alerts"]],
    )


async def brief_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    incident = (await env.get(f"/v2/incidents/{number_of(subject['incident'])}"))["incident"]
    of_it = {"incident_id": incident["id"]}
    updates = (await env.get("/v2/incident_updates", **of_it, page_size=UPDATES))[
        "incident_updates"
    ]
    actions = (await env.get("/v2/actions", **of_it))["actions"]
    follow_ups = (await env.get("/v2/follow_ups", **of_it))["follow_ups"]
    links = (await env.get("/v2/incident_alerts", **of_it, page_size=ALERTS))["incident_alerts"]
    return same(
        _brief(
            incident["incident_status"]["name"],
            severity_of(incident),
            lead_of(incident),
            [u["message"] for u in updates],
            [a["description"] for a in actions if a["status"] == "outstanding"],
            [f["title"] for f in follow_ups if f["status"] == "outstanding"],
            [[link["alert"]["title"], link["alert"]["status"]] for link in links],
        )
    )(answer)


async def status_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    statuses = (await agent.call("incident_statuses_list", {}))["incident_statuses"]
    incident = (await agent.call("incidents_show", {"id": number_of(subject["incident"])}))[
        "incident"
    ]
    updated = await agent.call(
        "incidents_update",
        {
            "id": incident["id"],
            "incident_status_id": by_name(statuses, subject["status"])["id"],
            "notify_incident_channel": False,
        },
    )
    return updated["incident"]["incident_status"]["name"]


async def status_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    updated = await agent.call(
        "incidents_update",
        {
            "id": subject["incident"],
            "incident_status_id": subject["status"],
            "notify_incident_channel": False,
        },
    )
    return updated["incident"]["incident_status"]["name"]


async def status_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    incident = (await env.get(f"/v2/incidents/{number_of(subject['incident'])}"))["incident"]
    now_status = incident["incident_status"]["name"]
    if now_status != subject["status"]:
        return f"the incident is {now_status!r}, not {subject['status']!r}"
    return same(subject["status"])(answer)


async def follow_ups_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    items = (await agent.call("follow_ups_list", {}))["follow_ups"]
    return sorted(
        f["title"]
        for f in items
        if f["status"] == "outstanding" and (f.get("assignee") or {}).get("name") == subject["name"]
    )


async def follow_ups_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    picked = {"fields": ["title", "status", "assignee.name"]}
    items = (await agent.call("follow_ups_list", picked))["follow_ups"]
    return sorted(
        f["title"]
        for f in items
        if f["status"] == "outstanding" and (f.get("assignee") or {}).get("name") == subject["name"]
    )


async def follow_ups_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    items = (await env.get("/v2/follow_ups"))["follow_ups"]
    return same(
        sorted(
            f["title"]
            for f in items
            if f["status"] == "outstanding"
            and (f.get("assignee") or {}).get("name") == subject["name"]
        )
    )(answer)


async def critical_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    severities = (await agent.call("severities_list", {}))["severities"]
    top = by_name(severities, subject["severity"])
    arguments = {**LIVE, "severity_at_least": top["id"]}
    return sorted(
        i["reference"] for i in await every_page(agent, "incidents_list", arguments, "incidents")
    )


async def critical_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    arguments = {**LIVE, "severity_at_least": subject["severity"], "fields": ["reference"]}
    return sorted(
        i["reference"] for i in await every_page(agent, "incidents_list", arguments, "incidents")
    )


async def critical_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    live = await env.pages("/v2/incidents", "incidents", **{"status_category[one_of]": "live"})
    expected = sorted(i["reference"] for i in live if severity_of(i) == subject["severity"])
    if not expected:
        return "no live incident at that severity: the task checks nothing"
    return same(expected)(answer)


async def actions_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incident = (await agent.call("incidents_show", {"id": number_of(subject["incident"])}))[
        "incident"
    ]
    items = (await agent.call("actions_list", {"incident_id": incident["id"]}))["actions"]
    return sorted(
        [a["description"], (a.get("assignee") or {}).get("name")]
        for a in items
        if a["status"] == "outstanding"
    )


async def actions_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    items = (await agent.call("actions_list", {"incident_id": subject["incident"]}))["actions"]
    return sorted(
        [a["description"], (a.get("assignee") or {}).get("name")]
        for a in items
        if a["status"] == "outstanding"
    )


async def actions_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    incident = (await env.get(f"/v2/incidents/{number_of(subject['incident'])}"))["incident"]
    items = (await env.get("/v2/actions", incident_id=incident["id"]))["actions"]
    return same(
        sorted(
            [a["description"], (a.get("assignee") or {}).get("name")]
            for a in items
            if a["status"] == "outstanding"
        )
    )(answer)


TASKS: tuple[Task, ...] = (
    Task(
        "live_incidents",
        "Which incidents are live, with severity and lead?",
        no_subject,
        live_raw,
        live_lean,
        live_check,
    ),
    Task(
        "incident_brief",
        "A brief on a live incident: status, severity, updates, actions, follow-ups, alerts",
        live_incident_subject,
        brief_raw,
        brief_lean,
        brief_check,
    ),
    Task(
        "set_status",
        "Set an incident's status by name",
        _status_change,
        status_raw,
        status_lean,
        status_check,
    ),
    Task(
        "open_follow_ups",
        "Open follow-ups for a user",
        _follow_up_owner,
        follow_ups_raw,
        follow_ups_lean,
        follow_ups_check,
    ),
    Task(
        "critical_live",
        "Which live incidents are at the top severity?",
        _top_severity,
        critical_raw,
        critical_lean,
        critical_check,
    ),
    Task(
        "open_actions",
        "Open actions on an incident, and who has them",
        _actions_incident,
        actions_raw,
        actions_lean,
        actions_check,
    ),
)
