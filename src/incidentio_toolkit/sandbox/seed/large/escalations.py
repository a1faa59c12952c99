"""The large organisation's escalations: pages through the teams' escalation paths (or straight
to people) for serious incidents and for alerts without an incident, in every status, written
through the escalations store."""

from __future__ import annotations

from datetime import datetime, timedelta

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, to_micros
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.incidents import WrittenIncident
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, HISTORY_START
from incidentio_toolkit.sandbox.store.escalations import STATUSES

OLD_OUTCOMES = {"resolved": 0.8, "expired": 0.07, "cancelled": 0.08, "acked": 0.05}
RECENT_OUTCOMES = {
    "triggered": 0.25,
    "acked": 0.3,
    "resolved": 0.25,
    "snoozed": 0.05,
    "delayed": 0.05,
    "pending": 0.03,
    "pending_repeat": 0.04,
    "cancelled": 0.03,
}
_EVENTS = {
    "acked": ("acked",),
    "resolved": ("acked", "resolved"),
    "expired": ("expired",),
    "cancelled": ("cancelled",),
}


def _wanted(org: LargeOrg, written: WrittenIncident) -> bool:
    story = written.story
    if story.mode != "standard" or story.reached("investigating") is None:
        return False
    chance = {"critical": 0.9, "major": 0.55}.get(story.severity_key or "", 0.08)
    return org.chance(chance)


def _create(
    org: LargeOrg, team: Team, title: str, when: datetime, status: str, incident_id: str | None
) -> None:
    body: JSON = {"idempotency_key": f"globex-escalation-{new_id(when)}", "title": title}
    if team.path_ids and org.chance(0.85):
        body["escalation_path_id"] = org.pick(team.path_ids)
    else:
        people = team.members or org.active_users
        body["user_ids"] = [u["id"] for u in org.some(people, 1, 2)]
    if incident_id is not None:
        body["incident_id"] = incident_id
    escalation, _ = org.store.escalations.create(Fields(body), when, status=status)
    at = when
    for event in _EVENTS.get(status, ()):
        at = min(at + timedelta(minutes=org.rng.randint(1, 90)), HISTORY_END)
        escalation["events"].append({"id": new_id(at), "event": event, "occurred_at": fmt_time(at)})
    if at != when:
        escalation["updated_at"] = fmt_time(at)
        org.store.escalations.table.update(escalation["id"], escalation, updated_us=to_micros(at))


def write_escalations(
    org: LargeOrg, incidents: list[WrittenIncident], *, alerts: bool = True
) -> None:
    """Escalations for serious incidents, then (with `alerts`) escalations from alerts up to
    `size.escalations`; the newest ones cover every escalation status."""
    planned: list[tuple[datetime, Team, str, str | None]] = []
    for written in incidents:
        if _wanted(org, written):
            when = written.story.created + timedelta(minutes=org.rng.randint(0, 5))
            planned.append((when, written.story.team, written.name, written.id))
    span = int((HISTORY_END - HISTORY_START).total_seconds())
    while alerts and len(planned) < org.size.escalations:
        when = HISTORY_START + timedelta(seconds=org.rng.randrange(span))
        team = org.pick(org.teams)
        title = f"{org.pick(team.services)} {org.pick(names.SYMPTOMS)}"
        planned.append((when, team, title, None))
    planned.sort(key=lambda p: p[0])
    for index, (when, team, title, incident_id) in enumerate(planned):
        from_end = len(planned) - index
        if from_end <= len(STATUSES):
            status = STATUSES[from_end - 1]
        elif HISTORY_END - when < timedelta(days=2):
            status = org.weighted(RECENT_OUTCOMES)
        else:
            status = org.weighted(OLD_OUTCOMES)
        _create(org, team, title, min(when, HISTORY_END), status, incident_id)
