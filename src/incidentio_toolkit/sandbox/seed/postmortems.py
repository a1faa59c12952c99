"""Post-mortem documents, their content rendered as Markdown from what the sandbox knows about the
incident (roles, custom fields, timestamps, alerts, pages, status changes, follow-ups) plus the
write-up people add (summary, contributing factors, what went well).

`write_postmortem` writes one for any organisation; `seed_postmortems` writes the demo
organisation's (two closed incidents, one in the learning phase); `random_postmortems` writes one
for each of a generated organisation's closed incidents from a random generator.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON, fmt_time, loads_object, parse_time
from incidentio_toolkit.sandbox.seed.incidents import at
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store.users import user_embed

Status = Literal["in_progress", "in_review", "completed"]


@dataclass(frozen=True, slots=True)
class WriteUp:
    """What people write in a post-mortem beyond the incident's own record."""

    summary: str
    causes: Sequence[str]
    went_well: Sequence[str]


@dataclass(frozen=True, slots=True)
class PostmortemSeed:
    """One document: its incident, state, authors and write-up; `external_url` for a document
    kept outside incident.io."""

    id: str
    incident_id: str
    status: Status
    editor_ids: Sequence[str]
    created: datetime
    updated: datetime
    write_up: WriteUp
    external_url: str | None = None


def write_postmortem(
    store: Store, seed: PostmortemSeed, escalations: Sequence[JSON] | None = None
) -> JSON:
    """Store a document and its Markdown; the incident and the editors must exist. `escalations`
    are the incident's pages when the caller has them at hand (else they are looked up)."""
    incident = store.incidents.show(seed.incident_id)
    editors = [user_embed(store.users.require(user_id, "editors")) for user_id in seed.editor_ids]
    url = seed.external_url or f"{incident['permalink']}/post-mortems/{seed.id}"
    document: JSON = {
        "id": seed.id,
        "incident_id": seed.incident_id,
        "title": f"Post-mortem: {incident['name']}",
        "status": seed.status,
        "type": "external" if seed.external_url else "in_app",
        "document_url": url,
        "exported_urls": [],
        "editors": editors,
        "created_at": fmt_time(seed.created),
        "updated_at": fmt_time(seed.updated),
    }
    store.postmortem_documents.add(document, render_markdown(store, incident, seed, escalations))
    return document


def render_markdown(
    store: Store, incident: JSON, seed: PostmortemSeed, escalations: Sequence[JSON] | None = None
) -> str:
    """The document as incident.io renders it: headings, key facts, timeline by day, follow-ups."""
    lines = [f"# Post-mortem: {incident['name']}", ""]
    facts = [incident["reference"], incident["incident_status"]["name"]]
    if incident.get("severity"):
        facts.insert(1, f"Severity: {incident['severity']['name']}")
    if incident.get("incident_type"):
        facts.append(f"Type: {incident['incident_type']['name']}")
    lines += [" · ".join(f"**{fact}**" for fact in facts), ""]
    if seed.external_url:
        lines += [
            f"The full write-up is an external document: [{seed.external_url}]({seed.external_url})",
            "",
        ]
    lines += ["## Summary", "", seed.write_up.summary, "", "## Key information", ""]
    lines += [f"- **{name}:** {value}" for name, value in _key_facts(incident)]
    lines += ["", "## Timeline", ""]
    day = None
    for moment, text in sorted(_timeline(store, incident, escalations)):
        if moment.date() != day:
            lines += [] if day is None else [""]
            day = moment.date()
            lines += [f"### {day.isoformat()} (UTC)", ""]
        lines.append(f"* [{moment:%H:%M}] {text}")
    for heading, items in (
        ("Contributing factors", seed.write_up.causes),
        ("What went well", seed.write_up.went_well),
    ):
        lines += ["", f"## {heading}", "", *(f"- {item}" for item in items)]
    lines += ["", "## Follow-ups", "", *_follow_ups(store, incident)]
    return "\n".join(lines) + "\n"


