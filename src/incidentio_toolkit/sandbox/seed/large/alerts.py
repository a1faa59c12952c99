"""The large organisation's alerts: the one behind most standard incidents (from one of the
organisation's services, linked to its incident), and firing or resolved ones that opened no
incident. Each incident's alert comes from a random source of its own, so a part of the
organisation writes the same alert whichever part it is."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from incidentio_toolkit.sandbox._util import stable_id
from incidentio_toolkit.sandbox.seed.alerts import SOURCES, AlertSeed, write_alerts
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.incidents import WrittenIncident
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, HISTORY_START
from incidentio_toolkit.sandbox.seed.large.teams import team_id

BEHIND_AN_INCIDENT = {"critical": 0.9, "major": 0.75, "minor": 0.5, "low": 0.3}
"""The chance that an incident of each severity was opened by an alert."""
OVER = ("monitoring", "documenting", "closed", "declined", "merged", "canceled")


def _alert(org: LargeOrg, rng: random.Random, key: str, team: Team, created: datetime) -> AlertSeed:
    service = rng.choice(team.services)
    symptom = rng.choice(names.SYMPTOMS)
    source_id, _, source_type, _ = rng.choice(SOURCES)
    return AlertSeed(
        stable_id("globex-alert", str(org.seed), key),
        source_id,
        f"{service}/{symptom.replace(' ', '-')}",
        f"{service}: {symptom}",
        f"{service} in {rng.choice(names.REGIONS)}: {symptom} for {rng.randint(3, 30)} minutes.",
        service,
        min(created, HISTORY_END),
        team=(team_id(org, team), team.name),
        source_url=None if source_type == "http" else f"https://alerts.globex.example/{key}",
    )


def write_large_alerts(org: LargeOrg, incidents: list[WrittenIncident], *, unlinked: int) -> None:
    """An alert behind most serious standard incidents (resolved once the incident is past
    fixing), then `unlinked` alerts that opened no incident (the last day's still firing)."""
    seeds: list[AlertSeed] = []
    for written in incidents:
        story = written.story
        rng = random.Random(f"globex-{org.seed}-alert-{written.id}")  # noqa: S311
        chance = BEHIND_AN_INCIDENT.get(story.severity_key or "", 0.0)
        if story.mode != "standard" or rng.random() >= chance:
            continue
        created = story.created - timedelta(minutes=rng.randint(1, 10))
        alert = _alert(org, rng, written.id, story.team, created)
        over = [when for key, when in story.steps if key in OVER]
        resolved = min(over) if over else None
        seeds.append(alert.with_incident(written.id, resolved))
    span = int((HISTORY_END - HISTORY_START).total_seconds())
    rng = random.Random(f"globex-{org.seed}-alerts")  # noqa: S311
    for number in range(unlinked):
        created = HISTORY_START + timedelta(seconds=rng.randrange(span))
        alert = _alert(org, rng, f"unlinked-{number}", rng.choice(org.teams), created)
        recent = HISTORY_END - created < timedelta(days=1)
        resolved = None if recent else created + timedelta(minutes=rng.randint(2, 180))
        seeds.append(alert.with_incident(None, resolved))
    write_alerts(org.store, seeds)
