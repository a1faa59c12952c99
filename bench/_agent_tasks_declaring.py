"""The declaring tasks of `bench_agent_tasks.py`: what must be filled to declare an incident of a
type, and declaring one of a severity and type given by name."""

from __future__ import annotations

from datetime import datetime

from _agent_kit import JSON, Agent, Env, Subject, Task, by_name, same, severity_of


async def _private_type(env: Env) -> Subject:
    types = (await env.get("/v1/incident_types"))["incident_types"]
    chosen = next((t for t in types if t["private_incidents_only"]), None) or next(
        t for t in types if not t["is_default"]
    )
    return {"type": chosen["name"]}


async def _declaration(env: Env) -> Subject:
    severities = sorted((await env.get("/v1/severities"))["severities"], key=lambda s: -s["rank"])
    types = (await env.get("/v1/incident_types"))["incident_types"]
    public = [t for t in types if not t["is_default"] and not t["private_incidents_only"]]
    chosen = (public or types)[0]
    severity = severities[1] if len(severities) > 1 else severities[0]
    return {"severity": severity["name"], "type": chosen["name"], "title": "Search is slow (bench)"}


async def declare_needs_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    types = (await agent.call("incident_types_list", {}))["incident_types"]
    severities = (await agent.call("severities_list", {}))["severities"]
    fields = (await agent.call("custom_fields_list", {}))["custom_fields"]
    chosen = by_name(types, subject["type"])
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
    chosen = by_name(types, subject["type"])
    return {
        "visibility": "private" if chosen["private_incidents_only"] else "public or private",
        "starts_in_triage": chosen["create_in_triage"],
        "severities": sorted(s["name"] for s in severities),
        "custom_fields": sorted(f["name"] for f in fields),
    }


async def declare_needs_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    chosen = by_name((await env.get("/v1/incident_types"))["incident_types"], subject["type"])
    return same(
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


async def declare_raw(agent: Agent, subject: Subject, now: datetime) -> JSON:
    severities = (await agent.call("severities_list", {}))["severities"]
    types = (await agent.call("incident_types_list", {}))["incident_types"]
    created = (
        await agent.call(
            "incidents_create",
            {
                "idempotency_key": "bench-declare-raw",
                "name": subject["title"],
                "severity_id": by_name(severities, subject["severity"])["id"],
                "incident_type_id": by_name(types, subject["type"])["id"],
                "visibility": "public",
            },
        )
    )["incident"]
    return [created["reference"], severity_of(created), created["incident_type"]["name"]]


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
    return [created["reference"], severity_of(created), created["incident_type"]["name"]]


async def declare_check(env: Env, subject: Subject, answer: JSON) -> str | None:
    newest = await env.get("/v2/incidents", page_size=10, sort_by="created_at_newest_first")
    made = [i for i in newest["incidents"] if i["name"] == subject["title"]]
    if len(made) != 1:
        return f"{len(made)} incidents named {subject['title']!r}"
    incident = made[0]
    if [severity_of(incident), incident["incident_type"]["name"]] != [
        subject["severity"],
        subject["type"],
    ]:
        return f"declared as {incident['severity']['name']} / {incident['incident_type']['name']}"
    return same([incident["reference"], subject["severity"], subject["type"]])(answer)


TASKS: tuple[Task, ...] = (
    Task(
        "declare_needs",
        "What must be filled to declare an incident of type X?",
        _private_type,
        declare_needs_raw,
        declare_needs_lean,
        declare_needs_check,
    ),
    Task(
        "declare_incident",
        "Declare an incident of a given severity and type, by name",
        _declaration,
        declare_raw,
        declare_lean,
        declare_check,
    ),
)
