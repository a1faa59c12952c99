"""Alerts: what alert sources fired, and the incidents they are linked to.

An alert (`AlertV2`) belongs to an alert source, carries attributes and a deduplication key, and
is `firing` until resolved. Alert sources are seeded only (no operation of the API that the
toolkit wraps serves them); a source that resolves its own alerts (Datadog, for example) refuses
a resolve through the API. `incident_alerts` rows link an alert to an incident; each answer embeds
the alert and the incident as they are now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incidentio_toolkit.sandbox._util import JSON, fmt_time, loads_object, parse_time, to_micros
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError, invalid
from incidentio_toolkit.sandbox.store._db import NEWEST_FIRST, Database, Page, Table
from incidentio_toolkit.sandbox.store._filters import (
    BracketParam,
    Condition,
    all_of,
    in_condition,
    time_condition,
)
from incidentio_toolkit.sandbox.store.incidents import Incidents, incident_slim

STATUSES = ("firing", "resolved")
_SLIM_KEYS = (
    "id",
    "title",
    "description",
    "deduplication_key",
    "alert_source_id",
    "alert_group_ids",
    "source_url",
    "status",
    "created_at",
    "updated_at",
    "resolved_at",
)


def alert_slim(alert: JSON) -> JSON:
    """`AlertSlimV2`: the alert without its attributes."""
    return {key: alert[key] for key in _SLIM_KEYS if key in alert}


class Alerts:
    """Stored rows: alert sources, `AlertV2` alerts and incident links (ids only)."""

    def __init__(self, db: Database, incidents: Incidents) -> None:
        self.db = db
        self.sources = Table(db, "alert_sources", "alert source")
        self.table = Table(db, "alerts", "alert")
        self.links = Table(db, "incident_alerts", "incident alert")
        self.incidents = incidents

    # writes (seeding) -----------------------------------------------------------------------
    def add_source(self, id: str, name: str, source_type: str, *, resolves_itself: bool) -> None:
        """An alert source; `resolves_itself` when only the source can resolve its alerts."""
        source = {
            "id": id,
            "name": name,
            "source_type": source_type,
            "resolves_itself": resolves_itself,
        }
        self.sources.insert(id, source)

    def add(self, alert: JSON) -> None:
        """Insert an `AlertV2` of a known alert source."""
        self.sources.require(alert["alert_source_id"], "alert_source_id")
        self.table.insert(
            alert["id"],
            alert,
            status=alert["status"],
            deduplication_key=alert["deduplication_key"],
            alert_source_id=alert["alert_source_id"],
            created_us=to_micros(parse_time(alert["created_at"])),
        )

    def link(self, incident_id: str, alert_id: str, *, id: str, alert_route_id: str | None) -> None:
        """Link an alert to an incident (as an alert route does when it opens or joins one)."""
        self.table.require(alert_id, "alert_id")
        self.incidents.show(incident_id)
        link: JSON = {"id": id, "incident_id": incident_id, "alert_id": alert_id}
        if alert_route_id is not None:
            link["alert_route_id"] = alert_route_id
        self.links.insert(id, link, incident_id=incident_id, alert_id=alert_id)

    # the API ------------------------------------------------------------------------------
    def show(self, id: str) -> JSON:
        """One alert or 404."""
        return self.table.show(id)

    def page(self, params: list[BracketParam], after: str | None, limit: int) -> Page:
        """Alerts newest first, filtered (every filter must match; an alert source a filter
        names must exist: a 422 names the filter otherwise)."""
        for param in params:
            if param.name == "alert_source" and param.keys in (("one_of",), ("not_in",)):
                for value in param.values:
                    self.sources.require(value, param.label)
        where, args = all_of([c for c in map(_condition, params) if c is not None])
        return self.table.page(
            where=where, params=args, order=NEWEST_FIRST, after=after, limit=limit
        )

    def resolve(self, id: str, now: datetime) -> JSON:
        """Resolve a firing alert; a resolved one is answered unchanged."""
        with self.db.transaction():
            alert = self.table.show(id)
            if alert["status"] == "resolved":
                return alert
            source = self.sources.get(alert["alert_source_id"]) or {}
            if source.get("resolves_itself"):
                raise UnprocessableEntityError(
                    f"Alert {id!r} comes from {source['name']}, which resolves its own alerts: "
                    f"resolve it in {source['source_type']}"
                )
            stamp = fmt_time(now)
            alert.update(status="resolved", resolved_at=stamp, updated_at=stamp)
            self.table.update(id, alert, status="resolved")
            return alert

    def incident_alerts(
        self, incident_id: str | None, alert_id: str | None, after: str | None, limit: int
    ) -> tuple[list[JSON], Page]:
        """`IncidentAlertV2` links, oldest first, of one incident and/or one alert (each must
        exist: a 422 names the filter otherwise)."""
        if incident_id is not None:
            self.incidents.table.require(incident_id, "incident_id")
        if alert_id is not None:
            self.table.require(alert_id, "alert_id")
        where: list[str] = []
        args: list[Any] = []
        for column, value in (("incident_id", incident_id), ("alert_id", alert_id)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        page = self.links.page(where=" AND ".join(where), params=args, after=after, limit=limit)
        return [self._incident_alert(loads_object(text)) for text in page.texts], page

    def _incident_alert(self, link: JSON) -> JSON:
        out: JSON = {
            "id": link["id"],
            "alert": alert_slim(self.table.show(link["alert_id"])),
            "incident": incident_slim(self.incidents.show(link["incident_id"])),
        }
        if "alert_route_id" in link:
            out["alert_route_id"] = link["alert_route_id"]
        return out


def _condition(param: BracketParam) -> Condition | None:
    if param.name == "attributes":
        return _attribute_condition(param)
    ops = {
        "status": ("one_of", "not_in"),
        "deduplication_key": ("is",),
        "alert_source": ("one_of", "not_in"),
        "alert_group_id": ("one_of",),
        "created_at": ("gte", "lte", "date_range"),
        "has_notes": ("is",),
        "include_maintenance_window": ("is",),
    }
    allowed = ops.get(param.name)
    if allowed is None:
        return None
    op = param.operator(allowed)
    if param.name == "status":
        for value in param.values:
            if value not in STATUSES:
                raise invalid(param.label, f"{param.label} must be one of: {', '.join(STATUSES)}")
        return in_condition("status", list(param.values), op == "not_in")
    if param.name == "deduplication_key":
        return in_condition("deduplication_key", list(param.values), False)
    if param.name == "alert_source":
        return in_condition("alert_source_id", list(param.values), op == "not_in")
    if param.name == "alert_group_id":
        marks = ", ".join("?" for _ in param.values)
        sql = (
            f"EXISTS (SELECT 1 FROM json_each(data, '$.alert_group_ids') WHERE value IN ({marks}))"  # noqa: S608 - placeholders only
        )
        return sql, list(param.values)
    if param.name == "created_at":
        return time_condition("created_us", op, param.value, param.label)
    if param.value not in ("true", "false"):
        raise invalid(param.label, f"{param.label} must be true or false")
    if param.name == "has_notes":  # the sandbox's alerts have no notes
        return ("0", []) if param.value == "true" else None
    return None  # no maintenance window holds a sandbox alert: both values keep every alert


_ATTRIBUTE_MATCH = (
    "EXISTS (SELECT 1 FROM json_each(data, '$.attributes') AS entry "
    "WHERE json_extract(entry.value, '$.attribute.id') = ? AND ("
    "coalesce(json_extract(entry.value, '$.value.catalog_entry.id'), "
    "json_extract(entry.value, '$.value.literal')) IN ({marks}) "
    "OR EXISTS (SELECT 1 FROM json_each(entry.value, '$.array_value') AS item "
    "WHERE coalesce(json_extract(item.value, '$.catalog_entry.id'), "
    "json_extract(item.value, '$.literal')) IN ({marks})))"
    ")"
)


def _attribute_condition(param: BracketParam) -> Condition:
    """`attributes[ATTRIBUTE_ID][one_of]=VALUE`: a catalog entry id or literal of that attribute
    (its value, or one of its array values)."""
    if len(param.keys) != 2 or param.keys[1] != "one_of":
        raise invalid(param.name, f"{param.label}: use attributes[ATTRIBUTE_ID][one_of]=VALUE")
    marks = ", ".join("?" for _ in param.values)
    sql = _ATTRIBUTE_MATCH.format(marks=marks)
    return sql, [param.keys[0], *param.values, *param.values]
