"""The paging tasks of `bench_agent_tasks.py`: page an escalation path for an incident, the last
day's escalations and who acknowledged them, and cancelling a page sent by mistake."""

from __future__ import annotations

from datetime import datetime, timedelta

from _agent_kit import (
    JSON,
    Agent,
    Env,
    Subject,
    Task,
    by_name,
    every_page,
    first_level,
    live_incident_subject,
    moment,
    no_subject,
    number_of,
    path_subject,
    same,
    stamp,
)
from _agent_tasks_on_call import level_names


def _notified(escalation: JSON) -> list[str]:
    for event in escalation["events"]:
        if event["event"] == "notified_users":
            return sorted(user["name"] for user in event["users"])
    return []


async def page_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    paths = await every_page(agent, "escalation_paths_list", {}, "escalation_paths")
    path = by_name(paths, subject["path"])
    incident = (await agent.call("incidents_show", {"id": number_of(subject["incident"])}))[
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
    expected = await level_names(env, first_level(path))
    escalations = (await env.get("/v2/escalations"))["escalations"]
    made = [e for e in escalations if e["created_at"] == stamp(env.now)]
    if len(made) != 1 or _notified(made[0]) != expected:
        return (
            f"the sandbox holds {len(made)} new escalation(s) paging {[_notified(e) for e in made]}"
        )
    return same(expected)(answer)


async def page_subject(env: Env) -> Subject:
    return {**await path_subject(env), **await live_incident_subject(env)}


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
    return same(expected)(answer)


CANCEL_PAGE_SIZE = 10
"""The newest escalations either plan reads to find the page just sent."""


async def cancel_subject(env: Env) -> Subject:
    """A page sent a moment ago through the first plain path, by someone else than the agent."""
    subject = await path_subject(env)
    title = "Checkout is down (paged by mistake)"
    sent = await env.post(
        "/v2/escalations",
        {
            "idempotency_key": "bench-cancel-subject",
            "title": title,
            "escalation_path_id": subject["path_id"],
        },
    )
    return {**subject, "title": title, "escalation_id": sent["escalation"]["id"]}


def _just_sent(escalations: list[JSON], title: str) -> JSON:
    """The newest escalation with the title, still paging (the answer names it)."""
    return next(e for e in escalations if e["title"] == title and e["status"] != "cancelled")


async def cancel_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    newest = await agent.call("escalations_list", {"page_size": CANCEL_PAGE_SIZE})
    page = _just_sent(newest["escalations"], subject["title"])
    await agent.call("escalations_cancel", {"id": page["id"]})
    return [page["id"], page["title"]]


async def cancel_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    picked = {"page_size": CANCEL_PAGE_SIZE, "fields": ["id", "title", "status"]}
    page = _just_sent(
        (await agent.call("escalations_list", picked))["escalations"], subject["title"]
    )
    await agent.call("escalations_cancel", {"id": page["id"]})
    return [page["id"], page["title"]]


async def cancel_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    escalations = await env.pages("/v2/escalations", "escalations", page_size=50)
    cancelled_now = [
        e["id"]
        for e in escalations
        if e["status"] == "cancelled"
        and any(
            event["event"] == "cancelled" and event["occurred_at"] == stamp(env.now)
            for event in e["events"]
        )
    ]
    if cancelled_now != [subject["escalation_id"]]:
        return f"cancelled now: {cancelled_now}, expected only {subject['escalation_id']}"
    return same([subject["escalation_id"], subject["title"]])(answer)


TASKS: tuple[Task, ...] = (
    Task(
        "page_path",
        "Page an escalation path for an incident, and say who was paged",
        page_subject,
        page_raw,
        page_lean,
        page_check,
    ),
    Task(
        "escalations_24h",
        "Escalations in the last 24 h and who acked",
        no_subject,
        escalations_raw,
        escalations_lean,
        escalations_check,
    ),
    Task(
        "cancel_page",
        "Cancel the page I just sent",
        cancel_subject,
        cancel_raw,
        cancel_lean,
        cancel_check,
    ),
)
