"""Schedule overrides: create, list, move and delete them.

The overrides live here; the on-call store (`store/on_call.py`) reads them to compute who is on
call, so a new, moved or deleted override changes `GET /v2/schedule_entries` at once. Overrides on
one layer never overlap (incident.io's spec says so of an update, and a create keeps the same
rule): an override created or moved over a neighbour takes that time over, the neighbour is
deleted and what is left of it outside the new window comes back as new overrides with new ids. An
override cannot change hands, and deleting one twice succeeds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, parse_time, to_micros
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid, not_found, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Order, Page, Table
from incidentio_toolkit.sandbox.store.schedules import Schedules, rotations_of
from incidentio_toolkit.sandbox.store.users import Users, user_embed

BY_START: Order = (("start_us", "ASC"), ("seq", "ASC"))
Placement = tuple[str, str, str]
"""The `(schedule, rotation, layer)` ids an override sits on."""


class ScheduleOverrides:
    """Stored rows hold `ScheduleOverrideV2`, indexed by schedule, rotation, layer and times."""

    def __init__(self, db: Database, users: Users, schedules: Schedules) -> None:
        self.db = db
        self.table = Table(db, "schedule_overrides", "schedule override")
        self.users = users
        self.schedules = schedules

    # reads ---------------------------------------------------------------------------------
    def of_schedule(self, schedule_id: str) -> list[JSON]:
        """Every override of a schedule, oldest first."""
        return self.table.find("schedule_id = ?", (schedule_id,))

    def page(
        self,
        schedule_id: str,
        *,
        rotation_id: str | None,
        layer_id: str | None,
        after: str | None,
        limit: int,
    ) -> Page:
        """A schedule's overrides by start time, optionally of one rotation or layer (each must
        be on the schedule: a 422 names the filter otherwise)."""
        schedule = self.schedules.require(schedule_id, "schedule_id")
        rotations = rotations_of(schedule)
        layers = {layer["id"] for r in rotations for layer in r["layers"]}
        where, params = ["schedule_id = ?"], [schedule_id]
        if rotation_id is not None:
            if rotation_id not in {r["id"] for r in rotations}:
                raise unknown_reference("rotation_id", "rotation on this schedule", rotation_id)
            where.append("rotation_id = ?")
            params.append(rotation_id)
        if layer_id is not None:
            if layer_id not in layers:
                raise unknown_reference("layer_id", "layer on this schedule", layer_id)
            where.append("layer_id = ?")
            params.append(layer_id)
        return self.table.page(
            where=" AND ".join(where), params=params, order=BY_START, after=after, limit=limit
        )

    # writes --------------------------------------------------------------------------------
    def create(self, body: Fields, now: datetime, *, id: str | None = None) -> JSON:
        """Create from `SchedulesCreateOverridePayloadV2`, taking its window over from the
        overrides already on the layer."""
        schedule_id = body.req_str("schedule_id")
        rotation_id = body.req_str("rotation_id")
        layer_id = body.req_str("layer_id")
        start = body.req_datetime("start_at")
        end = body.req_datetime("end_at")
        user = self.users.resolve(body.req_obj("user"))
        schedule = self.schedules.require(schedule_id, "schedule_id")
        check_placement(schedule, rotation_id, layer_id)
        if end <= start:
            raise invalid("end_at", "end_at must be after start_at")
        placement = (schedule_id, rotation_id, layer_id)
        with self.db.transaction():
            self._take_over(None, placement, (start, end), now)
            return self._insert(placement, user_embed(user), (start, end), now, id=id)

    def update(self, id: str, body: Fields, now: datetime) -> JSON:
        """Apply `SchedulesUpdateOverridePayloadV2`: the window, rotation and layer."""
        with self.db.transaction():
            override = self.table.show(id)
            rotation_id = body.req_str("rotation_id")
            layer_id = body.req_str("layer_id")
            start = body.req_datetime("start_at")
            end = body.req_datetime("end_at")
            user = self.users.resolve(body.req_obj("user"))
            schedule = self.schedules.require(override["schedule_id"], "schedule_id")
            check_placement(schedule, rotation_id, layer_id)
            owner: JSON = override.get("user") or {}
            if user["id"] != owner.get("id"):
                raise invalid(
                    "user",
                    "An override cannot be reassigned: send the user it already has, or delete "
                    "it and create a new override for someone else",
                )
            if end <= start:
                raise invalid("end_at", "end_at must be after start_at")
            placement = (override["schedule_id"], rotation_id, layer_id)
            self._take_over(id, placement, (start, end), now)
            override.update(
                rotation_id=rotation_id,
                layer_id=layer_id,
                start_at=fmt_time(start),
                end_at=fmt_time(end),
                updated_at=fmt_time(now),
            )
            self.table.update(
                id,
                override,
                rotation_id=rotation_id,
                layer_id=layer_id,
                start_us=to_micros(start),
                end_us=to_micros(end),
            )
            return override

    def delete(self, id: str) -> None:
        """Delete an override; one already deleted stays deleted (a retry succeeds)."""
        if self.table.exists(id):
            self.table.soft_delete(id)
        elif not self.table.ever_existed(id):
            raise not_found(self.table.kind, id)

    # internals -----------------------------------------------------------------------------
    def _take_over(
        self,
        id: str | None,
        placement: Placement,
        window: tuple[datetime, datetime],
        now: datetime,
    ) -> None:
        """Delete the other overrides of the layer that overlap `window` (all but override `id`),
        keeping their time outside it as new overrides."""
        start, end = window
        schedule_id, rotation_id, layer_id = placement
        where = (
            "schedule_id = ? AND rotation_id = ? AND layer_id = ? AND start_us < ? AND end_us > ?"
        )
        params: list[Any] = [schedule_id, rotation_id, layer_id, to_micros(end), to_micros(start)]
        if id is not None:
            where += " AND id != ?"
            params.append(id)
        for neighbour in self.table.find(where, params):
            self.table.soft_delete(neighbour["id"])
            before = (parse_time(neighbour["start_at"]), start)
            after = (end, parse_time(neighbour["end_at"]))
            for left_start, left_end in (before, after):
                if left_start < left_end:
                    self._insert(placement, neighbour["user"], (left_start, left_end), now)

    def _insert(
        self,
        placement: Placement,
        user: JSON,
        window: tuple[datetime, datetime],
        now: datetime,
        *,
        id: str | None = None,
    ) -> JSON:
        """Store a checked override: its placement, a `UserV2` and its window."""
        schedule_id, rotation_id, layer_id = placement
        start, end = window
        stamp = fmt_time(now)
        override: JSON = {
            "id": id or new_id(now),
            "schedule_id": schedule_id,
            "rotation_id": rotation_id,
            "layer_id": layer_id,
            "user": user,
            "start_at": fmt_time(start),
            "end_at": fmt_time(end),
            "created_at": stamp,
            "updated_at": stamp,
        }
        self.table.insert(
            override["id"],
            override,
            schedule_id=schedule_id,
            rotation_id=rotation_id,
            layer_id=layer_id,
            start_us=to_micros(start),
            end_us=to_micros(end),
        )
        return override


def check_placement(schedule: JSON, rotation_id: str, layer_id: str) -> None:
    """A 422 unless the rotation is on the schedule and the layer on the rotation."""
    versions = [r for r in rotations_of(schedule) if r["id"] == rotation_id]
    if not versions:
        raise unknown_reference("rotation_id", "rotation on this schedule", rotation_id)
    if not any(layer["id"] == layer_id for r in versions for layer in r["layers"]):
        raise unknown_reference("layer_id", "layer on this rotation", layer_id)
