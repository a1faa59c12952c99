"""Schedules: rotations (versioned by `effective_from`), layers, handovers and working intervals.

Who is on call is computed by the on-call store (`store/on_call.py`), which also keeps overrides.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, parse_time
from incidentio_toolkit.sandbox._validate import Fields, weekday_intervals
from incidentio_toolkit.sandbox.domain import on_call
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.store._db import Database, Page, Table
from incidentio_toolkit.sandbox.store.teams import Teams
from incidentio_toolkit.sandbox.store.users import Users, user_embed

INTERVAL_TYPES = ("hourly", "daily", "weekly")
SCHEDULING_MODES = ("fair", "sequential")
PERMALINK_BASE = "https://app.incident.io/sandbox/on-call/schedules/"


def rotations_of(schedule: JSON) -> list[JSON]:
    """The rotations (every version) of a stored schedule."""
    config: JSON = schedule.get("config") or {}
    rotations: list[JSON] = config.get("rotations") or []
    return rotations


def _check_timezone(name: str, field: str) -> str:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        raise invalid(field, f"{field}: unknown timezone {name!r}") from None
    return name


class Schedules:
    """Schedule rows hold `ScheduleV2` without the computed shift lists (see `OnCall.with_shifts`)."""

    def __init__(self, db: Database, users: Users, teams: Teams) -> None:
        self.table = Table(db, "schedules", "schedule")
        self.users = users
        self.teams = teams

    # reads ---------------------------------------------------------------------------------
    def show(self, id: str) -> JSON:
        """The stored schedule or 404."""
        return self.table.show(id)

    def require(self, id: str, field: str) -> JSON:
        """The schedule `id` or a 422 naming `field`."""
        return self.table.require(id, field)

    def page(self, after: str | None, limit: int) -> Page:
        """Schedules in creation order."""
        return self.table.page(after=after, limit=limit, count=True)

    # writes --------------------------------------------------------------------------------
    def create(self, body: Fields, now: datetime, *, id: str | None = None) -> JSON:
        """Create from `{"schedule": ScheduleCreatePayloadV2}`."""
        payload = body.req_obj("schedule")
        stamp = fmt_time(now)
        schedule_id = id or new_id(now)
        schedule: JSON = {
            "id": schedule_id,
            "name": payload.str("name") or "Untitled schedule",
            "timezone": _check_timezone(payload.str("timezone") or "UTC", "schedule.timezone"),
            "config": {"rotations": self._rotations(payload, now, previous=[], creating=True)},
            "team_ids": self.teams.team_ids(payload, "team_ids") or [],
            "annotations": payload.str_map("annotations") or {},
            "permalink": PERMALINK_BASE + schedule_id,
            "created_at": stamp,
            "updated_at": stamp,
        }
        holidays = self._holidays(payload)
        if holidays is not None:
            schedule["holidays_public_config"] = holidays
        self.table.insert(schedule_id, schedule)
        return schedule

    def update(self, id: str, body: Fields, now: datetime) -> JSON:
        """Update from `{"schedule": ScheduleUpdatePayloadV2}`; a sent `config` replaces all rotations."""
        schedule = self.show(id)
        payload = body.req_obj("schedule")
        name = payload.str("name")
        if name is not None:
            schedule["name"] = name
        timezone = payload.str("timezone")
        if timezone is not None:
            schedule["timezone"] = _check_timezone(timezone, "schedule.timezone")
        if payload.has("config"):
            previous = rotations_of(schedule)
            schedule["config"] = {
                "rotations": self._rotations(payload, now, previous=previous, creating=False)
            }
        teams = self.teams.team_ids(payload, "team_ids")
        if teams is not None:
            schedule["team_ids"] = teams
        annotations = payload.str_map("annotations")
        if annotations is not None:
            schedule["annotations"] = annotations
        holidays = self._holidays(payload)
        if holidays is not None:
            schedule["holidays_public_config"] = holidays
        schedule["updated_at"] = fmt_time(now)
        self.table.update(id, schedule)
        return schedule

    def delete(self, id: str) -> None:
        """Archive a schedule."""
        self.show(id)
        self.table.soft_delete(id)

    # internals -----------------------------------------------------------------------------
    @staticmethod
    def _holidays(payload: Fields) -> JSON | None:
        holidays = payload.obj("holidays_public_config")
        if holidays is None:
            return None
        return {"country_codes": holidays.strs("country_codes", required=True)}

    def _rotations(
        self, payload: Fields, now: datetime, *, previous: list[JSON], creating: bool
    ) -> list[JSON]:
        config = payload.obj("config")
        items = [] if config is None else config.objs("rotations") or []
        by_id = {r["id"]: r for r in previous}
        rotations = [self._rotation(item, now, by_id, creating) for item in items]
        seen: dict[str, set[str]] = {}
        for i, rotation in enumerate(rotations):
            versions = seen.setdefault(rotation["id"], set())
            marker = rotation.get("effective_from", "")
            if marker in versions:
                raise invalid(
                    f"schedule.config.rotations[{i}].effective_from",
                    "versions of one rotation need distinct effective_from values",
                )
            versions.add(marker)
        return rotations

    def _rotation(
        self, item: Fields, now: datetime, previous: dict[str, JSON], creating: bool
    ) -> JSON:
        rotation_id = item.str("id") or new_id(now)
        old = previous.get(rotation_id)
        name = item.str("name", required=creating and old is None)
        if name is None:
            if old is None:
                raise invalid(
                    item.path("name"), f"{item.path('name')} is required for a new rotation"
                )
            name = old["name"]
        old_layers = {layer["id"]: layer for layer in (old or {}).get("layers", [])}
        layers: list[JSON] = []
        for layer in item.objs("layers") or []:
            layer_id = layer.str("id") or new_id(now)
            layer_name = layer.str("name", required=creating and layer_id not in old_layers)
            if layer_name is None:
                layer_name = old_layers.get(layer_id, {}).get("name") or f"Layer {len(layers) + 1}"
            layers.append({"id": layer_id, "name": layer_name})
        if not layers:
            layers = list(old_layers.values()) or [{"id": new_id(now), "name": "Layer 1"}]
        start = item.datetime("handover_start_at")
        handover_start = start or parse_time((old or {}).get("handover_start_at") or fmt_time(now))
        handovers = _handovers(item, handover_start)
        intervals = weekday_intervals(
            [*(item.objs("working_intervals") or []), *(item.objs("working_interval") or [])]
        )
        rotation: JSON = {
            "id": rotation_id,
            "name": name,
            "layers": layers,
            "users": [user_embed(self.users.resolve(ref)) for ref in item.objs("users") or []],
            "handover_start_at": fmt_time(start)
            if start
            else (old or {}).get("handover_start_at", fmt_time(now)),
            "handovers": handovers,
            "working_intervals": intervals,
        }
        effective = item.datetime("effective_from")
        if effective is not None:
            rotation["effective_from"] = fmt_time(effective)
        mode = item.enum("scheduling_mode", SCHEDULING_MODES)
        if mode is not None:
            rotation["scheduling_mode"] = mode
        return rotation


def _handovers(item: Fields, start: datetime) -> list[JSON]:
    """The rotation's handovers (weekly without any), each of which must end by the year 9999
    when taken from `start` (`handover_start_at`): who is on call is computed up to there."""
    items = item.objs("handovers") or []
    handovers = [
        {
            "interval": h.int("interval", required=True, minimum=1),
            "interval_type": h.enum("interval_type", INTERVAL_TYPES, required=True),
        }
        for h in items
    ] or [{"interval": 1, "interval_type": "weekly"}]
    fields = [h.path("interval") for h in items] or [item.path("handover_start_at")]
    for handover, field in zip(handovers, fields, strict=True):
        try:
            on_call.handover_end(start, handover, UTC)
        except OverflowError:
            raise invalid(
                field,
                f"{field}: {handover['interval']} {handover['interval_type']} handovers from "
                f"{fmt_time(start)} end after the year 9999",
            ) from None
    return handovers
