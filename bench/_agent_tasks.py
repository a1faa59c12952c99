"""The incident-response tasks of `bench_agent_tasks.py`.

Each task has a subject found in the organisation (so the same task runs on the demo and the large
organisation), two scripted plans, and a check against the sandbox's truth:

- `raw`: an agent with the contract's actions only, full objects and ids, looking up what it needs;
- `lean`: an agent with the toolkit's defaults: summaries, names and references where ids are
  expected, `fields`, the composite reads and the dry run.

Truth is read straight from the sandbox's HTTP API (`Env.get`, never through the toolkit), so a
plan that is cheap and wrong fails its check. A task whose `needs` are not all tools yet is listed
as waiting for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx2

JSON = Any
Subject = dict[str, Any]


def stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Agent(Protocol):
    async def call(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]: ...


@dataclass
class Env:
    """The sandbox as the checker sees it: its HTTP API, uncounted, and the fixed "now"."""

    api: httpx2.AsyncClient
    now: datetime

    async def get(self, path: str, **params: Any) -> JSON:
        response = await self.api.get(path, params=params)
        response.raise_for_status()
        return response.json()

    async def pages(self, path: str, key: str, **params: Any) -> list[JSON]:
        items: list[JSON] = []
        after = None
        while True:
            body = await self.get(path, **params, **({"after": after} if after else {}))
            items += body[key]
            after = (body.get("pagination_meta") or {}).get("after")
            if not after:
                return items


Plan = Callable[[Agent, Subject, datetime], Awaitable[JSON]]


@dataclass(frozen=True)
class Task:
    key: str
    question: str
    subject: Callable[[Env], Awaitable[Subject]]
    raw: Plan | None = None
    lean: Plan | None = None
    check: Callable[[Env, Subject, JSON], Awaitable[str | None]] | None = None
    needs: tuple[str, ...] = field(default_factory=tuple)


def _same(expected: JSON) -> Callable[[JSON], str | None]:
    def compare(answer: JSON) -> str | None:
        return None if answer == expected else f"expected {expected!r:.300}, got {answer!r:.300}"

    return compare


def _by_name(items: list[JSON], name: str) -> JSON:
    return next(item for item in items if item["name"] == name)


def _lead(incident: JSON) -> str | None:
    for assignment in incident.get("incident_role_assignments") or []:
        if assignment["role"].get("role_type") == "lead":
            return assignment.get("assignee", {}).get("name")
    return None


def _severity(incident: JSON) -> str | None:
    """The severity's name; incidents may have none."""
    return (incident.get("severity") or {}).get("name")


def _number(reference: str) -> str:
    return reference.split("-")[-1]


async def every_page(agent: Agent, tool: str, arguments: dict[str, Any], key: str) -> list[JSON]:
    """Every item of a list tool, following `pagination_meta.after` as an agent would."""
    items: list[JSON] = []
    after = None
    while True:
        out = await agent.call(tool, {**arguments, **({"after": after} if after else {})})
        items += out[key]
        after = (out.get("pagination_meta") or {}).get("after")
        if not after:
            return items


def plain_levels(path: JSON) -> list[JSON]:
    """The level nodes of a path without branches, in paging order, up to a repeat."""
    levels: list[JSON] = []
    for node in path["path"]:
        if node["type"] == "repeat":
            break
        if node["type"] == "level":
            levels.append(node)
    return levels


# --- subjects: what each question is about, found in the organisation ------------------------


async def _schedule(env: Env) -> Subject:
    schedules = await env.pages("/v2/schedules", "schedules", page_size=250)
    covered = sorted((s for s in schedules if s.get("current_shifts")), key=lambda s: s["name"])
    return {"schedule": covered[0]["name"], "schedule_id": covered[0]["id"]}


def _first_level(path: JSON) -> list[JSON]:
    nodes = list(path["path"])
    while nodes:
        node = nodes.pop(0)
        if node["type"] == "level":
            return list(node["level"]["targets"])
        if node["type"] == "if_else":
            nodes = list(node["if_else"]["then_path"]) + nodes
    return []


