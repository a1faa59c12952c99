"""Severities, incident statuses and incident types: read-only through the API (seeded)."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.store._db import Database, Table

STATUS_CATEGORIES = (
    "triage",
    "declined",
    "merged",
    "canceled",
    "live",
    "learning",
    "closed",
    "paused",
)
SLIM_STATUS_CATEGORY = {"live": "active", "learning": "post-incident"}
"""`IncidentSlimV2` (embedded in escalations) names two categories differently."""

_BY_RANK = "rank ASC, seq ASC"


class Reference:
    """The settings incidents refer to by id: severities, statuses and types."""

    def __init__(self, db: Database) -> None:
        self.severities = Table(db, "severities", "severity")
        self.statuses = Table(db, "incident_statuses", "incident status")
        self.types = Table(db, "incident_types", "incident type")

    # seeding -------------------------------------------------------------------------------
    def add_severity(self, data: JSON) -> None:
        """Insert a `SeverityV1`."""
        self.severities.insert(data["id"], data, rank=data["rank"])

    def add_status(self, data: JSON) -> None:
        """Insert an `IncidentStatusV1`."""
        self.statuses.insert(data["id"], data, rank=data["rank"])

    def add_type(self, data: JSON) -> None:
        """Insert an `IncidentTypeV1`."""
        self.types.insert(data["id"], data)

    # lists ---------------------------------------------------------------------------------
    def list_severities(self) -> list[str]:
        """Stored texts of every severity, by rank."""
        return self.severities.find_texts(order=_BY_RANK)

    def list_statuses(self) -> list[str]:
        """Stored texts of every status, by rank."""
        return self.statuses.find_texts(order=_BY_RANK)

    def list_types(self) -> list[str]:
        """Stored texts of every incident type."""
        return self.types.find_texts()

    # references ----------------------------------------------------------------------------
    def severity(self, id: str, field: str) -> JSON:
        """The severity `id` (as `SeverityV2`) or a 422 naming `field`."""
        return self.severities.require(id, field)

    def status(self, id: str, field: str) -> JSON:
        """The status `id` (as `IncidentStatusV2`) or a 422 naming `field`."""
        return self.statuses.require(id, field)

    def first_status(self, category: str) -> JSON:
        """The lowest-ranked status of `category`."""
        rows = self.statuses.find("json_extract(data, '$.category') = ?", (category,))
        rows.sort(key=lambda s: s["rank"])
        if not rows:
            raise invalid("incident_status_id", f"no incident status in category {category!r}")
        return rows[0]

    def incident_type(self, id: str | None, field: str) -> JSON | None:
        """The type `id` (as `IncidentTypeV2`), the default type when `id` is None."""
        if id is None:
            defaults = self.types.find("json_extract(data, '$.is_default') = 1")
            return _type_v2(defaults[0]) if defaults else None
        return _type_v2(self.types.require(id, field))


def _type_v2(data: JSON) -> JSON:
    return {k: v for k, v in data.items() if k != "owning_team_ids"}
