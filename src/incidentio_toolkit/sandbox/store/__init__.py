"""The sandbox's state: one store per resource over a shared SQLite database."""

from __future__ import annotations

from pathlib import Path

from incidentio_toolkit.sandbox.store._db import Database, Page
from incidentio_toolkit.sandbox.store.activity import Actions, FollowUps
from incidentio_toolkit.sandbox.store.catalog import Catalog, Users
from incidentio_toolkit.sandbox.store.escalation_paths import EscalationPaths
from incidentio_toolkit.sandbox.store.escalations import Escalations
from incidentio_toolkit.sandbox.store.incidents import Incidents
from incidentio_toolkit.sandbox.store.schedules import Schedules
from incidentio_toolkit.sandbox.store.settings import CustomFields, IncidentRoles
from incidentio_toolkit.sandbox.store.workflows import Workflows

__all__ = ["Page", "Store"]


class Store:
    """Every resource store, wired together (cascades between them included)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.db = Database(path)
        self.is_new = self.db.get_meta("created") is None
        """True when this database was created just now (seed it)."""
        if self.is_new:
            self.db.set_meta("created", "1")
        self.catalog = Catalog(self.db)
        self.users = Users(self.db)
        self.roles = IncidentRoles(self.db)
        self.custom_fields = CustomFields(self.db)
        self.incidents = Incidents(
            self.db, self.catalog, self.users, self.roles, self.custom_fields
        )
        self.actions = Actions(self.db)
        self.follow_ups = FollowUps(self.db)
        self.workflows = Workflows(self.db)
        self.schedules = Schedules(self.db, self.users)
        self.escalation_paths = EscalationPaths(self.db, self.users, self.schedules)
        self.escalations = Escalations(self.db, self.users, self.escalation_paths, self.incidents)
        self.roles.cascade = self.incidents.cascade_role
        self.custom_fields.cascade = self.incidents.cascade_custom_field
        self.incidents.on_change = self.escalations.refresh_incident

    @property
    def seeded(self) -> bool:
        """Whether the seed organisation has been written to this database."""
        return self.db.get_meta("seeded") is not None

    def close(self) -> None:
        """Close the database."""
        self.db.close()