def _plain(path: JSON) -> bool:
    """Levels and a repeat only, each schedule paging whoever is on call now: a path whose
    answer ("who would it page, level by level") has one reading."""
    nodes = path["path"]
    levels = [n["level"] for n in nodes if n["type"] == "level"]
    return (
        {n["type"] for n in nodes} <= {"level", "repeat"}
        and bool(levels)
        and any(t["type"] == "schedule" for t in levels[0]["targets"])
        and all("round_robin_config" not in level for level in levels)
        and all(
            t.get("schedule_mode", "currently_on_call") == "currently_on_call"
            for level in levels
            for t in level["targets"]
        )
    )


async def _path(env: Env) -> Subject:
    paths = await env.pages("/v2/escalation_paths", "escalation_paths", page_size=25)
    chosen = next(p for p in sorted(paths, key=lambda p: p["name"]) if _plain(p))
    return {"path": chosen["name"], "path_id": chosen["id"]}


async def _live_incident(env: Env) -> Subject:
    live = await env.pages("/v2/incidents", "incidents", **{"status_category[one_of]": "live"})
    counts = {}
    for incident in live:
        updates = await env.get("/v2/incident_updates", incident_id=incident["id"], page_size=250)
        counts[incident["reference"]] = len(updates["incident_updates"])
    reference = max(sorted(counts), key=lambda ref: counts[ref])
    return {"incident": reference}


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


async def _on_call_next_week(env: Env) -> Subject:
    schedule = await _schedule(env)
    monday = (env.now + timedelta(days=7 - env.now.weekday())).replace(hour=0, minute=0, second=0)
    at = monday + timedelta(hours=12)
    entries = await env.get(
        "/v2/schedule_entries",
        schedule_id=schedule["schedule_id"],
        entry_window_start=stamp(at),
        entry_window_end=stamp(at + timedelta(minutes=1)),
    )
    user = entries["schedule_entries"]["final"][0]["user"]
    return {
        "email": user["email"],
        "name": user["name"],
        "week": [stamp(monday), stamp(monday + timedelta(days=7))],
    }


async def _follow_up_owner(env: Env) -> Subject:
    follow_ups = await env.get("/v2/follow_ups")
    owned = [
        f for f in follow_ups["follow_ups"] if f["status"] == "outstanding" and f.get("assignee")
    ]
    return {"name": owned[0]["assignee"]["name"]}


async def _private_type(env: Env) -> Subject:
    types = (await env.get("/v1/incident_types"))["incident_types"]
    chosen = next((t for t in types if t["private_incidents_only"]), None) or next(
        t for t in types if not t["is_default"]
    )
    return {"type": chosen["name"]}


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


async def _declaration(env: Env) -> Subject:
    severities = sorted((await env.get("/v1/severities"))["severities"], key=lambda s: -s["rank"])
    types = (await env.get("/v1/incident_types"))["incident_types"]
    public = [t for t in types if not t["is_default"] and not t["private_incidents_only"]]
    chosen = (public or types)[0]
    severity = severities[1] if len(severities) > 1 else severities[0]
    return {"severity": severity["name"], "type": chosen["name"], "title": "Search is slow (bench)"}


# --- truths ---------------------------------------------------------------------------------


async def _on_call_truth(env: Env, schedule_id: str) -> list[tuple[str, str]]:
    entries = await env.get(
        "/v2/schedule_entries",
        schedule_id=schedule_id,
        entry_window_start=stamp(env.now),
        entry_window_end=stamp(env.now + timedelta(seconds=1)),
    )
    return sorted(
        (e["user"]["name"], e["end_at"])
        for e in entries["schedule_entries"]["final"]
        if moment(e["start_at"]) <= env.now < moment(e["end_at"])
    )


async def _level_names(env: Env, targets: list[JSON]) -> list[str]:
    names: set[str] = set()
    for target in targets:
        if target["type"] == "user":
            names.add((await env.get(f"/v2/users/{target['id']}"))["user"]["name"])
        elif target["type"] == "schedule":
            names |= {name for name, _ in await _on_call_truth(env, target["id"])}
    return sorted(names)


async def _levels_truth(env: Env, path_id: str) -> list[list[str]]:
    path = (await env.get(f"/v2/escalation_paths/{path_id}"))["escalation_path"]
    return [await _level_names(env, node["level"]["targets"]) for node in plain_levels(path)]


# --- the tasks --------------------------------------------------------------------------------


def _live_rows(incidents: list[JSON], lead: Callable[[JSON], Any]) -> list[list[Any]]:
    return sorted([i["reference"], _severity(i), lead(i)] for i in incidents)


LIVE = {"status_category": ["live"], "page_size": 250}


