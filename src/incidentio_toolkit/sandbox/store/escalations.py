"""Escalations: idempotent creates that page an escalation path or users directly, and cancels
that stop the paging."""

from __future__ import annotations

from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, fmt_time, loads_object, new_id, to_micros
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError, invalid
from incidentio_toolkit.sandbox.store._db import NEWEST_FIRST, Database, Page, Table
from incidentio_toolkit.sandbox.store._filters import (
    BracketParam,
    Condition,
    all_of,
    in_condition,
    time_condition,
)
from incidentio_toolkit.sandbox.store.alerts import Alerts
from incidentio_toolkit.sandbox.store.escalation_paths import EscalationPaths
from incidentio_toolkit.sandbox.store.incidents import Incidents, incident_slim
from incidentio_toolkit.sandbox.store.users import Users, user_embed

RELATED_TO_ONE_OF = (
    "EXISTS (SELECT 1 FROM json_each(data, '$.related_incidents') AS r "
    "WHERE json_extract(r.value, '$.id') IN ({marks}))"
)
"""An escalation related to one of the incidents bound to the `?` placeholders in `marks`."""

STATUSES = (
    "pending",
    "triggered",
    "acked",
    "resolved",
    "expired",
    "cancelled",
    "snoozed",
    "delayed",
    "pending_repeat",
)
FINISHED = ("resolved", "expired")
"""Statuses a cancel refuses: the paging is over."""


class Escalations:
    """Escalation store."""

    def __init__(
        self,
        db: Database,
        users: Users,
        paths: EscalationPaths,
        incidents: Incidents,
        alerts: Alerts,
    ) -> None:
        self.db = db
        self.table = Table(db, "escalations", "escalation")
        self.users = users
        self.paths = paths
        self.incidents = incidents
        self.alerts = alerts

    def show(self, id: str) -> JSON:
        """The escalation or 404."""
        return self.table.show(id)

    def create(
        self, body: Fields, now: datetime, *, id: str | None = None, status: str = "triggered"
    ) -> tuple[JSON, bool]:
        """Create from `EscalationsCreatePayloadV2`; returns `(escalation, created)`."""
        key = body.req_str("idempotency_key")
        title = body.req_str("title")
        description = body.str("description")
        path_id = body.str("escalation_path_id")
        user_ids = body.strs("user_ids")
        incident_id = body.str("incident_id")
        existing = self.table.find("idempotency_key = ?", (key,))
        if existing:
            return existing[0], False
        if path_id is not None and user_ids:
            raise invalid("user_ids", "provide either escalation_path_id or user_ids, not both")
        if path_id is None and not user_ids:
            raise invalid("escalation_path_id", "provide either escalation_path_id or user_ids")
        stamp = fmt_time(now)
        escalation_id = id or new_id(now)
        events: list[JSON] = [{"id": new_id(now), "event": "triggered", "occurred_at": stamp}]
        if path_id is not None:
            path = self.paths.require(path_id, "escalation_path_id")
            targets = self.paths.first_level_targets(path)
            notified = self.paths.responders(targets, now)
            urgency = "high" if any(t["urgency"] == "high" for t in targets) else "low"
            priority = "Medium"
        else:
            notified = [
                user_embed(self.users.require(user_id, f"user_ids[{i}]"))
                for i, user_id in enumerate(user_ids or [])
            ]
            urgency, priority = "high", "High"
        if notified:
            events.append(
                {
                    "id": new_id(now),
                    "event": "notified_users",
                    "occurred_at": stamp,
                    "urgency": urgency,
                    "users": notified,
                }
            )
        related: list[JSON] = []
        if incident_id is not None:
            incident = self.incidents.table.require(incident_id, "incident_id")
            related.append(incident_slim(incident))
            if description is None:
                description = incident.get("summary")
        escalation: JSON = {
            "id": escalation_id,
            "title": title,
            "description": description or "",
            "status": status,
            "priority": {"name": priority},
            "creator": {},
            "events": events,
            "related_incidents": related,
            "related_alerts": [],
            "created_at": stamp,
            "updated_at": stamp,
        }
        if path_id is not None:
            escalation["escalation_path_id"] = path_id
        self.table.insert(
            escalation_id,
            escalation,
            idempotency_key=key,
            escalation_path_id=path_id,
            status=status,
            created_us=to_micros(now),
            updated_us=to_micros(now),
        )
        return escalation, True

    def cancel(self, id: str, now: datetime) -> JSON:
        """Stop paging: a `cancelled` event and status. A cancelled escalation stays as it is;
        one resolved or expired cannot be cancelled (422)."""
        with self.db.transaction():
            escalation = self.table.show(id)
            status = escalation["status"]
            if status == "cancelled":
                return escalation
            if status in FINISHED:
                raise UnprocessableEntityError(
                    f"Escalation {id!r} is {status}: an escalation that has resolved or expired "
                    "cannot be cancelled"
                )
            stamp = fmt_time(now)
            escalation["events"].append(
                {"id": new_id(now), "event": "cancelled", "occurred_at": stamp}
            )
            escalation["status"] = "cancelled"
            escalation["updated_at"] = stamp
            self.table.update(id, escalation, status="cancelled", updated_us=to_micros(now))
            return escalation

    def page(self, params: list[BracketParam], after: str | None, limit: int) -> Page:
        """Escalations newest first, filtered (every filter must match; each id a filter names
        must exist: a 422 names the filter otherwise)."""
        for param in params:
            self._check_ids(param)
        conditions = [c for c in map(_condition, params) if c is not None]
        where, args = all_of(conditions)
        return self.table.page(
            where=where,
            params=args,
            order=NEWEST_FIRST,
            after=after,
            limit=limit,
        )

    def _check_ids(self, param: BracketParam) -> None:
        tables = {
            "escalation_path": self.paths.table,
            "incident": self.incidents.table,
            "alert": self.alerts.table,
        }
        table = tables.get(param.name)
        if table is not None and param.keys in (("one_of",), ("not_in",)):
            for value in param.values:
                table.require(value, param.label)

    def refresh_incident(self, incident: JSON) -> None:
        """Re-embed an edited incident in the escalations that relate to it."""
        rows = self.db.query(
            "SELECT id, data FROM escalations WHERE instr(data, ?) > 0", (incident["id"],)
        )
        for row_id, text in rows:
            escalation = loads_object(text)
            escalation["related_incidents"] = [
                incident_slim(incident) if r["id"] == incident["id"] else r
                for r in escalation["related_incidents"]
            ]
            self.table.update(row_id, escalation)


