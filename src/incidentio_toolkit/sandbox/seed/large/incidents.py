"""The large organisation's incidents, written through the incidents store from their stories
(`stories.py`): created with their roles, custom fields and timestamps, then moved to their final
status by an edit, with every earlier change recorded as an incident update."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from incidentio_toolkit.sandbox._util import JSON, fmt_time, seeded_ids
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.large.stories import Story
from incidentio_toolkit.sandbox.store.users import user_embed

SEVERE = ("major", "critical")


@dataclass(frozen=True, slots=True)
class WrittenIncident:
    """What later parts (actions, follow-ups, escalations) need to know about an incident."""

    id: str
    name: str
    story: Story
    lead: JSON
    """The lead's stored user (the creator when nobody led it)."""


def user_actor(user: JSON) -> JSON:
    """`ActorV2` of a stored user."""
    return {"user": user_embed(user)}


def _name(org: LargeOrg, story: Story) -> str:
    service = org.pick(story.team.services)
    if story.mode in ("test", "tutorial"):
        return org.pick(names.DRILL_NAMES).format(service=service)
    if story.type_key == "security":
        return org.pick(names.SECURITY_SYMPTOMS).capitalize()
    if story.type_key == "vendor":
        return f"{org.pick(names.VENDORS)} outage affecting {service}"
    return f"{service} {org.pick(names.SYMPTOMS)}"


def _option(org: LargeOrg, field: str, *values: str) -> JSON:
    options = org.settings.options[field]
    return {
        "custom_field_id": org.settings.fields[field],
        "values": [{"value_option_id": options[v]} for v in values],
    }


def _value(org: LargeOrg, field: str, kind: str, value: str) -> JSON:
    return {"custom_field_id": org.settings.fields[field], "values": [{kind: value}]}


def _custom_fields(org: LargeOrg, story: Story, reference: int) -> list[JSON]:
    team = story.team
    severe = story.severity_key in SEVERE
    customer = story.type_key == "customer"
    entries = [_option(org, "team", team.name)]
    if org.chance(0.35):
        services = org.some(team.services, 1, 2)
        if org.chance(0.1):
            services.append(org.pick(org.pick(org.teams).services))
        entries.append(_option(org, "services", *dict.fromkeys(services)))
    if org.chance(0.3):
        entries.append(_option(org, "product", org.pick(names.PRODUCT_AREAS)))
    if org.chance(0.2):
        entries.append(_option(org, "regions", *org.some(names.REGIONS, 1, 2)))
    if story.reached("documenting") and org.chance(0.35):
        entries.append(_option(org, "root_cause", org.pick(names.ROOT_CAUSES)))
    if org.chance(0.3):
        entries.append(_option(org, "detection", org.pick(names.DETECTION_METHODS)))
    if story.reached("closed") and severe and org.chance(0.4):
        entries.append(_option(org, "factors", *org.some(names.CONTRIBUTING_FACTORS, 1, 3)))
    if org.chance(0.25):
        environment = "production" if story.mode == "standard" else "staging"
        entries.append(_option(org, "environment", environment))
    if story.type_key == "data" and org.chance(0.8):
        entries.append(_option(org, "data_loss", org.pick(names.DATA_LOSS)))
    if customer and org.chance(0.8):
        text = f"Customers see {org.pick(names.SYMPTOMS)} when using {org.pick(team.services)}."
        entries.append(_value(org, "impact", "value_text", text))
    if customer and org.chance(0.6):
        entries.append(_value(org, "customers", "value_numeric", str(org.rng.randint(1, 25000))))
    if customer and severe and org.chance(0.3):
        entries.append(_value(org, "revenue", "value_numeric", str(org.rng.randint(500, 250000))))
    if customer and severe and org.chance(0.6):
        link = f"https://status.{names.EMAIL_DOMAIN}/incidents/{reference}"
        entries.append(_value(org, "status_page", "value_link", link))
    if story.reached("closed") and severe and org.chance(0.7):
        link = f"https://docs.{names.EMAIL_DOMAIN}/postmortems/inc-{reference}"
        entries.append(_value(org, "postmortem", "value_link", link))
    if org.chance(0.25):
        link = f"https://globex.atlassian.net/browse/INC-{reference + 1000}"
        entries.append(_value(org, "ticket", "value_link", link))
    return entries


def _roles(org: LargeOrg, story: Story, creator: JSON, lead: JSON | None) -> list[JSON]:
    roles = org.settings.roles
    people = story.team.members or org.active_users

    def assign(role: str, user: JSON) -> JSON:
        return {"incident_role_id": roles[role], "assignee": {"id": user["id"]}}

    assignments = [assign("reporter", creator)]
    if lead is not None:
        assignments.append(assign("lead", lead))
    severe = story.severity_key in SEVERE
    for role, wanted in (
        ("comms", severe and org.chance(0.7)),
        ("tech", severe and org.chance(0.5)),
        ("scribe", story.severity_key == "critical" and org.chance(0.5)),
        ("liaison", severe and story.type_key == "customer" and org.chance(0.4)),
        ("security", story.type_key == "security" and org.chance(0.9)),
        ("exec", story.severity_key == "critical" and org.chance(0.6)),
    ):
        if wanted:
            assignments.append(assign(role, org.pick(people)))
    return assignments


