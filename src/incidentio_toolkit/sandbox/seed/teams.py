"""Teams and who is in them (schedules and escalation paths name them in `team_ids`, see
`seed/on_call.py`): `write_teams` for any organisation, `seed_teams` for the demo one,
`random_teams` for a generated one."""

from __future__ import annotations

import random
from collections.abc import Sequence

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import stable_id
from incidentio_toolkit.sandbox.store import Store

_TEAMS = [
    (ids.TEAM_IDENTITY_ID, "Identity", [ids.USER_LIAM_ID]),
    (ids.TEAM_PAYMENTS_ID, "Payments", [ids.USER_SOFIA_ID, ids.USER_AMARA_ID, ids.USER_PRIYA_ID]),
    (ids.TEAM_PLATFORM_ID, "Platform", [ids.USER_MARCUS_ID, ids.USER_HANNAH_ID, ids.USER_CHLOE_ID]),
    (ids.TEAM_SEARCH_ID, "Search", [ids.USER_KENJI_ID, ids.USER_DIEGO_ID]),
]


def write_teams(store: Store, teams: Sequence[tuple[str, str, Sequence[str]]]) -> None:
    """Add each `(id, name, member user ids)` team; the users must exist already."""
    for team_id, name, member_ids in teams:
        store.teams.add(team_id, name, member_ids)


def seed_teams(store: Store) -> None:
    """The four teams of the demo organisation, alphabetically."""
    write_teams(store, _TEAMS)


_TEAM_NAMES = (
    "Checkout",
    "Core Infrastructure",
    "Data Platform",
    "Developer Experience",
    "Growth",
    "Mobile",
    "Notifications",
    "Risk",
    "Storage",
    "Web",
)


def random_teams(
    store: Store, rng: random.Random, user_ids: Sequence[str], count: int
) -> list[str]:
    """`count` teams of 2 to 6 of `user_ids` each (names numbered past the first ten). Returns the
    team ids in the order written."""
    teams: list[tuple[str, str, Sequence[str]]] = []
    for number in range(count):
        name = _TEAM_NAMES[number % len(_TEAM_NAMES)]
        if number >= len(_TEAM_NAMES):
            name = f"{name} {number // len(_TEAM_NAMES) + 1}"
        size = min(len(user_ids), rng.randrange(2, 7))
        teams.append((stable_id("team", "generated", name), name, rng.sample(list(user_ids), size)))
    write_teams(store, teams)
    return [team_id for team_id, _, _ in teams]
