"""Custom fields (CRUD); select fields carry options, which are seeded (the API has no option
endpoints). Changing or deleting a field cascades to the incidents that use it."""

from __future__ import annotations

import json
from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, dumps, fmt_time, new_id
from incidentio_toolkit.sandbox.store._db import Cascade, Database, Table, no_cascade

FIELD_TYPES = ("single_select", "multi_select", "text", "link", "numeric")
CUSTOM_FIELD_EXTRAS = (
    "catalog_type_id",
    "filter_by",
    "fixed_filter",
    "group_by_catalog_attribute_id",
    "helptext_catalog_attribute_id",
)
"""Optional `CustomFieldV2` keys that the create and update payloads may set."""


class CustomFields:
    """Custom fields; select fields carry options (seeded; the API has no option endpoints)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.table = Table(db, "custom_fields", "custom field")
        self.cascade: Cascade = no_cascade

    def add(self, data: JSON, options: list[JSON]) -> None:
        """Insert a `CustomFieldV2` with its options (seeding)."""
        self.table.insert(data["id"], data, options=dumps(options))

    def list_texts(self) -> list[str]:
        """Stored texts of every custom field."""
        return self.table.find_texts()

    def show(self, id: str) -> JSON:
        """One custom field or 404."""
        return self.table.show(id)

    def create(self, values: JSON, now: datetime) -> JSON:
        """Create a field from the validated payload."""
        stamp = fmt_time(now)
        field: JSON = {"id": new_id(now), **values, "created_at": stamp, "updated_at": stamp}
        self.table.insert(field["id"], field, options="[]")
        return field

    def update(self, id: str, values: JSON, now: datetime) -> JSON:
        """Update name/description and the catalog options; the field type never changes."""
        with self.db.transaction():  # the field and the incidents that embed it, or neither
            field = self.show(id)
            field.update(values)
            field["updated_at"] = fmt_time(now)
            self.table.update(id, field)
            self.cascade(id, self.type_info(id))
            return field

    def delete(self, id: str) -> None:
        """Delete a field (and its values on incidents)."""
        with self.db.transaction():
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
        found = self.table.require(id, field)
        return {
            "id": found["id"],
            "name": found["name"],
            "description": found["description"],
            "field_type": found["field_type"],
            "options": self.options(id),
        }
