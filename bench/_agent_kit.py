"""What the incident-response tasks of `bench_agent_tasks.py` share: the sandbox as the checker
sees it (`Env`), the task record, the helpers the plans use, and the subjects several tasks ask
about (found in the organisation, so the same task runs on the demo and the large organisation).

Each task has a subject, two scripted plans, and a check against the sandbox's truth:

- `raw`: an agent with the actions only (no composites), full objects and ids, looking up what it
  needs;
- `lean`: an agent with the toolkit's defaults: summaries, names and references where ids are
  expected, `fields`, the composite reads and the dry run.

Truth is read straight from the sandbox's HTTP API (`Env.get`, never through the toolkit), so a
plan that is cheap and wrong fails its check. A task whose `needs` are not all tools yet is listed
as waiting for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
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

    async def post(self, path: str, body: JSON) -> JSON:
        """A write the task's subject needs (the page "I just sent"), made before the plan runs."""
        response = await self.api.post(path, json=body)
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


def same(expected: JSON) -> Callable[[JSON], str | None]:
    def compare(answer: JSON) -> str | None:
        return None if answer == expected else f"expected {expected!r:.300}, got {answer!r:.300}"

    return compare


def by_name(items: list[JSON], name: str) -> JSON:
    return next(item for item in items if item["name"] == name)


def lead_of(incident: JSON) -> str | None:
    for assignment in incident.get("incident_role_assignments") or []:
        if assignment["role"].get("role_type") == "lead":
            return assignment.get("assignee", {}).get("name")
    return None


def severity_of(incident: JSON) -> str | None:
    """The severity's name; incidents may have none."""
    return (incident.get("severity") or {}).get("name")


def number_of(reference: str) -> str:
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


async def schedule_subject(env: Env) -> Subject:
    schedules = await env.pages("/v2/schedules", "schedules", page_size=250)
    covered = sorted((s for s in schedules if s.get("current_shifts")), key=lambda s: s["name"])
    return {"schedule": covered[0]["name"], "schedule_id": covered[0]["id"]}


def first_level(path: JSON) -> list[JSON]:
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


async def path_subject(env: Env) -> Subject:
    paths = await env.pages("/v2/escalation_paths", "escalation_paths", page_size=25)
    chosen = next(p for p in sorted(paths, key=lambda p: p["name"]) if _plain(p))
    return {"path": chosen["name"], "path_id": chosen["id"]}


async def live_incident_subject(env: Env) -> Subject:
    live = await env.pages("/v2/incidents", "incidents", **{"status_category[one_of]": "live"})
    counts = {}
    for incident in live:
        updates = await env.get("/v2/incident_updates", incident_id=incident["id"], page_size=250)
        counts[incident["reference"]] = len(updates["incident_updates"])
    reference = max(sorted(counts), key=lambda ref: counts[ref])
    return {"incident": reference}


async def no_subject(env: Env) -> Subject:
    return {}


def waiting_for(task: Task, tools: Mapping[str, object]) -> list[str]:
    """The tools a task needs that do not exist yet."""
    return [name for name in task.needs if name not in tools]
