"""Schedule overrides after they are made: list them, move them, delete them.

The overrides live in the on-call store's table (`OnCall.overrides`), which computes who is on call
from them; so a moved or deleted override changes `GET /v2/schedule_entries` at once. As in
incident.io, overrides on one layer never overlap: a window moved over a neighbour takes that time
over, the neighbour is deleted and what is left of it outside the new window comes back as new
overrides with new ids. An override cannot change hands, and deleting one twice succeeds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from incidentio_toolkit.sandbox._util import JSON, fmt_time, parse_time, to_micros
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid, not_found
from incidentio_toolkit.sandbox.store._db import Database, Order, Page
from incidentio_toolkit.sandbox.store.on_call import OnCall, check_placement
from incidentio_toolkit.sandbox.store.schedules import Schedules
from incidentio_toolkit.sandbox.store.users import Users

BY_START: Order = (("start_us", "ASC"), ("seq", "ASC"))


class ScheduleOverrides:
    """The list, update and delete rules of the overrides stored by `OnCall`."""

    def __init__(self, db: Database, users: Users, schedules: Schedules, on_call: OnCall) -> None:
        self.db = db
        self.table = on_call.overrides
        self.users = users
        self.schedules = schedules
        self.on_call = on_call

    def page(
        self,
        schedule_id: str,
        *,
        rotation_id: str | None,
        layer_id: str | None,
        after: str | None,
        limit: int,
    ) -> Page:
        """A schedule's overrides by start time, optionally of one rotation or layer."""
        self.schedules.require(schedule_id, "schedule_id")
        where, params = ["schedule_id = ?"], [schedule_id]
        for column, value in (("rotation_id", rotation_id), ("layer_id", layer_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return self.table.page(
            where=" AND ".join(where), params=params, order=BY_START, after=after, limit=limit
        )

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

    def _take_over(
        self,
        id: str,
        placement: tuple[str, str, str],
        window: tuple[datetime, datetime],
        now: datetime,
    ) -> None:
        """Delete the other overrides of the layer that overlap `window`, keeping their time
        outside it as new overrides."""
        start, end = window
        schedule_id, rotation_id, layer_id = placement
        params: list[Any] = [schedule_id, rotation_id, layer_id, id, to_micros(end)]
        neighbours = self.table.find(
            "schedule_id = ? AND rotation_id = ? AND layer_id = ? AND id != ? "
            "AND start_us < ? AND end_us > ?",
            [*params, to_micros(start)],
        )
        for neighbour in neighbours:
            self.table.soft_delete(neighbour["id"])
            before = (parse_time(neighbour["start_at"]), start)
            after = (end, parse_time(neighbour["end_at"]))
            for left_start, left_end in (before, after):
                if left_start < left_end:
                    self.on_call.add_override(
                        placement, neighbour["user"], (left_start, left_end), now
                    )
