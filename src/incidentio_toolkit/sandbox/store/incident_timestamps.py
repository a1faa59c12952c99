"""Incident timestamps ("Reported at", "Resolved at", ...): read-only through the API (seeded)."""

from __future__ import annotations

import json

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.store._db import Database, Table


class IncidentTimestamps:
    """The timestamps every incident carries a value (or none) for, ordered by rank."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "incident_timestamps", "incident timestamp")

    def add(self, data: JSON) -> None:
        """Insert an `IncidentTimestampV2` (seeding)."""
        self.table.insert(data["id"], data, rank=data["rank"])

    def list_texts(self) -> list[str]:
        """Stored texts of every incident timestamp, by rank."""
        return self.table.find_texts(order="rank ASC, seq ASC")

    def show(self, id: str) -> JSON:
        """One incident timestamp or 404."""
        return self.table.show(id)

    def all(self) -> list[JSON]:
        """Every incident timestamp by rank (one JSON array to parse: incidents ask on every
        write)."""
        rows = self.table.db.query(
            "SELECT json_group_array(json(data)) FROM "
            "(SELECT data FROM incident_timestamps WHERE deleted = 0 ORDER BY rank, seq)"
        )
        timestamps: list[JSON] = json.loads(rows[0][0])
        return timestamps