def _timestamps(org: LargeOrg, story: Story) -> list[JSON]:
    ids = org.settings.timestamps
    accepted = story.reached("investigating")
    values: list[tuple[str, datetime | None]] = [
        ("impact_started", story.created - timedelta(minutes=org.rng.randint(0, 120))),
        ("accepted", accepted),
        ("fix_deployed", story.reached("monitoring")),
        ("resolved", story.reached("documenting")),
    ]
    if story.type_key == "customer" and accepted is not None:
        values.append(("customers_notified", accepted + timedelta(minutes=org.rng.randint(5, 40))))
    return [
        {"incident_timestamp_id": ids[key], "value": fmt_time(when)}
        for key, when in values
        if when is not None
    ]


def _create(org: LargeOrg, story: Story, creator: JSON, lead: JSON | None, number: int) -> JSON:
    settings = org.settings
    first_status = story.steps[-2][0] if len(story.steps) > 1 else story.status_key
    body: JSON = {
        "idempotency_key": f"globex-{number}",
        "name": _name(org, story),
        "visibility": "private" if org.chance(0.03) else "public",
        "mode": story.mode,
        "incident_type_id": settings.types[story.type_key]["id"],
        "incident_status_id": settings.statuses[first_status]["id"],
        "incident_role_assignments": _roles(org, story, creator, lead),
        "custom_field_entries": _custom_fields(org, story, number),
        "incident_timestamp_values": _timestamps(org, story),
    }
    if org.chance(0.85):
        body["summary"] = _note(org, story)
    if story.severity_key is not None:
        body["severity_id"] = settings.severities[story.severity_key]["id"]
    if story.mode == "retrospective":
        link = f"https://docs.{names.EMAIL_DOMAIN}/postmortems/imported-{number}"
        body["retrospective_incident_options"] = {"postmortem_document_url": link}
    incident, _ = org.store.incidents.create(Fields(body), user_actor(creator), story.created)
    return incident


def _note(org: LargeOrg, story: Story) -> str:
    return org.pick(names.UPDATE_TEXTS).format(
        symptom=org.pick(names.SYMPTOMS),
        service=org.pick(story.team.services),
        percent=org.rng.randint(1, 60),
        team=story.team.name,
        vendor=org.pick(names.VENDORS),
    )


def _record_history(org: LargeOrg, story: Story, incident: JSON, actor: JSON) -> None:
    """Incident updates for every change before the last one (the edit records that one), and a
    few written updates while the incident is live."""
    statuses, severities = org.settings.statuses, org.settings.severities
    final_severity: JSON | None = incident.get("severity")
    changes = [(when, "status", key) for key, when in story.steps[1:-1]]
    raised = story.earlier_severity
    if raised is not None:
        changes.append((raised[1], "severity", raised[0]))
    live = [when for key, when in story.steps[:-1] if key in ("investigating", "fixing")]
    for _ in range(org.rng.choice((0, 0, 0, 1, 1, 2)) if live else 0):
        changes.append((org.pick(live) + timedelta(minutes=org.rng.randint(2, 20)), "note", ""))
    status = statuses[story.steps[0][0]]
    severity = final_severity if raised is None else severities[raised[0]]
    last = story.steps[-1][1]  # the edit to the final status comes after every other change
    for when, kind, value in sorted(c for c in changes if c[0] < last):
        if kind == "status":
            message = f"Status changed from {status['name']} to {statuses[value]['name']}"
            status = statuses[value]
        elif kind == "severity" and final_severity is not None:
            message = (
                f"Severity changed from {severities[value]['name']} to {final_severity['name']}"
            )
            severity = final_severity
        else:
            message = _note(org, story)
        view = {**incident, "incident_status": status, "severity": severity}
        org.store.incident_updates.record(view, actor, when, message)


def write_incidents(
    org: LargeOrg, stories: list[Story], first_number: int = 1
) -> list[WrittenIncident]:
    """Write the stories as incidents numbered from `first_number` (oldest first, so references
    count up with time). Each incident draws its data and ids from random sources of its own,
    so that it is the same whichever part of the organisation writes it."""
    written: list[WrittenIncident] = []
    shared = org.rng
    for number, story in enumerate(stories, start=first_number):
        org.rng = random.Random(f"globex-{org.seed}-incident-{number}")  # noqa: S311
        ids = random.Random(f"globex-ids-{org.seed}-incident-{number}")  # noqa: S311
        with seeded_ids(ids):
            written.append(_write_incident(org, story, number))
    org.rng = shared
    return written


def _write_incident(org: LargeOrg, story: Story, number: int) -> WrittenIncident:
    people = story.team.members or org.active_users
    creator = org.pick(people) if org.chance(0.7) else org.pick(org.active_users)
    led = story.reached("investigating") is not None and org.chance(0.95)
    lead = org.pick(people) if led else None
    incident = _create(org, story, creator, lead, number)
    actor = user_actor(lead or creator)
    if len(story.steps) > 1:
        _record_history(org, story, incident, actor)
        final_key, when = story.steps[-1]
        change = {"incident_status_id": org.settings.statuses[final_key]["id"]}
        org.store.incidents.edit(incident["id"], Fields(change, "incident"), actor, when)
    return WrittenIncident(incident["id"], incident["name"], story, lead or creator)
