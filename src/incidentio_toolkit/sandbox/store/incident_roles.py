"""Incident roles: the lead and reporter (built in) and custom ones (CRUD)."""

from __future__ import annotations

from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.store._db import Cascade, Database, Table, no_cascade


class IncidentRoles:
    """Incident roles (lead, reporter and custom ones)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.table = Table(db, "incident_roles", "incident role")
        self.cascade: Cascade = no_cascade

    def add(self, data: JSON) -> None:
        """Insert an `IncidentRoleV2` as-is (seeding)."""
        self.table.insert(data["id"], data)

    def list_texts(self) -> list[str]:
        """Stored texts of every role."""
        return self.table.find_texts()

    def show(self, id: str) -> JSON:
        """One role or 404."""
        return self.table.show(id)

    def require(self, id: str, field: str) -> JSON:
        """The role `id` or a 422 naming `field`."""
        return self.table.require(id, field)

    def create(self, body: Fields, now: datetime) -> JSON:
        """Create a custom role from `IncidentRolesCreatePayloadV2`."""
        stamp = fmt_time(now)
        role: JSON = {"id": new_id(now), **_texts(body), "role_type": "custom"}
        role["created_at"] = role["updated_at"] = stamp
        self.table.insert(role["id"], role)
        return role

    def update(self, id: str, body: Fields, now: datetime) -> JSON:
        """Replace a role's texts from `IncidentRolesUpdatePayloadV2`."""
        with self.db.transaction():  # the role and the incidents that embed it, or neither
            role = self.show(id)
            role.update(_texts(body))
            role["updated_at"] = fmt_time(now)
            self.table.update(id, role)
            self.cascade(id, role)
            return role

    def delete(self, id: str) -> None:
        """Delete a custom role (lead and reporter cannot be deleted)."""
        with self.db.transaction():
            role = self.show(id)
            if role["role_type"] != "custom":
                raise invalid("id", f"the {role['role_type']} role cannot be deleted")
            self.table.soft_delete(id)
            self.cascade(id, None)


def _texts(body: Fields) -> dict[str, str]:
    """The four texts of a role."""
    return {key: body.req_str(key) for key in ("name", "shortform", "description", "instructions")}