def _key_facts(incident: JSON) -> list[tuple[str, str]]:
    facts = [
        (item["role"]["name"], item["assignee"]["name"])
        for item in incident.get("incident_role_assignments", [])
        if item.get("assignee")
    ]
    for entry in incident.get("custom_field_entries", []):
        values = [_field_value(value) for value in entry["values"]]
        if values:
            facts.append((entry["custom_field"]["name"], ", ".join(values)))
    return facts


def _field_value(value: JSON) -> str:
    if "value_option" in value:
        return str(value["value_option"]["value"])
    if "value_link" in value:
        return f"[{value['value_link']}]({value['value_link']})"
    found: Any = value.get("value_text", value.get("value_numeric", ""))
    return str(found)


def _user_name(actor: JSON | None) -> str | None:
    """The name of an actor's user (`{"user": {...}}`), if a user acted."""
    user: JSON = (actor or {}).get("user") or {}
    name: str | None = user.get("name")
    return name


def _timeline(
    store: Store, incident: JSON, escalations: Sequence[JSON] | None
) -> list[tuple[datetime, str]]:
    creator = _user_name(incident.get("creator")) or "the API"
    events = [(parse_time(incident["created_at"]), f"**Incident declared** by {creator}")]
    for item in incident.get("incident_timestamp_values", []):
        name = item["incident_timestamp"]["name"]
        if name == "Impact started" and item.get("value"):
            events.append((parse_time(item["value"]["value"]), "**Impact started**"))
    links, _ = store.alerts.incident_alerts(incident["id"], None, None, 50)
    for link in links:
        alert = link["alert"]
        source = store.alerts.sources.get(alert["alert_source_id"]) or {}
        where = f" ({source['name']})" if source else ""
        events.append(
            (parse_time(alert["created_at"]), f"**Alert fired**: {alert['title']}{where}")
        )
    if escalations is None:
        escalations = store.escalations.table.find("instr(data, ?) > 0", (incident["id"],))
    for escalation in escalations:
        for event in escalation["events"]:
            if event["event"] == "notified_users":
                who = ", ".join(user["name"] for user in event.get("users", []))
                text = f"**Paged** {who}: {escalation['title']}"
                events.append((parse_time(event["occurred_at"]), text))
            elif event["event"] == "acked":
                events.append((parse_time(event["occurred_at"]), "**Page acknowledged**"))
    for update in store.incident_updates.table.find("incident_id = ?", (incident["id"],)):
        updater = _user_name(update.get("updater"))
        text = f"**{update['message']}**" + (f" by {updater}" if updater else "")
        events.append((parse_time(update["created_at"]), text))
    return events


def _follow_ups(store: Store, incident: JSON) -> list[str]:
    lines: list[str] = []
    for text in store.follow_ups.list_texts(incident["id"], incident["mode"], None):
        follow_up = loads_object(text)
        mark = "x" if follow_up["status"] == "completed" else " "
        owners = [
            owner["name"]
            for owner in (follow_up.get("assignee"), follow_up.get("assignee_team"))
            if owner
        ]
        line = f"- [{mark}] **{follow_up['title']}**"
        if follow_up.get("priority"):
            line += f" ({follow_up['priority']['name']})"
        if owners:
            line += " — " + ", ".join(owners)
        issue = follow_up.get("external_issue_reference")
        if issue:
            line += f" · [{issue['issue_name']}]({issue['issue_permalink']})"
        lines.append(line)
    return lines or ["No follow-ups yet."]


