"""Incidents: create (idempotent), show (by id or reference), edit (recording an incident update
when status or severity change), list with filters; cascades from roles and custom fields; the
`IncidentSlimV2` that escalations and incident alerts embed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from incidentio_toolkit.sandbox._util import (
    JSON,
    fmt_time,
    loads_object,
    new_id,
    stable_id,
    to_micros,
)
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError, invalid, not_found
from incidentio_toolkit.sandbox.store._db import Database, Page, Table
from incidentio_toolkit.sandbox.store._filters import BracketParam
from incidentio_toolkit.sandbox.store._incident_entries import EntryBuilder
from incidentio_toolkit.sandbox.store._incident_filters import INCIDENT_MODES, IncidentFilter
from incidentio_toolkit.sandbox.store.custom_fields import CustomFields
from incidentio_toolkit.sandbox.store.incident_roles import IncidentRoles
from incidentio_toolkit.sandbox.store.incident_timestamps import IncidentTimestamps
from incidentio_toolkit.sandbox.store.incident_updates import IncidentUpdates
from incidentio_toolkit.sandbox.store.reference import SLIM_STATUS_CATEGORY, Reference
from incidentio_toolkit.sandbox.store.users import Users

VISIBILITIES = ("public", "private")
MAX_EXTERNAL_ID = 2**63 - 1
"""References are int64 numbers (`IncidentV2.external_id`)."""
SLACK_TEAM_ID = "T02A1FSLE8J"
PERMALINK_BASE = "https://app.incident.io/sandbox/incidents/"


class Incidents:
    """Incident store. Incidents are kept fully rendered (`IncidentV2`) for fast reads."""

    def __init__(
        self,
        db: Database,
        reference: Reference,
        timestamps: IncidentTimestamps,
        users: Users,
        roles: IncidentRoles,
        fields: CustomFields,
        updates: IncidentUpdates,
    ) -> None:
        self.db = db
        self.table = Table(db, "incidents", "incident")
        self.reference = reference
        self.timestamps = timestamps
        self.updates = updates
        self.entries = EntryBuilder(timestamps, users, roles, fields)
        self.on_change: Callable[[JSON], None] = lambda _incident: None

    # reads ---------------------------------------------------------------------------------
    def show(self, id: str) -> JSON:
        """An incident by id, or by the bare number of its reference (`123`, not `INC-123`,
        which incident.io answers with a 404 too)."""
        if id.isascii() and id.isdigit():
            number = int(id)
            rows = [] if number > MAX_EXTERNAL_ID else self.table.find("external_id = ?", (number,))
            if rows:
                return rows[0]
            raise not_found("incident", id)
        return self.table.show(id)

    def page(
        self,
        params: list[BracketParam],
        *,
        filter_mode: str,
        sort_by: str,
        after: str | None,
        limit: int,
    ) -> Page:
        """Incidents matching the bracket filters `params`."""
        builder = IncidentFilter(self.reference, self.entries)
        for param in params:
            builder.add(param)
        where, args = builder.where(filter_mode)
        direction = "DESC" if sort_by == "created_at_newest_first" else "ASC"
        return self.table.page(
            where=where,
            params=args,
            order=(("created_us", direction), ("seq", direction)),
            after=after,
            limit=limit,
            count=True,
        )

    # writes --------------------------------------------------------------------------------
    def create(
        self, body: Fields, actor: JSON, now: datetime, *, id: str | None = None
    ) -> tuple[JSON, bool]:
        """Create from an `IncidentsCreatePayloadV2`; returns `(incident, created)`.

        A repeated `idempotency_key` returns the incident created first.
        """
        key = body.req_str("idempotency_key")
        visibility = body.enum("visibility", VISIBILITIES, required=True)
        mode = body.enum("mode", INCIDENT_MODES) or "standard"
        name = body.str("name")
        summary = body.str("summary")
        existing = self.table.find("idempotency_key = ?", (key,))
        if existing:
            return existing[0], False

        severity_id = body.str("severity_id")
        severity = (
            None if severity_id is None else self.reference.severity(severity_id, "severity_id")
        )
        incident_type = self.reference.incident_type(
            body.str("incident_type_id"), "incident_type_id"
        )
        status_id = body.str("incident_status_id")
        if status_id is not None:
            status = self.reference.status(status_id, "incident_status_id")
        elif mode == "retrospective":
            status = self.reference.first_status("closed")
        else:
            in_triage = incident_type is not None and incident_type["create_in_triage"] == "always"
            status = self.reference.first_status("triage" if in_triage else "live")
        if incident_type is not None and incident_type["private_incidents_only"]:
            visibility = "private"

        assignments = self.entries.role_assignments(
            body.objs("incident_role_assignments") or [], creating=True
        )
        field_entries = self.entries.custom_field_entries(body.objs("custom_field_entries") or [])
        timestamp_values = self.entries.timestamp_values(
            body.objs("incident_timestamp_values") or []
        )
        retro = body.obj("retrospective_incident_options")
        channel_override = body.str("slack_channel_name_override")

        number = self._next_number(retro)
        incident_id = id or new_id(now)
        stamp = fmt_time(now)
        incident: JSON = {
            "id": incident_id,
            "reference": f"INC-{number}",
            "name": name if name else f"Incident INC-{number}",
            "visibility": visibility,
            "mode": mode,
            "incident_status": status,
            "creator": actor,
            "incident_role_assignments": list(assignments.values()),
            "custom_field_entries": list(field_entries.values()),
            "incident_timestamp_values": [],
            "slack_team_id": body.str("slack_team_id") or SLACK_TEAM_ID,
            "slack_channel_id": "C" + stable_id("channel", incident_id)[2:12],
            "slack_channel_name": channel_override or _channel_name(number, name),
            "permalink": f"{PERMALINK_BASE}{number}",
            "has_debrief": False,
            "team_ids": [],
            "created_at": stamp,
            "updated_at": stamp,
            "last_activity_at": stamp,
        }
        if summary is not None:
            incident["summary"] = summary
        if severity is not None:
            incident["severity"] = severity
        if incident_type is not None:
            incident["incident_type"] = incident_type
        if retro is not None and retro.str("postmortem_document_url"):
            incident["postmortem_document_url"] = retro.str("postmortem_document_url")
        self.entries.set_timestamps(incident, timestamp_values, None, now)
        with self.db.transaction():
            self.table.insert(
                incident_id,
                incident,
                idempotency_key=key,
                external_id=number,
                mode=mode,
                created_us=to_micros(now),
                **self._columns(incident, now),
            )
        return incident, True

    def edit(self, id: str, changes: Fields, actor: JSON, now: datetime) -> JSON:
        """Apply an `IncidentEditPayloadV2`; status/severity changes record an incident update.

        The incident is addressed by its id only (the spec gives the reference number to show)."""
        incident = self.table.show(id)
        old_status = incident["incident_status"]
        old_severity = incident.get("severity")
        for key in ("name", "summary", "call_url"):
            value = changes.str(key)
            if value is not None:
                incident[key] = value
        override = changes.str("slack_channel_name_override")
        if override:  # an empty override keeps the name, as on create
            incident["slack_channel_name"] = override
        severity_id = changes.str("severity_id")
        if severity_id is not None:
            incident["severity"] = self.reference.severity(severity_id, "incident.severity_id")
        status_id = changes.str("incident_status_id")
        if status_id is not None:
            status = self.reference.status(status_id, "incident.incident_status_id")
            if status["category"] == "merged" and old_status["category"] != "merged":
                raise invalid(
                    "incident.incident_status_id", "incidents can only be merged from the dashboard"
                )
            incident["incident_status"] = status
        items = changes.objs("incident_role_assignments")
        if items is not None:
            merged = {a["role"]["id"]: a for a in incident["incident_role_assignments"]}
            for role_id, assignment in self.entries.role_assignments(items, creating=False).items():
                if assignment.get("assignee") is None:
                    merged.pop(role_id, None)
                else:
                    merged[role_id] = assignment
            incident["incident_role_assignments"] = list(merged.values())
        items = changes.objs("custom_field_entries")
        if items is not None:
            entries = {e["custom_field"]["id"]: e for e in incident["custom_field_entries"]}
            for field_id, entry in self.entries.custom_field_entries(items).items():
                if entry["values"]:
                    entries[field_id] = entry
                else:
                    entries.pop(field_id, None)
            incident["custom_field_entries"] = list(entries.values())
        values = self.entries.timestamp_values(changes.objs("incident_timestamp_values") or [])
        self.entries.set_timestamps(incident, values, old_status["category"], now)
        incident["updated_at"] = incident["last_activity_at"] = fmt_time(now)

        new_status = incident["incident_status"]
        new_severity = incident.get("severity")
        status_changed = new_status["id"] != old_status["id"]
        severity_changed = _id_of(new_severity) != _id_of(old_severity)
        with self.db.transaction():
            self.table.update(incident["id"], incident, **self._columns(incident, now))
            if status_changed or severity_changed:
                self.updates.record(
                    incident,
                    actor,
                    now,
                    _describe(
                        old_status,
                        new_status,
                        old_severity,
                        new_severity,
                        status_changed,
                        severity_changed,
                    ),
                )
            self.on_change(incident)  # what embeds the incident changes with it
        return incident

    # cascades from settings ----------------------------------------------------------------
    def cascade_role(self, role_id: str, role: JSON | None) -> None:
        """Re-embed (or drop) role `role_id` on every incident that mentions it."""
        embed = None if role is None else self.entries.role_embed(role)
        self._re_embed("incident_role_assignments", "role", role_id, embed)

    def cascade_custom_field(self, field_id: str, info: JSON | None) -> None:
        """Re-embed (or drop) custom field `field_id` on every incident that mentions it."""
        self._re_embed("custom_field_entries", "custom_field", field_id, info)

    # internals -----------------------------------------------------------------------------
    def _re_embed(self, items: str, key: str, object_id: str, embed: JSON | None) -> None:
        """In `incident[items]`, replace `item[key]` where it is object `object_id` by `embed`
        (drop such items when `embed` is `None`), on every incident that mentions the object."""

        def patch(incident: JSON) -> None:
            kept: list[JSON] = []
            for item in incident[items]:
                if item[key]["id"] == object_id:
                    if embed is None:
                        continue
                    item[key] = embed
                kept.append(item)
            incident[items] = kept

        self._rewrite(object_id, patch)

    def _rewrite(self, needle: str, patch: Callable[[JSON], None]) -> None:
        with self.db.transaction():
            rows = self.db.query(
                "SELECT id, data FROM incidents WHERE instr(data, ?) > 0", (needle,)
            )
            for row_id, text in rows:
                incident = loads_object(text)
                patch(incident)
                self.table.update(row_id, incident)

    def _next_number(self, retro: Fields | None) -> int:
        if retro is not None:
            # the next incident is numbered after the highest: its number must fit too
            wanted = retro.int("external_id", minimum=1, maximum=MAX_EXTERNAL_ID - 1)
            if wanted is not None:
                if self.table.find("external_id = ?", (wanted,)):
                    raise invalid(
                        "retrospective_incident_options.external_id",
                        f"an incident with external_id {wanted} already exists",
                    )
                return wanted
        rows = self.db.query("SELECT max(external_id) FROM incidents")
        highest = int(rows[0][0] or 0)
        if highest >= MAX_EXTERNAL_ID:
            raise UnprocessableEntityError(
                f"No incident reference is left: INC-{highest} is the largest int64 reference"
            )
        return highest + 1

    @staticmethod
    def _columns(incident: JSON, now: datetime) -> dict[str, Any]:
        severity = incident.get("severity")
        incident_type = incident.get("incident_type")
        return {
            "status_id": incident["incident_status"]["id"],
            "status_category": incident["incident_status"]["category"],
            "severity_id": None if severity is None else severity["id"],
            "severity_rank": None if severity is None else severity["rank"],
            "type_id": None if incident_type is None else incident_type["id"],
            "updated_us": to_micros(now),
        }


def incident_slim(incident: JSON) -> JSON:
    """`IncidentSlimV2` of an incident."""
    slim: JSON = {
        "id": incident["id"],
        "external_id": int(incident["reference"].removeprefix("INC-")),
        "name": incident["name"],
        "reference": incident["reference"],
        "visibility": incident["visibility"],
        "status_category": SLIM_STATUS_CATEGORY.get(
            incident["incident_status"]["category"], incident["incident_status"]["category"]
        ),
    }
    if incident.get("summary") is not None:
        slim["summary"] = incident["summary"]
    return slim


def _id_of(value: JSON | None) -> str | None:
    return None if value is None else value["id"]


def _channel_name(number: int, name: str | None) -> str:
    words = "".join(c if c.isalnum() else " " for c in (name or "").lower()).split()
    return "-".join(["inc", str(number), *words[:4]])[:80]


def _describe(
    old_status: JSON,
    new_status: JSON,
    old_severity: JSON | None,
    new_severity: JSON | None,
    status_changed: bool,
    severity_changed: bool,
) -> str:
    parts: list[str] = []
    if status_changed:
        parts.append(f"Status changed from {old_status['name']} to {new_status['name']}")
    if severity_changed:
        before = "none" if old_severity is None else old_severity["name"]
        after = "none" if new_severity is None else new_severity["name"]
        parts.append(f"Severity changed from {before} to {after}")
    return ". ".join(parts)
