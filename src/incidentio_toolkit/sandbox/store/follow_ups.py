"""Follow-ups (`FollowUpV2`): read-only through the API (seeded)."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.store._db import Database, Table
from incidentio_toolkit.sandbox.store._filters import incident_scope
from incidentio_toolkit.sandbox.store.incidents import Incidents
from incidentio_toolkit.sandbox.store.teams import Teams


class FollowUps:
    """Stored rows hold `FollowUpV2`, indexed by incident, the incident's mode and assigned team."""

    def __init__(self, db: Database, incidents: Incidents, teams: Teams) -> None:
        self.table = Table(db, "follow_ups", "follow-up")
        self.incidents = incidents
        self.teams = teams

    def add(self, data: JSON, incident_mode: str) -> None:
        """Insert a follow-up (seeding)."""
        team = data.get("assignee_team")
        self.table.insert(
            data["id"],
            data,
            incident_id=data["incident_id"],
            incident_mode=incident_mode,
            assignee_team_id=None if team is None else team["id"],
        )

    def show(self, id: str) -> JSON:
        """One follow-up or 404."""
        return self.table.show(id)

    def list_texts(
        self, incident_id: str | None, incident_mode: str | None, assignee_team_id: str | None
    ) -> list[str]:
        """Follow-ups, filtered like actions plus by assigned team (each id must name one: a
        422 names the filter otherwise)."""
        if incident_id is not None:
            self.incidents.table.require(incident_id, "incident_id")
        where, params = incident_scope(incident_id, incident_mode)
        if assignee_team_id is not None:
            self.teams.table.require(assignee_team_id, "assignee_team_id")
            where, params = f"{where} AND assignee_team_id = ?", [*params, assignee_team_id]
        return self.table.find_texts(where, params)
