"""Incident actions and follow-ups (read-only through the API; seeded)."""

from __future__ import annotations

from typing import Any

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.errors import not_found
from incidentio_toolkit.sandbox.store._db import Database, Table

LIST_MODES = ("standard", "retrospective", "test", "tutorial", "stream")
_DEFAULT_MODES = ("standard", "retrospective")


class _IncidentChildren:
    kind = "record"

    def __init__(self, db: Database, table: str) -> None:
        self.table = Table(db, table)

    def show(self, id: str) -> JSON:
        found = self.table.get(id)
        if found is None:
            raise not_found(self.kind, id)
        return found

    def _where(
        self, incident_id: str | None, incident_mode: str | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if incident_id is not None:
            where.append("incident_id = ?")
            params.append(incident_id)
        modes = (incident_mode,) if incident_mode is not None else _DEFAULT_MODES
        where.append(f"incident_mode IN ({', '.join('?' for _ in modes)})")
        params.extend(modes)
        return where, params


class Actions(_IncidentChildren):
    """Actions (`ActionV2`)."""

    kind = "action"

    def __init__(self, db: Database) -> None:
        super().__init__(db, "actions")

    def add(self, data: JSON, incident_mode: str) -> None:
        """Insert an action (seeding)."""
        self.table.insert(
            data["id"], data, incident_id=data["incident_id"], incident_mode=incident_mode
        )

    def list_texts(self, incident_id: str | None, incident_mode: str | None) -> list[str]:
        """Actions of standard/retrospective incidents unless `incident_mode` says otherwise."""
        where, params = self._where(incident_id, incident_mode)
        return self.table.find_texts(" AND ".join(where), params)


class FollowUps(_IncidentChildren):
    """Follow-ups (`FollowUpV2`)."""

    kind = "follow-up"

    def __init__(self, db: Database) -> None:
        super().__init__(db, "follow_ups")

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

    def list_texts(
        self, incident_id: str | None, incident_mode: str | None, assignee_team_id: str | None
    ) -> list[str]:
        """Follow-ups, filtered like actions plus by assigned team."""
        where, params = self._where(incident_id, incident_mode)
        if assignee_team_id is not None:
            where.append("assignee_team_id = ?")
            params.append(assignee_team_id)
        return self.table.find_texts(" AND ".join(where), params)
