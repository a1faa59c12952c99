"""Custom fields (CRUD); select fields carry options, which are seeded (the API has no option
endpoints). Changing or deleting a field cascades to the incidents that use it."""

from __future__ import annotations

import json
from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, dumps, fmt_time, new_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.store._db import Cascade, Database, Table, no_cascade

FIELD_TYPES = ("single_select", "multi_select", "text", "link", "numeric")
CATALOG_ATTRIBUTES = ("group_by_catalog_attribute_id", "helptext_catalog_attribute_id")
"""Optional catalog attribute ids that the create and update payloads may set."""


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

    def create(self, body: Fields, now: datetime) -> JSON:
        """Create a field from `CustomFieldsCreatePayloadV2`."""
        values = _values(body, creating=True)
        stamp = fmt_time(now)
        field: JSON = {"id": new_id(now), **values, "created_at": stamp, "updated_at": stamp}
        self.table.insert(field["id"], field, options="[]")
        return field

    def update(self, id: str, body: Fields, now: datetime) -> JSON:
        """Apply `CustomFieldsUpdatePayloadV2`: name, description and the catalog options (the
        field type and catalog type never change)."""
        with self.db.transaction():  # the field and the incidents that embed it, or neither
            field = self.show(id)
            field.update(_values(body, creating=False))
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


def _values(body: Fields, *, creating: bool) -> JSON:
    """The fields a create (or an update) payload sets, checked."""
    values: JSON = {
        "name": body.req_str("name"),
        "description": body.req_str("description"),
    }
    if creating:
        values["field_type"] = body.enum("field_type", FIELD_TYPES, required=True)
        catalog_type = body.str("catalog_type_id")
        if catalog_type is not None:
            values["catalog_type_id"] = catalog_type
    filter_by = body.obj("filter_by")
    if filter_by is not None:
        values["filter_by"] = {
            "custom_field_id": filter_by.req_str("custom_field_id"),
            "catalog_attribute_id": filter_by.req_str("catalog_attribute_id"),
        }
    fixed = body.obj("fixed_filter")
    if fixed is not None:
        values["fixed_filter"] = {
            "catalog_attribute_id": fixed.req_str("catalog_attribute_id"),
            "values": fixed.strs("values", required=True),
        }
    for key in CATALOG_ATTRIBUTES:
        attribute = body.str(key)
        if attribute is not None:
            values[key] = attribute
    return values
