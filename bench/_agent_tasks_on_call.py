"""The on-call tasks of `bench_agent_tasks.py`: who is on call for a schedule, next week's shifts,
whom a path pages level by level, and who owns a service and is on call for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from _agent_kit import (
    JSON,
    Agent,
    Env,
    Subject,
    Task,
    by_name,
    every_page,
    moment,
    path_subject,
    plain_levels,
    same,
    schedule_subject,
    stamp,
)


async def _on_call_next_week(env: Env) -> Subject:
    schedule = await schedule_subject(env)
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


async def level_names(env: Env, targets: list[JSON]) -> list[str]:
    names: set[str] = set()
    for target in targets:
        if target["type"] == "user":
            names.add((await env.get(f"/v2/users/{target['id']}"))["user"]["name"])
        elif target["type"] == "schedule":
            names |= {name for name, _ in await _on_call_truth(env, target["id"])}
    return sorted(names)


async def _levels_truth(env: Env, path_id: str) -> list[list[str]]:
    path = (await env.get(f"/v2/escalation_paths/{path_id}"))["escalation_path"]
    return [await level_names(env, node["level"]["targets"]) for node in plain_levels(path)]


async def on_call_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    schedules = await every_page(agent, "schedules_list", {"page_size": 250}, "schedules")
    schedule = by_name(schedules, subject["schedule"])
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
    return same([list(row) for row in truth])([list(row) for row in answer])


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
    return same(sorted(expected))(answer)


async def levels_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    paths = await every_page(agent, "escalation_paths_list", {}, "escalation_paths")
    path = by_name(paths, subject["path"])
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
    return same(await _levels_truth(env, subject["path_id"]))(answer)


SERVICE = "checkout-api"
"""The service asked about: alerts about it name its owning team (Payments, in both
organisations)."""
ALERTS_PAGE = 50


def _attribute(alert: JSON, name: str) -> JSON:
    """The API's value of one of an alert's attributes (`{}` when it has none)."""
    for item in alert.get("attributes") or []:
        if item["attribute"]["name"] == name:
            return item.get("value") or {}
    return {}


def _entry(alert: JSON, name: str) -> JSON:
    return _attribute(alert, name).get("catalog_entry") or {}


async def owner_subject(env: Env) -> Subject:
    return {"service": SERVICE}


async def _alert_about(agent: Agent, extra: dict[str, Any], about: Callable[[JSON], bool]) -> JSON:
    """The newest alert that `about` accepts, reading alerts newest first, page by page."""
    after = None
    while True:
        arguments = {"page_size": ALERTS_PAGE, **extra, **({"after": after} if after else {})}
        out = await agent.call("alerts_list", arguments)
        found = next((alert for alert in out["alerts"] if about(alert)), None)
        after = (out.get("pagination_meta") or {}).get("after")
        if found is not None:
            return found
        if not after:
            raise LookupError("no alert is about the service")


async def owner_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    alert = await _alert_about(agent, {}, lambda a: _entry(a, "Service").get("name") == SERVICE)
    entry = _entry(alert, "Team")
    teams = await every_page(agent, "teams_list", {"page_size": 250}, "teams")
    team = next(t for t in teams if t["catalog_entry"]["id"] == entry["id"])
    schedules = await every_page(agent, "schedules_list", {"page_size": 250}, "schedules")
    names = {
        shift["user"]["name"]
        for schedule in schedules
        if team["id"] in schedule["team_ids"]
        for shift in schedule["current_shifts"]
    }
    return {"team": team["name"], "on_call": sorted(names)}


async def owner_lean(agent: Agent, subject: Subject, now: datetime) -> JSON:
    alert = await _alert_about(
        agent,
        {"fields": ["attribute_values"]},
        lambda a: a.get("attribute_values", {}).get("Service") == subject["service"],
    )
    team = (await agent.call("on_call_now", {"team": alert["attribute_values"]["Team"]}))["on_call"]
    names = {shift["user"] for schedule in team["schedules"] for shift in schedule["on_call"]}
    return {"team": team["team"], "on_call": sorted(names)}


async def owner_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    alerts = await env.pages("/v2/alerts", "alerts", page_size=ALERTS_PAGE)
    about = [a for a in alerts if _entry(a, "Service").get("name") == subject["service"]]
    entries = {_entry(a, "Team").get("id") for a in about}
    if len(entries) != 1 or None in entries:
        return f"the alerts about {subject['service']} name the teams {entries}"
    teams = await env.pages("/v3/teams", "teams", page_size=250)
    team = next(t for t in teams if t["catalog_entry"]["id"] in entries)
    names: set[str] = set()
    for schedule in await env.pages("/v2/schedules", "schedules", page_size=250):
        if team["id"] in schedule["team_ids"]:
            names |= {name for name, _ in await _on_call_truth(env, schedule["id"])}
    if not names:
        return "nobody is on call for the owning team: the task checks nothing"
    return same({"team": team["name"], "on_call": sorted(names)})(answer)


TASKS: tuple[Task, ...] = (
    Task(
        "on_call_schedule",
        "Who is on call now for a schedule, and until when?",
        schedule_subject,
        on_call_raw,
        on_call_lean,
        on_call_check,
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
        "path_levels",
        "Who would an escalation path page now, level by level?",
        path_subject,
        levels_raw,
        levels_lean,
        levels_check,
    ),
    Task(
        "checkout_owner",
        "Who owns the checkout service, and who is on call for it now?",
        owner_subject,
        owner_raw,
        owner_lean,
        owner_check,
    ),
)
