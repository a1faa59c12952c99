"""The sandbox's state: one store per resource (named like the modules of `actions/`) over a
shared SQLite database, with the domain rules of that resource.

Every store owns its tables (`store/_migrations.py` creates them) and validates what it writes;
the handlers only parse requests and serialize answers. Private modules hold what several stores
share: `_db.py` (connection, JSON-row tables, keyset pages), `_filters.py` (bracket query
filters), `_incident_filters.py` and `_incident_entries.py` (parts of the incidents store).
"""

from __future__ import annotations

from pathlib import Path

from incidentio_toolkit.sandbox.store._db import Database, Page
from incidentio_toolkit.sandbox.store.alerts import Alerts
from incidentio_toolkit.sandbox.store.custom_fields import CustomFields
from incidentio_toolkit.sandbox.store.escalation_paths import EscalationPaths
from incidentio_toolkit.sandbox.store.escalations import Escalations
from incidentio_toolkit.sandbox.store.follow_ups import FollowUps
from incidentio_toolkit.sandbox.store.incident_actions import IncidentActions
from incidentio_toolkit.sandbox.store.incident_roles import IncidentRoles
from incidentio_toolkit.sandbox.store.incident_timestamps import IncidentTimestamps
from incidentio_toolkit.sandbox.store.incident_updates import IncidentUpdates
from incidentio_toolkit.sandbox.store.incidents import Incidents
from incidentio_toolkit.sandbox.store.on_call import OnCall
from incidentio_toolkit.sandbox.store.postmortem_documents import PostmortemDocuments
from incidentio_toolkit.sandbox.store.reference import Reference
from incidentio_toolkit.sandbox.store.schedule_overrides import ScheduleOverrides
from incidentio_toolkit.sandbox.store.schedules import Schedules
from incidentio_toolkit.sandbox.store.teams import Teams
from incidentio_toolkit.sandbox.store.users import Users
from incidentio_toolkit.sandbox.store.workflows import Workflows

__all__ = ["Page", "Store"]


class Store:
    """Every resource store, wired together (cascades between them included)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.db = db = Database(path)
        self.is_new = db.get_meta("created") is None
        """True when this database was created just now (seed it)."""
        if self.is_new:
            db.set_meta("created", "1")
        self.reference = Reference(db)
        self.incident_timestamps = IncidentTimestamps(db)
        self.users = Users(db)
        self.teams = Teams(db, self.users)
        self.incident_roles = IncidentRoles(db)
        self.custom_fields = CustomFields(db)
        self.incident_updates = IncidentUpdates(db)
        self.incidents = Incidents(
            db,
            self.reference,
            self.incident_timestamps,
            self.users,
            self.incident_roles,
            self.custom_fields,
            self.incident_updates,
        )
        self.alerts = Alerts(db, self.incidents)
        self.incident_actions = IncidentActions(db, self.incidents)
        self.postmortem_documents = PostmortemDocuments(db, self.incidents)
        self.follow_ups = FollowUps(db, self.incidents, self.teams)
        self.workflows = Workflows(db, self.teams)
        self.schedules = Schedules(db, self.users, self.teams)
        self.schedule_overrides = ScheduleOverrides(db, self.users, self.schedules)
        self.on_call = OnCall(self.schedule_overrides)
        self.escalation_paths = EscalationPaths(
            db, self.users, self.schedules, self.on_call, self.teams
        )
        self.escalations = Escalations(
            db, self.users, self.escalation_paths, self.incidents, self.alerts
        )
        self.incident_roles.cascade = self.incidents.cascade_role
        self.custom_fields.cascade = self.incidents.cascade_custom_field
        self.incidents.on_change = self.escalations.refresh_incident
        self.incident_updates.require_incident = self.incidents.table.require

    @property
    def seeded(self) -> bool:
        """Whether the seed organisation has been written to this database."""
        return self.db.get_meta("seeded") is not None

    def close(self) -> None:
        """Close the database."""
        self.db.close()
