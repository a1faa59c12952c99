"""What the parts of the large organisation share while it is written: the random source, the
store, the size, and what earlier parts wrote (settings, people, teams, on-call) for later parts
to refer to."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.seed.large.settings import Settings
from incidentio_toolkit.sandbox.seed.large.shape import LargeOrgSize
from incidentio_toolkit.sandbox.store import Store

T = TypeVar("T")


@dataclass
class Team:
    """A team: its people, the services it owns and its on-call setup."""

    name: str
    services: tuple[str, str]
    timezone: str
    members: list[JSON] = field(default_factory=list[JSON])
    """Active responders and admins (stored `UserWithRolesV2`)."""
    schedule_ids: list[str] = field(default_factory=list[str])
    layers: list[tuple[str, str, str]] = field(default_factory=list[tuple[str, str, str]])
    """`(schedule_id, rotation_id, layer_id)` of every layer of the team's schedules."""
    path_ids: list[str] = field(default_factory=list[str])

    @property
    def channel(self) -> str:
        """The team's Slack channel id."""
        return "C" + "".join(c for c in self.name.upper() if c.isalpha())[:9].ljust(9, "0")


@dataclass
class LargeOrg:
    """The generation state handed from one part of the organisation to the next."""

    store: Store
    rng: random.Random
    size: LargeOrgSize
    settings: Settings
    seed: int = 0
    users: list[JSON] = field(default_factory=list[JSON])
    teams: list[Team] = field(default_factory=list[Team])

    def pick(self, items: Sequence[T]) -> T:
        """One item, uniformly."""
        return items[self.rng.randrange(len(items))]

    def chance(self, probability: float) -> bool:
        """True with `probability`."""
        return self.rng.random() < probability

    def some(self, items: Sequence[T], low: int, high: int) -> list[T]:
        """Between `low` and `high` distinct items (fewer when there are fewer)."""
        count = min(len(items), self.rng.randint(low, high))
        return self.rng.sample(list(items), count)

    def weighted(self, weights: dict[str, float]) -> str:
        """A key of `weights`, drawn in proportion to its weight."""
        left = self.rng.random() * sum(weights.values())
        keys = list(weights)
        for key in keys[:-1]:
            left -= weights[key]
            if left < 0:
                return key
        return keys[-1]

    @property
    def active_users(self) -> list[JSON]:
        """Every active user."""
        return [u for u in self.users if u["is_active"]]
