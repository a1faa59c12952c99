"""Validated incident sub-objects: role assignments, custom field entries, timestamp values."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from incidentio_toolkit.sandbox._util import JSON, fmt_time
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid, unknown_reference
from incidentio_toolkit.sandbox.store.custom_fields import CustomFields
from incidentio_toolkit.sandbox.store.incident_roles import IncidentRoles
from incidentio_toolkit.sandbox.store.incident_timestamps import IncidentTimestamps
from incidentio_toolkit.sandbox.store.users import Users, user_embed

# Timestamps the sandbox fills in by itself, keyed by their (seeded) names.
_AUTO_TIMESTAMPS = {
    "Reported at": ("triage", "live", "learning", "closed"),
    "Accepted at": ("live", "learning", "closed"),
    "Resolved at": ("learning", "closed"),
    "Closed at": ("closed",),
}


class EntryBuilder:
    """Turns payload items into the embedded objects of `IncidentV2`."""

    def __init__(
        self,
        timestamps: IncidentTimestamps,
        users: Users,
        roles: IncidentRoles,
        fields: CustomFields,
    ) -> None:
        self.timestamps = timestamps
        self.users = users
        self.roles = roles
        self.fields = fields

    @staticmethod
    def role_embed(role: JSON) -> JSON:
        """`EmbeddedIncidentRoleV2` for a stored role."""
        return {**role, "required": role["role_type"] == "lead"}

    def role_assignments(self, items: list[Fields], *, creating: bool) -> dict[str, JSON]:
        """Role id → `IncidentRoleAssignmentV2` (no `assignee` means unassign)."""
        result: dict[str, JSON] = {}
        for item in items:
            role_id = item.req_str("incident_role_id")
            role = self.roles.require(role_id, item.path("incident_role_id"))
            if role["role_type"] == "reporter" and not creating:
                raise invalid(
                    item.path("incident_role_id"),
                    "the reporter role can only be set when the incident is created",
                )
            assignment: JSON = {"role": self.role_embed(role)}
            ref = item.obj("assignee")
            if ref is not None:
                assignment["assignee"] = user_embed(self.users.resolve(ref))
            result[role_id] = assignment
        return result

    def custom_field_entries(self, items: list[Fields]) -> dict[str, JSON]:
        """Field id → `CustomFieldEntryV2` (an empty `values` list clears the field)."""
        result: dict[str, JSON] = {}
        for item in items:
            field_id = item.req_str("custom_field_id")
            info = self.fields.type_info(field_id, item.path("custom_field_id"))
            values = item.objs("values", required=True) or []
            if info["field_type"] != "multi_select" and len(values) > 1:
                raise invalid(item.path("values"), f"{info['name']} takes a single value")
            result[field_id] = {
                "custom_field": info,
                "values": [self._value(info, v) for v in values],
            }
        return result

    @staticmethod
    def _value(info: JSON, value: Fields) -> JSON:
        field_type = info["field_type"]
        if field_type in ("single_select", "multi_select"):
            option_id = value.req_str("value_option_id")
            for option in info["options"]:
                if option["id"] == option_id:
                    return {"value_option": option}
            raise unknown_reference(
                value.path("value_option_id"), f"option of {info['name']}", option_id
            )
        if field_type == "text":
            return {"value_text": value.req_str("value_text")}
        if field_type == "link":
            return {"value_link": value.req_str("value_link")}
        number = value.req_str("value_numeric")
        try:
            Decimal(number)
        except InvalidOperation:
            raise invalid(value.path("value_numeric"), "value_numeric must be a number") from None
        return {"value_numeric": number}

    def timestamp_values(self, items: list[Fields]) -> dict[str, JSON]:
        """Timestamp id → `IncidentTimestampWithValueV2` (no `value` clears it)."""
        result: dict[str, JSON] = {}
        if not items:
            return result
        known = {t["id"]: t for t in self.timestamps.all()}
        for item in items:
            timestamp_id = item.req_str("incident_timestamp_id")
            timestamp = known.get(timestamp_id)
            if timestamp is None:
                raise unknown_reference(
                    item.path("incident_timestamp_id"), "incident timestamp", timestamp_id
                )
            entry: JSON = {"incident_timestamp": timestamp}
            when = item.datetime("value")
            if when is not None:
                entry["value"] = {"value": fmt_time(when)}
            result[timestamp_id] = entry
        return result

    def set_timestamps(
        self, incident: JSON, explicit: dict[str, JSON], old_category: str | None, now: datetime
    ) -> None:
        """Rebuild `incident_timestamp_values`: explicit values, then the automatic ones that the
        status category reached (from `old_category`, `None` for a new incident) fills in."""
        current = {v["incident_timestamp"]["id"]: v for v in incident["incident_timestamp_values"]}
        category = incident["incident_status"]["category"]
        values: list[JSON] = []
        for timestamp in self.timestamps.all():
            entry: JSON = current.get(timestamp["id"]) or {"incident_timestamp": timestamp}
            entry["incident_timestamp"] = timestamp
            if timestamp["id"] in explicit:
                entry = explicit[timestamp["id"]]
            auto = _AUTO_TIMESTAMPS.get(timestamp["name"])
            if (
                auto is not None
                and "value" not in entry
                and category in auto
                and (old_category is None or old_category != category)
            ):
                entry["value"] = {
                    "value": incident["created_at"] if old_category is None else fmt_time(now)
                }
            values.append(entry)
        incident["incident_timestamp_values"] = values