async def live_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    return _live_rows(await every_page(agent, "incidents_list", LIVE, "incidents"), _lead)


async def live_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incidents = await every_page(agent, "incidents_list", LIVE, "incidents")
    return _live_rows(incidents, lambda i: i.get("lead"))


async def live_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    live = await env.pages("/v2/incidents", "incidents", **{"status_category[one_of]": "live"})
    return _same(_live_rows(live, _lead))(answer)


async def on_call_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    schedules = await every_page(agent, "schedules_list", {"page_size": 250}, "schedules")
    schedule = _by_name(schedules, subject["schedule"])
    window = {
        "entry_window_start": stamp(now),
        "entry_window_end": stamp(now + timedelta(seconds=1)),
    }
    entries = await agent.call("schedule_entries_list", {"schedule_id": schedule["id"], **window})
    final = entries["schedule_entries"]["final"]
    return sorted((e["user"]["name"], e["end_at"]) for e in final if moment(e["start_at"]) <= now)


async def on_call_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    out = (await agent.call("on_call_now", {"schedule": subject["schedule"]}))["on_call"]
    return sorted((shift["user"], shift["until"]) for shift in out["on_call"])


async def on_call_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    truth = await _on_call_truth(env, subject["schedule_id"])
    return _same([list(row) for row in truth])([list(row) for row in answer])


def _brief(
    status: str,
    severity: str,
    lead: Any,
    updates: list[str],
    actions: list[str],
    follow_ups: list[str],
) -> JSON:
    return {
        "status": status,
        "severity": severity,
        "lead": lead,
        "updates": updates,
        "open_actions": sorted(actions),
        "open_follow_ups": sorted(follow_ups),
    }


UPDATES = 5


async def brief_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incident = (await agent.call("incidents_show", {"id": _number(subject["incident"])}))[
        "incident"
    ]
    of_it = {"incident_id": incident["id"]}
    updates = await agent.call("incident_updates_list", {**of_it, "page_size": UPDATES})
    actions = await agent.call("actions_list", of_it)
    follow_ups = await agent.call("follow_ups_list", of_it)
    return _brief(
        incident["incident_status"]["name"],
        _severity(incident),
        _lead(incident),
        [u["message"] for u in updates["incident_updates"]],
        [a["description"] for a in actions["actions"] if a["status"] == "outstanding"],
        [f["title"] for f in follow_ups["follow_ups"] if f["status"] == "outstanding"],
    )


async def brief_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    brief = (
        await agent.call("incident_brief", {"incident": subject["incident"], "updates": UPDATES})
    )["brief"]
    return _brief(
        brief["incident_status"]["name"],
        _severity(brief),
        brief.get("lead"),
        [u["message"] for u in brief["updates"]],
        [a["description"] for a in brief["open_actions"]],
        [f["title"] for f in brief["open_follow_ups"]],
    )


async def brief_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    incident = (await env.get(f"/v2/incidents/{_number(subject['incident'])}"))["incident"]
    of_it = {"incident_id": incident["id"]}
    updates = (await env.get("/v2/incident_updates", **of_it, page_size=UPDATES))[
        "incident_updates"
    ]
    actions = (await env.get("/v2/actions", **of_it))["actions"]
    follow_ups = (await env.get("/v2/follow_ups", **of_it))["follow_ups"]
    return _same(
        _brief(
            incident["incident_status"]["name"],
            _severity(incident),
            _lead(incident),
            [u["message"] for u in updates],
            [a["description"] for a in actions if a["status"] == "outstanding"],
            [f["title"] for f in follow_ups if f["status"] == "outstanding"],
        )
    )(answer)


