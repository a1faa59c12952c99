"""The large organisation's teams as the API serves them (`/v3/teams`): each `Team` of the
generator, with its members, under an id derived from the seed and its name."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import stable_id
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.teams import write_teams


def team_id(org: LargeOrg, team: Team) -> str:
    """The team's id (the same in every part of the organisation)."""
    return stable_id("globex-team", str(org.seed), team.name)


def write_large_teams(org: LargeOrg) -> None:
    """Every team of the organisation with its members."""
    rows = [(team_id(org, t), t.name, [member["id"] for member in t.members]) for t in org.teams]
    write_teams(org.store, rows)
