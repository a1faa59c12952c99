"""Who is on call: schedule overrides (stored here) and the entries and shifts computed from a
schedule's rotations and its overrides (by `sandbox.domain.on_call`).

The schedules store keeps the rotations; this store answers `GET /v2/schedule_entries`,
`POST /v2/schedule_overrides`, the `current_shifts`/`next_shifts` of a schedule and the responders
of escalation paths that target a schedule. Listing, moving and deleting overrides is in
`store/schedule_overrides.py`.
"""

from __future__ import annotations

from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id, to_micros
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.domain import on_call
from incidentio_toolkit.sandbox.errors import invalid, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Table
from incidentio_toolkit.sandbox.store.schedules import Schedules, rotations_of
from incidentio_toolkit.sandbox.store.users import Users, user_embed

EntriesPage = tuple[list[on_call.Entry], list[on_call.Entry], list[on_call.Entry], datetime | None]
"""`(scheduled, overrides, final, next_start)`; `next_start` is set when the page was cut."""


class OnCall:
    """Stored rows hold `ScheduleOverrideV2`, indexed by schedule, rotation, layer and times."""

    def __init__(self, db: Database, users: Users, schedules: Schedules) -> None:
        self.overrides = Table(db, "schedule_overrides", "schedule override")
        self.users = users
        self.schedules = schedules

    # reads ---------------------------------------------------------------------------------
    def overrides_of(self, schedule_id: str) -> list[JSON]:
        """Overrides of a schedule, oldest first."""
        return self.overrides.find("schedule_id = ?", (schedule_id,))

    def entries(self, schedule: JSON, window: tuple[datetime, datetime], limit: int) -> EntriesPage:
        """One page of schedule entries in `window`, at most `limit` scheduled ones."""
        return on_call.page(
            schedule.get("config"),
            schedule["timezone"],
            self.overrides_of(schedule["id"]),
            window,
            limit,
        )

    def with_shifts(self, schedule: JSON, now: datetime, *, include_next: bool = True) -> JSON:
        """The schedule plus `current_shifts` (and `next_shifts`) at `now`."""
        current, upcoming = self._current_and_next(schedule, now)
        out = dict(schedule)
        out["current_shifts"] = [e.to_json() for e in current]
        out["next_shifts"] = [e.to_json() for e in upcoming] if include_next else []
        return out

    def on_call_users(
        self, schedule: JSON, now: datetime, rotation_id: str | None = None
    ) -> list[JSON]:
        """Users on call now (after overrides), optionally only on one rotation."""
        current, _ = self._current_and_next(schedule, now)
        return [e.user for e in current if rotation_id is None or e.rotation_id == rotation_id]

    def _current_and_next(
        self, schedule: JSON, now: datetime
    ) -> tuple[list[on_call.Entry], list[on_call.Entry]]:
        return on_call.current_and_next(
            schedule.get("config"), schedule["timezone"], self.overrides_of(schedule["id"]), now
        )

    # writes --------------------------------------------------------------------------------
    def create_override(self, body: Fields, now: datetime, *, id: str | None = None) -> JSON:
        """Create from `SchedulesCreateOverridePayloadV2`."""
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
        return self.add_override(placement, user_embed(user), (start, end), now, id=id)

    def add_override(
        self,
        placement: tuple[str, str, str],
        user: JSON,
        window: tuple[datetime, datetime],
        now: datetime,
        *,
        id: str | None = None,
    ) -> JSON:
        """Store a checked override: `(schedule, rotation, layer)` ids, a `UserV2`, its window."""
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
        self.overrides.insert(
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