async def status_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    statuses = (await agent.call("incident_statuses_list", {}))["incident_statuses"]
    incident = (await agent.call("incidents_show", {"id": _number(subject["incident"])}))[
        "incident"
    ]
    updated = await agent.call(
        "incidents_update",
        {
            "id": incident["id"],
            "incident_status_id": _by_name(statuses, subject["status"])["id"],
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
    incident = (await env.get(f"/v2/incidents/{_number(subject['incident'])}"))["incident"]
    now_status = incident["incident_status"]["name"]
    if now_status != subject["status"]:
        return f"the incident is {now_status!r}, not {subject['status']!r}"
    return _same(subject["status"])(answer)


def _notified(escalation: JSON) -> list[str]:
    for event in escalation["events"]:
        if event["event"] == "notified_users":
            return sorted(user["name"] for user in event["users"])
    return []


async def page_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    paths = await every_page(agent, "escalation_paths_list", {}, "escalation_paths")
    path = _by_name(paths, subject["path"])
    incident = (await agent.call("incidents_show", {"id": _number(subject["incident"])}))[
        "incident"
    ]
    created = await agent.call(
        "escalations_create",
        {
            "idempotency_key": "bench-page-raw",
            "title": f"{subject['incident']}: need the on-call",
            "escalation_path_id": path["id"],
            "incident_id": incident["id"],
        },
    )
    return _notified(created["escalation"])


async def page_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    page = {
        "idempotency_key": "bench-page-lean",
        "title": f"{subject['incident']}: need the on-call",
        "escalation_path_id": subject["path"],
        "incident_id": subject["incident"],
    }
    preview = (await agent.call("escalations_create", {**page, "dry_run": True}))["escalation"]
    created = (await agent.call("escalations_create", page))["escalation"]
    paged = next(e["users"] for e in created["timeline"] if e["event"] == "notified_users")
    if sorted(p["name"] for p in preview["would_page"]) != sorted(paged):
        return {"dry_run": sorted(p["name"] for p in preview["would_page"]), "paged": sorted(paged)}
    return sorted(paged)


async def page_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    path = (await env.get(f"/v2/escalation_paths/{subject['path_id']}"))["escalation_path"]
    expected = await _level_names(env, _first_level(path))
    escalations = (await env.get("/v2/escalations"))["escalations"]
    made = [e for e in escalations if e["created_at"] == stamp(env.now)]
    if len(made) != 1 or _notified(made[0]) != expected:
        return (
            f"the sandbox holds {len(made)} new escalation(s) paging {[_notified(e) for e in made]}"
        )
    return _same(expected)(answer)


async def page_subject(env: Env) -> Subject:
    return {**await _path(env), **await _live_incident(env)}


def _in_week(week: list[str], start: str, end: str) -> bool:
    return moment(start) < moment(week[1]) and moment(end) > moment(week[0])


async def week_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    user = (await agent.call("users_list", {"email": subject["email"]}))["users"][0]
    schedules = await every_page(agent, "schedules_list", {"page_size": 250}, "schedules")
    mine = [
        s
        for s in schedules
        if any(u["id"] == user["id"] for r in s["config"]["rotations"] for u in r["users"])
    ]
    shifts: list[list[str]] = []
    window = {"entry_window_start": subject["week"][0], "entry_window_end": subject["week"][1]}
    for schedule in mine:
        entries = await agent.call(
            "schedule_entries_list", {"schedule_id": schedule["id"], **window}
        )
        shifts += [
            [schedule["name"], e["start_at"], e["end_at"]]
            for e in entries["schedule_entries"]["final"]
            if e["user"]["id"] == user["id"]
        ]
    return sorted(shifts)


async def week_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    out = (await agent.call("on_call_now", {"user": subject["email"], "days": 14}))["on_call"]
    return sorted(
        [s["schedule"], s["from"], s["until"]]
        for s in out["current"] + out["upcoming"]
        if _in_week(subject["week"], s["from"], s["until"])
    )


async def week_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    users = (await env.get("/v2/users", email=subject["email"]))["users"]
    schedules = await env.pages("/v2/schedules", "schedules", page_size=250)
    expected: list[list[str]] = []
    for schedule in schedules:
        entries = await env.get(
            "/v2/schedule_entries",
            schedule_id=schedule["id"],
            entry_window_start=subject["week"][0],
            entry_window_end=subject["week"][1],
        )
        expected += [
            [schedule["name"], e["start_at"], e["end_at"]]
            for e in entries["schedule_entries"]["final"]
            if e["user"]["id"] == users[0]["id"]
        ]
    if not expected:
        return "the subject is not on call that week: the task checks nothing"
    return _same(sorted(expected))(answer)


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
    return _same(
        sorted(
            f["title"]
            for f in items
            if f["status"] == "outstanding"
            and (f.get("assignee") or {}).get("name") == subject["name"]
        )
    )(answer)


def _recent(escalations: list[JSON], now: datetime) -> list[JSON]:
    return [e for e in escalations if moment(e["created_at"]) >= now - timedelta(hours=24)]


async def _pages_until(agent: Agent, now: datetime) -> list[JSON]:
    """Escalations newest first, page by page, until one is older than 24 h."""
    items: list[JSON] = []
    after = None
    while True:
        args = {"page_size": 50, **({"after": after} if after else {})}
        out = await agent.call("escalations_list", args)
        items += out["escalations"]
        after = (out.get("pagination_meta") or {}).get("after")
        if not after or len(_recent(out["escalations"], now)) < len(out["escalations"]):
            return items


def _acked(events: list[JSON], at_key: str) -> str | None:
    return next((e[at_key] for e in events if e["event"] == "acked"), None)


async def escalations_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    items = await _pages_until(agent, now)
    return sorted(
        [e["title"], e["status"], _notified(e), _acked(e["events"], "occurred_at")]
        for e in _recent(items, now)
    )


async def escalations_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    items = await _pages_until(agent, now)
    rows = []
    for e in _recent(items, now):
        notified = next(
            (x.get("users", []) for x in e["timeline"] if x["event"] == "notified_users"), []
        )
        rows.append([e["title"], e["status"], sorted(notified), _acked(e["timeline"], "at")])
    return sorted(rows)


async def escalations_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    items = await env.pages("/v2/escalations", "escalations", page_size=50)
    expected = sorted(
        [e["title"], e["status"], _notified(e), _acked(e["events"], "occurred_at")]
        for e in _recent(items, env.now)
    )
    if not expected:
        return "no escalation in the last 24 h: the task checks nothing"
    return _same(expected)(answer)


async def declare_needs_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    types = (await agent.call("incident_types_list", {}))["incident_types"]
    severities = (await agent.call("severities_list", {}))["severities"]
    fields = (await agent.call("custom_fields_list", {}))["custom_fields"]
    chosen = _by_name(types, subject["type"])
    return {
        "visibility": "private" if chosen["private_incidents_only"] else "public or private",
        "starts_in_triage": chosen["create_in_triage"],
        "severities": sorted(s["name"] for s in severities),
        "custom_fields": sorted(f["name"] for f in fields),
    }


async def declare_needs_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    types = (
        await agent.call(
            "incident_types_list",
            {"fields": ["name", "private_incidents_only", "create_in_triage"]},
        )
    )["incident_types"]
    severities = (await agent.call("severities_list", {"fields": ["name"]}))["severities"]
    fields = (await agent.call("custom_fields_list", {"fields": ["name"]}))["custom_fields"]
    chosen = _by_name(types, subject["type"])
    return {
        "visibility": "private" if chosen["private_incidents_only"] else "public or private",
        "starts_in_triage": chosen["create_in_triage"],
        "severities": sorted(s["name"] for s in severities),
        "custom_fields": sorted(f["name"] for f in fields),
    }


async def declare_needs_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    chosen = _by_name((await env.get("/v1/incident_types"))["incident_types"], subject["type"])
    return _same(
        {
            "visibility": "private" if chosen["private_incidents_only"] else "public or private",
            "starts_in_triage": chosen["create_in_triage"],
            "severities": sorted(
                s["name"] for s in (await env.get("/v1/severities"))["severities"]
            ),
            "custom_fields": sorted(
                f["name"] for f in (await env.get("/v2/custom_fields"))["custom_fields"]
            ),
        }
    )(answer)


async def critical_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    severities = (await agent.call("severities_list", {}))["severities"]
    top = _by_name(severities, subject["severity"])
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
    expected = sorted(i["reference"] for i in live if _severity(i) == subject["severity"])
    if not expected:
        return "no live incident at that severity: the task checks nothing"
    return _same(expected)(answer)


async def actions_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    incident = (await agent.call("incidents_show", {"id": _number(subject["incident"])}))[
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
    incident = (await env.get(f"/v2/incidents/{_number(subject['incident'])}"))["incident"]
    items = (await env.get("/v2/actions", incident_id=incident["id"]))["actions"]
    return _same(
        sorted(
            [a["description"], (a.get("assignee") or {}).get("name")]
            for a in items
            if a["status"] == "outstanding"
        )
    )(answer)


async def declare_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    severities = (await agent.call("severities_list", {}))["severities"]
    types = (await agent.call("incident_types_list", {}))["incident_types"]
    created = (
        await agent.call(
            "incidents_create",
            {
                "idempotency_key": "bench-declare-raw",
                "name": subject["title"],
                "severity_id": _by_name(severities, subject["severity"])["id"],
                "incident_type_id": _by_name(types, subject["type"])["id"],
                "visibility": "public",
            },
        )
    )["incident"]
    return [created["reference"], _severity(created), created["incident_type"]["name"]]


async def declare_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    created = (
        await agent.call(
            "incidents_create",
            {
                "idempotency_key": "bench-declare-lean",
                "name": subject["title"],
                "severity_id": subject["severity"],
                "incident_type_id": subject["type"],
                "visibility": "public",
            },
        )
    )["incident"]
    return [created["reference"], _severity(created), created["incident_type"]["name"]]


async def declare_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    newest = await env.get("/v2/incidents", page_size=10, sort_by="created_at_newest_first")
    made = [i for i in newest["incidents"] if i["name"] == subject["title"]]
    if len(made) != 1:
        return f"{len(made)} incidents named {subject['title']!r}"
    incident = made[0]
    if [_severity(incident), incident["incident_type"]["name"]] != [
        subject["severity"],
        subject["type"],
    ]:
        return f"declared as {incident['severity']['name']} / {incident['incident_type']['name']}"
    return _same([incident["reference"], subject["severity"], subject["type"]])(answer)


async def levels_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    paths = await every_page(agent, "escalation_paths_list", {}, "escalation_paths")
    path = _by_name(paths, subject["path"])
    schedules: dict[str, JSON] = {}
    levels: list[list[str]] = []
    for node in plain_levels(path):
        names: set[str] = set()
        for target in node["level"]["targets"]:
            if target["type"] == "user":
                names.add((await agent.call("users_show", {"id": target["id"]}))["user"]["name"])
            elif target["type"] == "schedule":
                if not schedules:
                    listed = await every_page(
                        agent, "schedules_list", {"page_size": 250}, "schedules"
                    )
                    schedules = {s["id"]: s for s in listed}
                names |= {s["user"]["name"] for s in schedules[target["id"]]["current_shifts"]}
        levels.append(sorted(names))
    return levels


async def levels_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    out = (await agent.call("on_call_now", {"escalation_path": subject["path"]}))["on_call"]
    levels: list[list[str]] = []
    for level in out["levels"]:
        names: set[str] = set()
        for target in level["targets"]:
            if "user" in target:
                names.add(target["user"])
            names |= {user["name"] for user in target.get("users", [])}
        levels.append(sorted(names))
    return levels


async def levels_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    return _same(await _levels_truth(env, subject["path_id"]))(answer)


async def _none(env: Env) -> Subject:
    return {}


TASKS: tuple[Task, ...] = (
    Task(
        "live_incidents",
        "Which incidents are live, with severity and lead?",
        _none,
        live_raw,
        live_lean,
        live_check,
    ),
    Task(
        "on_call_schedule",
        "Who is on call now for a schedule, and until when?",
        _schedule,
        on_call_raw,
        on_call_lean,
        on_call_check,
    ),
    Task(
        "incident_brief",
        "A brief on a live incident: status, severity, updates, actions, follow-ups",
        _live_incident,
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
        "page_path",
        "Page an escalation path for an incident, and say who was paged",
        page_subject,
        page_raw,
        page_lean,
        page_check,
    ),
    Task(
        "on_call_next_week",
        "Am I on call next week?",
        _on_call_next_week,
        week_raw,
        week_lean,
        week_check,
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
        "escalations_24h",
        "Escalations in the last 24 h and who acked",
        _none,
        escalations_raw,
        escalations_lean,
        escalations_check,
    ),
    Task(
        "declare_needs",
        "What must be filled to declare an incident of type X?",
        _private_type,
        declare_needs_raw,
        declare_needs_lean,
        declare_needs_check,
    ),
    Task("cancel_page", "Cancel the page I just sent", _none, needs=("escalations_cancel",)),
    Task("checkout_owner", "Who owns the checkout service?", _none, needs=("teams_list",)),
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
    Task(
        "declare_incident",
        "Declare an incident of a given severity and type, by name",
        _declaration,
        declare_raw,
        declare_lean,
        declare_check,
    ),
    Task(
        "path_levels",
        "Who would an escalation path page now, level by level?",
        _path,
        levels_raw,
        levels_lean,
        levels_check,
    ),
)


def waiting_for(task: Task, tools: Mapping[str, object]) -> list[str]:
    """The tools a task needs that do not exist yet."""
    return [name for name in task.needs if name not in tools]
