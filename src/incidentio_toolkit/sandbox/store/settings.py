"""Configurable organisation settings: incident roles and custom fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, dumps, fmt_time, new_id
from incidentio_toolkit.sandbox.errors import invalid, not_found, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Table

FIELD_TYPES = ("single_select", "multi_select", "text", "link", "numeric")
# Optional CustomFieldV2 keys that the create/update payloads may set.
CUSTOM_FIELD_EXTRAS = (
    "catalog_type_id",
    "filter_by",
    "fixed_filter",
    "group_by_catalog_attribute_id",
    "helptext_catalog_attribute_id",
)

Cascade = Callable[[str, JSON | None], None]


def _noop(_id: str, _value: JSON | None) -> None:
    return None


class IncidentRoles:
    """Incident roles (lead, reporter and custom ones)."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "incident_roles")
        self.cascade: Cascade = _noop

    def add(self, data: JSON) -> None:
        """Insert an `IncidentRoleV2` as-is (seeding)."""
        self.table.insert(data["id"], data)

    def list_texts(self) -> list[str]:
        """Stored texts of every role."""
        return self.table.find_texts()

    def show(self, id: str) -> JSON:
        """One role or 404."""
        found = self.table.get(id)
        if found is None:
            raise not_found("incident role", id)
        return found

    def require(self, id: str, field: str) -> JSON:
        """The role `id` or a 422 naming `field`."""
        found = self.table.get(id)
        if found is None:
            raise unknown_reference(field, "incident role", id)
        return found

    def create(self, values: dict[str, str], now: datetime) -> JSON:
        """Create a custom role from `name, shortform, description, instructions`."""
        stamp = fmt_time(now)
        role: JSON = {"id": new_id(now), **values, "role_type": "custom"}
        role["created_at"] = role["updated_at"] = stamp
        self.table.insert(role["id"], role)
        return role

    def update(self, id: str, values: dict[str, str], now: datetime) -> JSON:
        """Replace a role's texts."""
        role = self.show(id)
        role.update(values)
        role["updated_at"] = fmt_time(now)
        self.table.update(id, role)
        self.cascade(id, role)
        return role

    def delete(self, id: str) -> None:
        """Delete a custom role (lead and reporter cannot be deleted)."""
        role = self.show(id)
        if role["role_type"] != "custom":
            raise invalid("id", f"the {role['role_type']} role cannot be deleted")
        self.table.soft_delete(id)
        self.cascade(id, None)


class CustomFields:
    """Custom fields; select fields carry options (seeded; the API has no option endpoints)."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "custom_fields")
        self.db = db
        self.cascade: Cascade = _noop

    def add(self, data: JSON, options: list[JSON]) -> None:
        """Insert a `CustomFieldV2` with its options (seeding)."""
        self.table.insert(data["id"], data, options=dumps(options))

    def list_texts(self) -> list[str]:
        """Stored texts of every custom field."""
        return self.table.find_texts()

    def show(self, id: str) -> JSON:
        """One custom field or 404."""
        found = self.table.get(id)
        if found is None:
            raise not_found("custom field", id)
        return found

    def create(self, values: JSON, now: datetime) -> JSON:
        """Create a field from the validated payload."""
        stamp = fmt_time(now)
        field: JSON = {"id": new_id(now), **values, "created_at": stamp, "updated_at": stamp}
        self.table.insert(field["id"], field, options="[]")
        return field

    def update(self, id: str, values: JSON, now: datetime) -> JSON:
        """Update name/description and the catalog options; the field type never changes."""
        field = self.show(id)
        field.update(values)
        field["updated_at"] = fmt_time(now)
        self.table.update(id, field)
        self.cascade(id, self.type_info(id))
        return field

    def delete(self, id: str) -> None:
        """Delete a field (and its values on incidents)."""
        self.show(id)
        self.table.soft_delete(id)
        self.cascade(id, None)

    def options(self, id: str) -> list[JSON]:
        """`CustomFieldOptionV2` objects of field `id`."""
        text = self.table.column(id, "options")
        if text is None:
            return []
        items: list[JSON] = json.loads(text)
        return items

    def type_info(self, id: str, field: str = "custom_field_id") -> JSON:
        """The `CustomFieldTypeInfoV2` embed of field `id` or a 422 naming `field`."""
        found = self.table.get(id)
        if found is None:
            raise unknown_reference(field, "custom field", id)
        return {
            "id": found["id"],
            "name": found["name"],
            "description": found["description"],
            "field_type": found["field_type"],
            "options": self.options(id),
        }