_DEMO = [
    PostmortemSeed(
        ids.POSTMORTEM_CHECKOUT_ID,
        ids.INCIDENT_CHECKOUT_ID,
        "completed",
        [ids.USER_SOFIA_ID, ids.USER_PRIYA_ID],
        at("2025-03-05T09:30:00"),
        at("2025-03-07T09:45:00"),
        WriteUp(
            "The 14:05 deploy of checkout-api v2025.03.04-2 shipped a connection-pool setting "
            "that let each pod open only 5 database connections. Under the afternoon peak, about "
            "30% of checkout requests timed out waiting for a connection and failed with 500s for "
            "33 minutes, until Sofia Rossi rolled back to v2025.03.04-1.",
            [
                "The pool size came from an environment default that changed in the new release.",
                "The canary stage only ran for 2 minutes at 1% of traffic, too little to see it.",
                "The 5xx alert paged 2 minutes after impact started, but the runbook did not "
                "mention rolling back.",
            ],
            [
                "Datadog caught the error rate within 2 minutes and the page was acknowledged in 2.",
                "Comms posted a status page update 18 minutes after impact started.",
            ],
        ),
    ),
    PostmortemSeed(
        ids.POSTMORTEM_DNS_ID,
        ids.INCIDENT_DNS_RETRO_ID,
        "completed",
        [ids.USER_MARCUS_ID],
        at("2025-03-20T09:15:00"),
        at("2025-03-21T16:00:00"),
        WriteUp(
            "Internal DNS failed for 40 minutes after a resolver upgrade. This incident was "
            "imported from the old tracker; its review was written there.",
            ["A resolver upgrade was rolled out to every zone at once."],
            ["Cached answers kept most external traffic working."],
        ),
        external_url="https://docs.northwind.example/postmortems/dns-march",
    ),
    PostmortemSeed(
        ids.POSTMORTEM_SEARCH_ID,
        ids.INCIDENT_SEARCH_LATENCY_ID,
        "in_progress",
        [ids.USER_KENJI_ID],
        at("2025-05-20T12:00:00"),
        at("2025-05-21T09:10:00"),
        WriteUp(
            "After the nightly index rebuild, search p99 latency stayed above 4 seconds for "
            "about three hours. Draft: still collecting the shard-level metrics.",
            ["The rebuilt index had twice as many segments as usual (to confirm)."],
            ["The latency alert fired 6 minutes before the first customer report."],
        ),
    ),
]


def seed_postmortems(store: Store) -> None:
    """The demo organisation's post-mortems: the checkout outage's (completed), the imported DNS
    incident's (an external document) and the search latency one (still being written)."""
    for seed in _DEMO:
        write_postmortem(store, seed)


_CAUSES = (
    "A configuration change reached every region at once.",
    "A dependency's timeout was longer than our own request timeout.",
    "The alert threshold was set for last year's traffic.",
    "A retry storm amplified a short outage of a downstream service.",
)
_WENT_WELL = (
    "The alert paged the right team within minutes.",
    "The rollback took under ten minutes.",
    "Customers were told within half an hour.",
)


def random_postmortems(
    store: Store, rng: random.Random, incident_ids: Sequence[str], editor_ids: Sequence[str]
) -> list[str]:
    """A completed post-mortem for each of `incident_ids` (closed incidents of a generated
    organisation), written by one or two of `editor_ids`. Returns the document ids."""
    written: list[str] = []
    for number, incident_id in enumerate(incident_ids):
        incident = store.incidents.show(incident_id)
        created = parse_time(incident["updated_at"]) + timedelta(hours=rng.randrange(1, 48))
        seed = PostmortemSeed(
            f"{incident_id[:16]}PM{number:08d}",
            incident_id,
            "completed",
            rng.sample(list(editor_ids), k=min(len(editor_ids), rng.randrange(1, 3))),
            created,
            created + timedelta(days=rng.randrange(1, 6)),
            WriteUp(
                incident.get("summary") or f"{incident['name']}: what happened and why.",
                rng.sample(_CAUSES, k=2),
                rng.sample(_WENT_WELL, k=1),
            ),
        )
        written.append(write_postmortem(store, seed)["id"])
    return written
