"""Incident actions (`ActionV2`): read-only through the API (seeded)."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.store._db import Database, Table
from incidentio_toolkit.sandbox.store._filters import incident_scope
from incidentio_toolkit.sandbox.store.incidents import Incidents


class IncidentActions:
    """Stored rows hold `ActionV2`, indexed by incident and the incident's mode."""

    def __init__(self, db: Database, incidents: Incidents) -> None:
        self.table = Table(db, "actions", "action")
        self.incidents = incidents

    def add(self, data: JSON, incident_mode: str) -> None:
        """Insert an action (seeding)."""
        self.table.insert(
            data["id"], data, incident_id=data["incident_id"], incident_mode=incident_mode
        )

    def show(self, id: str) -> JSON:
        """One action or 404."""
        return self.table.show(id)

    def list_texts(self, incident_id: str | None, incident_mode: str | None) -> list[str]:
        """Actions of standard/retrospective incidents unless `incident_mode` says otherwise, of
        one incident when `incident_id` names one (a 422 when it names none)."""
        if incident_id is not None:
            self.incidents.table.require(incident_id, "incident_id")
        return self.table.find_texts(*incident_scope(incident_id, incident_mode))
