"""Incident updates: recorded by the incidents store when an edit changes status or severity,
listed newest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, to_micros
from incidentio_toolkit.sandbox.store._db import NEWEST_FIRST, Database, Page, Table


class IncidentUpdates:
    """Stored rows hold `IncidentUpdateV2`, indexed by incident and creation time."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "incident_updates", "incident update")
        self.require_incident: Callable[[str, str], JSON] = _unwired
        """The incident with an id, or a 422 naming the field (wired by `Store`: the incidents
        store records updates, so it is made after this one)."""

    def record(self, incident: JSON, actor: JSON, now: datetime, message: str) -> JSON:
        """Record that `actor` moved `incident` to its current status and severity."""
        update: JSON = {
            "id": new_id(now),
            "incident_id": incident["id"],
            "new_incident_status": incident["incident_status"],
            "updater": actor,
            "message": message,
            "created_at": fmt_time(now),
        }
        if incident.get("severity") is not None:
            update["new_severity"] = incident["severity"]
        self.table.insert(
            update["id"], update, incident_id=incident["id"], created_us=to_micros(now)
        )
        return update

    def page(self, incident_id: str | None, after: str | None, limit: int) -> Page:
        """Incident updates, newest first, optionally for one incident (a 422 when it names
        none)."""
        where, args = ("", [])
        if incident_id is not None:
            self.require_incident(incident_id, "incident_id")
            where, args = "incident_id = ?", [incident_id]
        return self.table.page(
            where=where,
            params=args,
            order=NEWEST_FIRST,
            after=after,
            limit=limit,
        )


def _unwired(_id: str, _field: str) -> JSON:
    raise RuntimeError("IncidentUpdates.require_incident is wired by Store")
