"""The demo organisation's teams: who is in them (their schedules and escalation paths name them
in `team_ids`, see `seed/on_call.py`)."""

from __future__ import annotations

from collections.abc import Sequence

import incidentio_toolkit.sandbox.seed.ids as ids
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