def _condition(param: BracketParam) -> Condition | None:
    ops = {
        "escalation_path": ("one_of", "not_in"),
        "status": ("one_of", "not_in"),
        "alert": ("one_of", "not_in"),
        "incident": ("one_of", "not_in"),
        "created_at": ("gte", "lte", "date_range"),
        "updated_at": ("gte", "lte", "date_range"),
        "idempotency_key": ("is", "starts_with"),
    }
    allowed = ops.get(param.name)
    if allowed is None:
        return None
    op = param.operator(allowed)
    if param.name == "escalation_path":
        return in_condition("escalation_path_id", list(param.values), op == "not_in")
    if param.name == "status":
        for value in param.values:
            if value not in STATUSES:
                raise invalid(param.label, f"{param.label} must be one of: {', '.join(STATUSES)}")
        return in_condition("status", list(param.values), op == "not_in")
    if param.name == "alert":  # no sandbox escalation was created by an alert
        return ("0", []) if op == "one_of" else ("1", [])
    if param.name == "incident":
        marks = ", ".join("?" for _ in param.values)
        related = RELATED_TO_ONE_OF.format(marks=marks)
        return (related if op == "one_of" else f"NOT {related}"), list(param.values)
    if param.name in ("created_at", "updated_at"):
        column = "created_us" if param.name == "created_at" else "updated_us"
        return time_condition(column, op, param.value, param.label)
    if op == "is":
        return in_condition("idempotency_key", list(param.values), False)
    # An exact, case-sensitive prefix (SQLite's LIKE ignores the case of ASCII letters).
    prefixes = [(len(v), v) for v in param.values]
    sql = " OR ".join("substr(idempotency_key, 1, ?) = ?" for _ in prefixes)
    return f"({sql})", [arg for prefix in prefixes for arg in prefix]
