"""How big the large organisation is, and when its history happens.

The history is fixed in time (it ends at `HISTORY_END`), so the same seed and scale always give
the same organisation, whatever the date the sandbox starts on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

HISTORY_END = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
"""The last moment of the generated history (incidents, escalations, overrides created by then)."""
HISTORY_START = HISTORY_END - timedelta(days=730)
"""Two years before `HISTORY_END`: the first incident is declared after this."""
ORG_CREATED = HISTORY_START - timedelta(days=30)
"""When the organisation was set up: the creation time of its settings, people and schedules."""

MAX_SCALE = 5.0


@dataclass(frozen=True, slots=True)
class LargeOrgSize:
    """How many objects of each kind the generator writes."""

    incidents: int
    users: int
    schedules: int
    escalation_paths: int
    escalations: int
    workflows: int

    @classmethod
    def at_scale(cls, scale: float) -> LargeOrgSize:
        """The size at `scale` (1.0 is the full organisation; 0.02 a quick one for tests).

        Settings (severities, statuses, types, roles, custom fields) and the teams do not scale;
        every team keeps at least one schedule and one escalation path.
        """
        if not 0 < scale <= MAX_SCALE:
            raise ValueError(f"scale must be above 0 and at most {MAX_SCALE:g}, not {scale!r}")

        def scaled(full: int, floor: int) -> int:
            return max(floor, math.ceil(full * scale))

        return cls(
            incidents=scaled(10_000, 60),
            users=scaled(520, 60),
            schedules=scaled(44, 16),
            escalation_paths=scaled(34, 16),
            escalations=scaled(2_400, 30),
            workflows=scaled(64, 12),
        )
