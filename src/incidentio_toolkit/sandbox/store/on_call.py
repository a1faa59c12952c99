"""Who is on call: the entries and shifts computed from a schedule's rotations and its overrides
(by `sandbox.domain.on_call`).

The schedules store keeps the rotations and the schedule overrides store the overrides; this store
answers `GET /v2/schedule_entries`, the `current_shifts`/`next_shifts` of a schedule and the
responders of escalation paths that target a schedule.
"""

from __future__ import annotations

from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.domain import on_call
from incidentio_toolkit.sandbox.store.schedule_overrides import ScheduleOverrides

EntriesPage = tuple[list[on_call.Entry], list[on_call.Entry], list[on_call.Entry], datetime | None]
"""`(scheduled, overrides, final, next_start)`; `next_start` is set when the page was cut."""


class OnCall:
    """Computed views of schedules; it stores nothing of its own."""

    def __init__(self, overrides: ScheduleOverrides) -> None:
        self.overrides = overrides

    def entries(self, schedule: JSON, window: tuple[datetime, datetime], limit: int) -> EntriesPage:
        """One page of schedule entries in `window`, at most `limit` scheduled ones."""
        return on_call.page(
            schedule.get("config"),
            schedule["timezone"],
            self.overrides.of_schedule(schedule["id"]),
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
            schedule.get("config"),
            schedule["timezone"],
            self.overrides.of_schedule(schedule["id"]),
            now,
        )
