"""The actions and follow-ups of the large organisation's incidents: actions while an incident is
live, follow-ups once it is being documented, with statuses that fit the incident's age."""

from __future__ import annotations

from datetime import datetime, timedelta

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, stable_id
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.incidents import WrittenIncident, user_actor
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END
from incidentio_toolkit.sandbox.store.users import user_embed

ACTION_COUNTS = {"0": 0.35, "1": 0.25, "2": 0.2, "3": 0.12, "4": 0.08}
FOLLOW_UP_COUNTS = {"0": 0.4, "1": 0.3, "2": 0.2, "3": 0.1}
PRIORITIES = (
    {
        "id": stable_id("priority", "urgent"),
        "name": "Urgent",
        "rank": 4,
        "description": "Drop everything",
    },
    {
        "id": stable_id("priority", "high"),
        "name": "High",
        "rank": 3,
        "description": "Do this within a week",
    },
    {"id": stable_id("priority", "medium"), "name": "Medium", "rank": 2},
    {"id": stable_id("priority", "low"), "name": "Low", "rank": 1},
)
PROVIDERS = (
    ("jira", "https://globex.atlassian.net/browse/{0}"),
    ("linear", "https://linear.app/globex/issue/{0}"),
    ("github", "https://github.com/globex/{1}/issues/{2}"),
)


def _text(org: LargeOrg, template: str, written: WrittenIncident) -> str:
    return template.format(
        service=org.pick(written.story.team.services),
        team=written.story.team.name,
        vendor=org.pick(names.VENDORS),
    )


def _record(org: LargeOrg, written: WrittenIncident, creator: JSON, when: datetime) -> JSON:
    stamp = fmt_time(when)
    return {
        "id": new_id(when),
        "incident_id": written.id,
        "creator": user_actor(creator),
        "created_at": stamp,
        "updated_at": stamp,
    }


def write_actions(org: LargeOrg, incidents: list[WrittenIncident]) -> None:
    """Actions of every incident that went live."""
    for written in incidents:
        story = written.story
        live = story.reached("investigating")
        if live is None:
            continue
        resolved = story.reached("documenting")
        people = story.team.members or org.active_users
        for _ in range(int(org.weighted(ACTION_COUNTS))):
            when = live + timedelta(minutes=org.rng.randint(2, 45))
            action = _record(org, written, written.lead, when)
            action["description"] = _text(org, org.pick(names.ACTION_TEXTS), written)
            action["assignee"] = user_embed(org.pick(people))
            if resolved is not None:
                status = org.weighted({"completed": 0.85, "not_doing": 0.1, "deleted": 0.05})
            else:
                status = org.weighted({"outstanding": 0.6, "completed": 0.4})
            action["status"] = status
            if status == "completed":
                done = min(when + timedelta(minutes=org.rng.randint(5, 120)), HISTORY_END)
                action["completed_at"] = action["updated_at"] = fmt_time(done)
            org.store.incident_actions.add(action, story.mode)


def write_follow_ups(org: LargeOrg, incidents: list[WrittenIncident]) -> None:
    """Follow-ups of incidents that reached documenting (not the lowest severity)."""
    for written in incidents:
        story = written.story
        resolved = story.reached("documenting")
        if resolved is None or story.severity_key in (None, "low"):
            continue
        for _ in range(int(org.weighted(FOLLOW_UP_COUNTS))):
            when = min(resolved + timedelta(hours=org.rng.randint(1, 72)), HISTORY_END)
            follow_up = _record(org, written, written.lead, when)
            team = org.pick(org.teams) if org.chance(0.15) else story.team
            follow_up["title"] = _text(org, org.pick(names.FOLLOW_UP_TEXTS), written)
            follow_up["labels"] = org.some(
                ("alerting", "deploys", "capacity", "runbooks", "tech-debt"), 0, 2
            )
            follow_up["assignee_team"] = {"id": stable_id("team", team.name), "name": team.name}
            if org.chance(0.8):
                follow_up["priority"] = org.pick(PRIORITIES)
            if team.members and org.chance(0.75):
                follow_up["assignee"] = user_embed(org.pick(team.members))
            if org.chance(0.5):
                follow_up["description"] = f"Raised in the debrief of {written.name!r}."
            if org.chance(0.4):
                provider, url = org.pick(PROVIDERS)
                key = f"{team.name.upper()[:4]}-{org.rng.randint(10, 4000)}"
                follow_up["external_issue_reference"] = {
                    "provider": provider,
                    "issue_name": key,
                    "issue_permalink": url.format(key, team.name.lower(), org.rng.randint(1, 900)),
                }
            age = HISTORY_END - when
            if age > timedelta(days=90):
                status = org.weighted(
                    {"completed": 0.7, "not_doing": 0.15, "outstanding": 0.1, "deleted": 0.05}
                )
            else:
                status = org.weighted({"outstanding": 0.65, "completed": 0.3, "not_doing": 0.05})
            follow_up["status"] = status
            if status == "completed":
                done = min(when + timedelta(days=org.rng.uniform(1, 60)), HISTORY_END)
                follow_up["completed_at"] = follow_up["updated_at"] = fmt_time(done)
            org.store.follow_ups.add(follow_up, story.mode)
