"""Follow-ups (`FollowUpV2`): read-only through the API (seeded)."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.store._db import Database, Table
from incidentio_toolkit.sandbox.store._filters import incident_scope


class FollowUps:
    """Stored rows hold `FollowUpV2`, indexed by incident, the incident's mode and assigned team."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "follow_ups", "follow-up")

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
        """Follow-ups, filtered like actions plus by assigned team."""
        where, params = incident_scope(incident_id, incident_mode)
        if assignee_team_id is not None:
            where, params = f"{where} AND assignee_team_id = ?", [*params, assignee_team_id]
        return self.table.find_texts(where, params)
